package io.herald.compliance.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post body cut into tokens and sentences, once, for every detector. Not thread-safe: one per
 * check.
 *
 * <p>URLs, email addresses, @handles and #hashtags are single tokens, so the words inside them
 * are never read as names or claims.
 */
public final class Text {

    public static final byte WORD = 1;
    public static final byte NUMBER = 2;
    public static final byte PUNCT = 3;
    public static final byte URL = 4;
    public static final byte EMAIL = 5;
    public static final byte HANDLE = 6;
    public static final byte HASHTAG = 7;

    static final Pattern EMAIL_RE = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}");
    static final Pattern URL_RE = Pattern.compile(
            "(?i)\\b(?:(?:https?|ftp)://[^\\s<>\"]+|www\\.[^\\s<>\"]+|"
                    + "(?<![@\\w.-])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
                    + "\\.(?:com|org|net|gov|edu|us|io|info|health|care|example|biz|me|ly|app|co|clinic|org\\.uk|ca)"
                    + "(?![\\w-])(?:/[^\\s<>\"]*)?)");

    private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of(
            "dr", "mr", "mrs", "ms", "mx", "st", "jr", "sr", "vs", "etc", "no", "ave", "blvd", "rd", "mt", "ft",
            "dept", "approx", "prof", "rev", "gov", "sen", "rep", "capt", "lt", "sgt", "col", "gen", "ste", "apt",
            "fl", "rm", "inc", "co", "corp", "ltd", "hon", "pres", "supt", "fig", "est", "ln", "ct", "hwy", "pkwy",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "yrs", "yr", "mos", "wk", "wks", "min", "hrs",
            "dob", "tel", "ph", "ext", "pt", "pts", "u.s", "e.g", "i.e");

    public final String s;
    public final int n;

    public int count;
    public int[] start;
    public int[] end;
    public byte[] kind;
    /** Lower-case text of a token (curly apostrophes made straight, possessive 's removed). */
    public String[] lower;
    /** First char is an upper-case letter. */
    public boolean[] cap;
    /** Every letter is upper case and there are at least two. */
    public boolean[] allCaps;
    /** The word ends in 's or ’s. */
    public boolean[] possessive;
    /** A line break or the start of the text comes before the token. */
    public boolean[] lineStart;
    /** Sentence index of each token. */
    public int[] sent;

    public int sentences;
    /** First token of each sentence. */
    public int[] sentFirst = new int[16];
    /** One past the last token of each sentence. */
    public int[] sentLast = new int[16];

    public Text(String s) {
        this.s = s;
        this.n = s.length();
        // room for a post's tokens up front (about one per 4 chars), so the arrays rarely grow
        int room = Math.max(16, n / 3 + 8);
        start = new int[room];
        end = new int[room];
        kind = new byte[room];
        lower = new String[room];
        cap = new boolean[room];
        allCaps = new boolean[room];
        possessive = new boolean[room];
        lineStart = new boolean[room];
        sent = new int[room];
        tokenize();
        splitSentences();
    }

    private void tokenize() {
        // spans of emails and urls first
        int[] spanS = new int[8];
        int[] spanE = new int[8];
        byte[] spanK = new byte[8];
        int spans = 0;
        int at = s.indexOf('@');
        Matcher em = null;
        int emailEnd = -1;
        while (at > 0) {
            int st = at;
            while (st > 0 && isEmailLocal(s.charAt(st - 1))) {
                st--;
            }
            if (st < at && st >= emailEnd) {
                if (em == null) {
                    em = EMAIL_RE.matcher(s).useTransparentBounds(true);
                }
                em.region(st, n);
                // the local part may start later than st ("(jo@x.com"): try each start up to '@'
                for (int k = st; k < at; k++) {
                    em.region(k, n);
                    if (em.lookingAt()) {
                        if (spans == spanS.length) {
                            spanS = Arrays.copyOf(spanS, spans * 2);
                            spanE = Arrays.copyOf(spanE, spans * 2);
                            spanK = Arrays.copyOf(spanK, spans * 2);
                        }
                        spanS[spans] = em.start();
                        spanE[spans] = em.end();
                        spanK[spans++] = EMAIL;
                        emailEnd = em.end();
                        break;
                    }
                }
            }
            at = s.indexOf('@', Math.max(at + 1, emailEnd));
        }
        int[] cands = s.indexOf('.') >= 0 ? urlStarts(s) : null;
        if (cands != null && cands.length > 0) {
            Matcher m = URL_RE.matcher(s).useTransparentBounds(true);
            int lastEnd = -1;
            for (int cand : cands) {
                if (cand < lastEnd) {
                    continue;
                }
                m.region(cand, n);
                if (!m.lookingAt()) {
                    continue;
                }
                lastEnd = m.end();
                int st = m.start();
                int en = trimUrlEnd(s, st, m.end());
                boolean inside = false;
                for (int k = 0; k < spans; k++) {
                    if (st < spanE[k] && en > spanS[k]) {
                        inside = true;
                        break;
                    }
                }
                if (inside || en <= st) {
                    continue;
                }
                if (spans == spanS.length) {
                    spanS = Arrays.copyOf(spanS, spans * 2);
                    spanE = Arrays.copyOf(spanE, spans * 2);
                    spanK = Arrays.copyOf(spanK, spans * 2);
                }
                spanS[spans] = st;
                spanE[spans] = en;
                spanK[spans++] = URL;
            }
        }
        int i = 0;
        boolean newline = true;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028') {
                newline = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c) || c == '\u00A0') {
                i++;
                continue;
            }
            int span = -1;
            for (int k = 0; k < spans; k++) {
                if (spanS[k] == i) {
                    span = k;
                    break;
                }
            }
            if (span >= 0) {
                add(i, spanE[span], spanK[span], null, newline);
                newline = false;
                i = spanE[span];
                continue;
            }
            if ((c == '@' || c == '#') && i + 1 < n && isWordChar(s.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                int j = i + 1;
                while (j < n && (isWordChar(s.charAt(j)) || (s.charAt(j) == '.' && c == '@' && j + 1 < n
                        && isWordChar(s.charAt(j + 1))))) {
                    j++;
                }
                if (c == '#' && Character.isDigit(s.charAt(i + 1))) {
                    // "#4412" is a number sign, not a hashtag
                    add(i, i + 1, PUNCT, "#", newline);
                    newline = false;
                    i++;
                    continue;
                }
                add(i, j, c == '@' ? HANDLE : HASHTAG, s.substring(i, j).toLowerCase(Locale.ROOT), newline);
                newline = false;
                i = j;
                continue;
            }
            if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (Character.isLetterOrDigit(d) || d >= 0x300 && Character.getType(d) == Character.NON_SPACING_MARK) {
                        j++;
                    } else if ((d == '\'' || d == '\u2019' || d == '-') && j + 1 < n
                            && Character.isLetterOrDigit(s.charAt(j + 1))) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                addWord(i, j, newline);
                newline = false;
                i = j;
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (Character.isDigit(d)) {
                        j++;
                    } else if ((d == '.' || d == ',' || d == ':' || d == '/' || d == '-') && j + 1 < n
                            && Character.isDigit(s.charAt(j + 1))) {
                        j += 2;
                    } else if (Character.isLetter(d)) {
                        // 95th, 5K, 2pm, PM-20391-A style tails
                        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || (s.charAt(j) == '-' && j + 1 < n
                                && Character.isLetterOrDigit(s.charAt(j + 1))))) {
                            j++;
                        }
                        break;
                    } else {
                        break;
                    }
                }
                add(i, j, NUMBER, s.substring(i, j).toLowerCase(Locale.ROOT), newline);
                newline = false;
                i = j;
                continue;
            }
            int j = i + 1;
            if (Character.isHighSurrogate(c) && j < n) {
                j++;
            }
            add(i, j, PUNCT, s.substring(i, j), newline);
            newline = false;
            i = j;
        }
    }

    private static final java.util.Set<String> TLDS = java.util.Set.of("com", "org", "net", "gov", "edu", "us", "io",
            "info", "health", "care", "example", "biz", "me", "ly", "app", "co", "clinic", "ca");

    /**
     * Where a URL may start, in order: each "http"/"ftp"/"www." at a word start, and the start of
     * each dotted name that ends in a known top-level domain. The URL regex is tried only there.
     */
    private static int[] urlStarts(String s) {
        int[] out = new int[4];
        int k = 0;
        int n = s.length();
        for (int i = s.indexOf('.'); i > 0 && i < n - 2; i = s.indexOf('.', i + 1)) {
            char prev = s.charAt(i - 1);
            if (!Character.isLetterOrDigit(prev) && prev != '-' || !Character.isLetter(s.charAt(i + 1))) {
                continue;
            }
            int j = i + 1;
            while (j < n && Character.isLetter(s.charAt(j))) {
                j++;
            }
            if (j - i - 1 > 7 || !TLDS.contains(s.substring(i + 1, j).toLowerCase(Locale.ROOT))) {
                continue;
            }
            // back to the start of the name, or of a scheme before it
            int st = i;
            while (st > 0 && isUrlChar(s.charAt(st - 1))) {
                st--;
            }
            while (st < i && !Character.isLetterOrDigit(s.charAt(st))) {
                st++;
            }
            if (k == out.length) {
                out = Arrays.copyOf(out, k * 2);
            }
            out[k++] = st;
        }
        for (int i = 0; i + 3 < n; i++) {
            char c = s.charAt(i);
            if ((c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F')
                    && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                    && (s.regionMatches(true, i, "http", 0, 4) || s.regionMatches(true, i, "www.", 0, 4)
                    || s.regionMatches(true, i, "ftp:", 0, 4))) {
                if (k == out.length) {
                    out = Arrays.copyOf(out, k * 2);
                }
                out[k++] = i;
            }
        }
        out = Arrays.copyOf(out, k);
        Arrays.sort(out);
        return out;
    }

    private static boolean isUrlChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '/' || c == ':' || c == '_'
                || c == '~' || c == '%' || c == '?' || c == '=' || c == '&' || c == '+' || c == '#');
    }

    private static boolean isEmailLocal(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-');
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static int trimUrlEnd(String s, int st, int en) {
        while (en > st) {
            char c = s.charAt(en - 1);
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"'
                    || c == '\u2019' || c == '\u201D') {
                en--;
            } else if (c == ')' && s.lastIndexOf('(', en - 1) < st) {
                en--;
            } else {
                break;
            }
        }
        return en;
    }

    private void addWord(int st, int en, boolean newline) {
        String w = s.substring(st, en);
        boolean poss = false;
        int len = w.length();
        if (len > 2 && (w.charAt(len - 2) == '\'' || w.charAt(len - 2) == '\u2019')
                && (w.charAt(len - 1) == 's' || w.charAt(len - 1) == 'S')) {
            w = w.substring(0, len - 2);
            poss = true;
        }
        String lw = w.toLowerCase(Locale.ROOT);
        if (lw.indexOf('\u2019') >= 0) {
            lw = lw.replace('\u2019', '\'');
        }
        int t = add(st, en, WORD, lw, newline);
        possessive[t] = poss;
        char c0 = s.charAt(st);
        cap[t] = Character.isUpperCase(c0);
        int letters = 0;
        boolean upper = true;
        for (int k = 0; k < w.length(); k++) {
            char ch = w.charAt(k);
            if (Character.isLetter(ch)) {
                letters++;
                if (!Character.isUpperCase(ch)) {
                    upper = false;
                }
            }
        }
        allCaps[t] = upper && letters >= 2;
    }

    private int add(int st, int en, byte k, String lw, boolean newline) {
        if (count == start.length) {
            int cap2 = count * 2;
            start = Arrays.copyOf(start, cap2);
            end = Arrays.copyOf(end, cap2);
            kind = Arrays.copyOf(kind, cap2);
            lower = Arrays.copyOf(lower, cap2);
            cap = Arrays.copyOf(cap, cap2);
            allCaps = Arrays.copyOf(allCaps, cap2);
            possessive = Arrays.copyOf(possessive, cap2);
            lineStart = Arrays.copyOf(lineStart, cap2);
            sent = Arrays.copyOf(sent, cap2);
        }
        int t = count++;
        start[t] = st;
        end[t] = en;
        kind[t] = k;
        lower[t] = lw != null ? lw : s.substring(st, en).toLowerCase(Locale.ROOT);
        lineStart[t] = newline;
        return t;
    }

    private void splitSentences() {
        int cur = 0;
        int first = 0;
        for (int t = 0; t < count; t++) {
            if (t > first && lineStart[t]) {
                closeSentence(first, t);
                cur++;
                first = t;
            }
            sent[t] = cur;
            if (kind[t] == PUNCT) {
                char c = s.charAt(start[t]);
                boolean end = c == '!' || c == '?' || c == '\u2026'
                        || (c == '.' && !abbreviationBefore(t));
                if (end) {
                    // swallow runs like "!!!" or "?!" and closing quotes/brackets
                    int u = t + 1;
                    while (u < count && kind[u] == PUNCT && !lineStart[u]
                            && isTrailing(s.charAt(start[u]))) {
                        sent[u] = cur;
                        u++;
                    }
                    if (u < count) {
                        closeSentence(first, u);
                        cur++;
                        first = u;
                    }
                    t = u - 1;
                }
            }
        }
        if (count > first || count == 0) {
            closeSentence(first, count);
        }
    }

    private static boolean isTrailing(char c) {
        return c == '!' || c == '?' || c == '.' || c == '"' || c == '\'' || c == ')' || c == '\u201D'
                || c == '\u2019' || c == '\u2026';
    }

    private boolean abbreviationBefore(int t) {
        if (t == 0) {
            return false;
        }
        int p = t - 1;
        if (end[p] != start[t]) {
            return false;
        }
        if (kind[p] == NUMBER) {
            return false;
        }
        if (kind[p] != WORD) {
            return false;
        }
        String w = lower[p];
        if (w.length() == 1) {
            return true; // initials, a.m.
        }
        if (ABBREVIATIONS.contains(w)) {
            // "St." ends a sentence only when the next word starts a new sentence, which we cannot
            // tell; keep it inside
            return true;
        }
        return false;
    }

    private void closeSentence(int first, int last) {
        if (sentences == sentFirst.length) {
            sentFirst = Arrays.copyOf(sentFirst, sentences * 2);
            sentLast = Arrays.copyOf(sentLast, sentences * 2);
        }
        sentFirst[sentences] = first;
        sentLast[sentences] = last;
        sentences++;
    }

    // ------------------------------------------------------------------- helpers for detectors

    /** A matcher over the whole text whose regions see the text around them (for look-behinds). */
    public Matcher matcher(Pattern p) {
        return p.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** What to do with a match found by {@link #eachAt}. */
    public interface OnMatch {
        void accept(Matcher m);
    }

    /**
     * Tries {@code p.lookingAt()} at the start of each token whose lower-case text is in
     * {@code triggers} (null: every token of {@code kind}), instead of scanning the whole text:
     * a keyword regex costs one attempt per candidate token. Tokens inside a match are skipped.
     */
    public void eachAt(Pattern p, java.util.Set<String> triggers, byte tokenKind, OnMatch onMatch) {
        Matcher m = null;
        int after = -1;
        for (int i = 0; i < count; i++) {
            if (start[i] < after) {
                continue;
            }
            boolean candidate = triggers != null ? in(triggers, lower[i]) : this.kind[i] == tokenKind;
            if (!candidate) {
                continue;
            }
            if (m == null) {
                m = matcher(p);
            }
            m.region(start[i], n);
            if (m.lookingAt()) {
                after = m.end();
                onMatch.accept(m);
            }
        }
    }

    /** Which tokens are worth a regex attempt. */
    public interface TokenFilter {
        boolean test(Text t, int i);
    }

    /** Like {@link #eachAt} for the tokens of one kind that pass a cheap filter first. */
    public void eachAt(Pattern p, byte tokenKind, TokenFilter filter, OnMatch onMatch) {
        Matcher m = null;
        int after = -1;
        for (int i = 0; i < count; i++) {
            if (start[i] < after || this.kind[i] != tokenKind || !filter.test(this, i)) {
                continue;
            }
            if (m == null) {
                m = matcher(p);
            }
            m.region(start[i], n);
            if (m.lookingAt()) {
                after = m.end();
                onMatch.accept(m);
            }
        }
    }

    /** {@link #eachAt} for trigger tokens that also pass a cheap filter. */
    public void eachAt(Pattern p, java.util.Set<String> triggers, TokenFilter filter, OnMatch onMatch) {
        Matcher m = null;
        int after = -1;
        for (int i = 0; i < count; i++) {
            if (start[i] < after || !in(triggers, lower[i]) || !filter.test(this, i)) {
                continue;
            }
            if (m == null) {
                m = matcher(p);
            }
            m.region(start[i], n);
            if (m.lookingAt()) {
                after = m.end();
                onMatch.accept(m);
            }
        }
    }

    /** A token with a digit among the next {@code window} tokens after i. */
    public boolean digitWithin(int i, int window) {
        for (int k = i + 1; k <= Math.min(count - 1, i + window); k++) {
            if (kind[k] == NUMBER || (kind[k] == WORD || kind[k] == HASHTAG || kind[k] == HANDLE) && digits(k) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Digits in token i. */
    public int digits(int i) {
        int d = 0;
        for (int c = start[i]; c < end[i]; c++) {
            char ch = s.charAt(c);
            if (ch >= '0' && ch <= '9') {
                d++;
            }
        }
        return d;
    }

    /** The leading number of token i ("95th" is 95), or -1. */
    public int leadingInt(int i) {
        int v = 0;
        int c = start[i];
        int k = 0;
        while (c < end[i] && k < 9) {
            char ch = s.charAt(c);
            if (ch < '0' || ch > '9') {
                break;
            }
            v = v * 10 + (ch - '0');
            c++;
            k++;
        }
        return k == 0 ? -1 : v;
    }

    /** The char right after token i, or 0. */
    public char charAfter(int i) {
        return end[i] < n ? s.charAt(end[i]) : 0;
    }

    /**
     * Set membership with the common case, a {@link LexSet}, called directly (so the JIT inlines
     * its bit filter instead of dispatching through the Set interface).
     */
    static boolean in(java.util.Set<String> words, String w) {
        return words instanceof LexSet l ? l.contains(w) : words.contains(w);
    }

    /** Any token in [from, to) has its lower-case text in the set. */
    public boolean anyWordIn(int from, int to, java.util.Set<String> words) {
        for (int i = Math.max(0, from); i < Math.min(to, count); i++) {
            if (in(words, lower[i])) {
                return true;
            }
        }
        return false;
    }

    /** Any token's lower-case text is in the set. */
    public boolean hasAny(java.util.Set<String> words) {
        for (int i = 0; i < count; i++) {
            if (in(words, lower[i])) {
                return true;
            }
        }
        return false;
    }

    /** The words of {@code seq} in order from a token in [a, b), skipping full stops ("Franklin D. Roosevelt"). */
    public boolean containsWords(int a, int b, String[] seq) {
        for (int i = a; i + seq.length <= b; i++) {
            if (wordsAt(i, b, seq)) {
                return true;
            }
        }
        return false;
    }

    /** The words of {@code seq} in order from token i, before token b, skipping full stops. */
    public boolean wordsAt(int i, int b, String[] seq) {
        int j = i;
        for (int k = 0; k < seq.length; k++, j++) {
            while (k > 0 && j < b && punct(j) == '.') {
                j++;
            }
            if (j >= b || !lower[j].equals(seq[k])) {
                return false;
            }
        }
        return true;
    }

    public boolean isWord(int t) {
        return t >= 0 && t < count && kind[t] == WORD;
    }

    /** Lower-case word at token t, or "" when t is out of range or not a word. */
    public String w(int t) {
        return t >= 0 && t < count && kind[t] == WORD ? lower[t] : "";
    }

    /** Lower-case text of any token, or "" out of range. */
    public String tok(int t) {
        return t >= 0 && t < count ? lower[t] : "";
    }

    public char punct(int t) {
        return t >= 0 && t < count && kind[t] == PUNCT ? s.charAt(start[t]) : 0;
    }

    public int sentenceStart(int t) {
        return sentFirst[sent[t]];
    }

    public int sentenceEnd(int t) {
        return sentLast[sent[t]];
    }

    /** True when t is the first word of its sentence (quotes and emoji before it do not count). */
    public boolean sentenceInitial(int t) {
        int first = sentenceStart(t);
        for (int u = first; u < t; u++) {
            if (kind[u] == WORD || kind[u] == NUMBER) {
                return false;
            }
        }
        return true;
    }

    /** Index of the token that starts at or after char offset c. */
    public int tokenAt(int c) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] <= c) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The sentence holding char offset c. */
    public int sentenceOf(int c) {
        if (count == 0) {
            return 0;
        }
        int t = Math.min(tokenAt(c), count - 1);
        return sent[t];
    }
}
