package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Profanity, shouting, and mocking or disparaging patients. */
final class Conduct {

    private Conduct() {}

    private static final Pattern MASKED = Pattern.compile(
            "(?i)(?<![\\w*])(?:f[*@#$%]+c?k\\w*|f[*@#$%]{2,}|sh[*@#$%!1]+t\\w*|s[*@#$%]{2,}t|b[*@#$%!1]+tch\\w*"
                    + "|a[*@#$%]{2,}(?:holes?)?|a-holes?\\b|d[*@#$%]mn\\w*|a\\$\\$(?:hole)?|\\$h[i1*]t)(?![\\w*])");
    private static final String[] HASHTAG_PROFANITY = {"fuck", "shit", "bitch", "bullshit", "asshole", "damn", "wtf",
        "crap", "fml", "stfu", "pissed", "freaking", "frickin"};
    private static final Set<String> TARGETS = Lexicon.set("patient", "patients", "people", "folks", "parents",
            "moms", "dads", "families", "y'all", "everyone", "anyone", "anybody", "somebody", "someone",
            "they", "them", "these", "those", "customers", "clients", "seniors", "elderly", "kids", "teens",
            "women", "men", "smokers", "addicts", "anti-vaxxers", "antivaxxers", "anti-vaxers", "vaxxers",
            "who", "whoever", "guy", "lady", "man", "woman", "he", "she", "you", "your", "yourself", "yourselves",
            "pts", "visitors", "mothers", "fathers", "boomers", "millennials", "people's", "population", "obese");
    /** Insults that name people by themselves ("idiots", "drug seekers"): no target word needed. */
    private static final Set<String> SELF_TARGETED = Lexicon.set("idiots", "morons", "losers", "whiners", "lunatics",
            "psychos", "weirdos", "freaks", "slobs", "junkies", "druggies", "crackheads", "gomers", "imbeciles",
            "hypochondriacs", "seekers", "flyers", "fliers", "queens", "clowns", "sheeple", "snowflakes", "potatoes",
            "idiot", "moron", "loser", "hypochondriac", "junkie", "druggie", "crackhead", "imbecile", "lunatic",
            "psycho", "weirdo", "gomer", "seeker", "flyer");
    private static final Set<String> CRAZY_OK = Lexicon.set("busy", "good", "fast", "hot", "cold", "long", "popular",
            "week", "day", "season", "times", "amount", "hours", "weather", "year", "about", "for");
    private static final Set<String> MOCK = Lexicon.set("lol", "lmao", "lmfao", "rofl", "smh", "facepalm", "haha",
            "hahaha", "ugh", "eyeroll", "sigh");
    private static final Set<String> PATIENT_WORDS = Lexicon.set("patient", "patients", "pt", "pts", "parent", "parents", "mom", "dad", "guy", "lady", "man", "woman", "someone", "somebody");

    static void run(Scan sc) {
        profanity(sc);
        shouting(sc);
        disparaging(sc);
    }

    // ----------------------------------------------------------------------------- profanity

    private static void profanity(Scan sc) {
        if (!sc.on(Rules.CONDUCT_PROFANITY)) {
            return;
        }
        Text t = sc.t;
        PhraseSet p = sc.cfg.profanity;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD && t.kind[i] != Text.HASHTAG) {
                continue;
            }
            int len = p.matchAt(t, i);
            if (len > 0) {
                // a capitalised word in mid-sentence may be a name (Dick, Hell's Kitchen)
                if (len == 1 && t.cap[i] && !t.allCaps[i] && !t.sentenceInitial(i)) {
                    continue;
                }
                sc.add(Rules.CONDUCT_PROFANITY, t.start[i], t.end[i + len - 1],
                        "profanity ('" + t.s.substring(t.start[i], t.end[i + len - 1]).toLowerCase(Locale.ROOT) + "')");
                i += len - 1;
            }
        }
        String s = t.s;
        Matcher m = null;
        int after = -1;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i < after || !(c == '*' || c == '$' || c == '#' || c == '@' || c == '!') || !Character.isLetter(s.charAt(i - 1))
                    && c != '$') {
                continue;
            }
            int st = i;
            while (st > 0 && (Character.isLetter(s.charAt(st - 1)) || s.charAt(st - 1) == '$')) {
                st--;
            }
            if (m == null) {
                m = t.matcher(MASKED);
            }
            m.region(st, s.length());
            if (m.lookingAt()) {
                after = m.end();
                sc.add(Rules.CONDUCT_PROFANITY, m.start(), m.end(), "masked profanity");
            }
        }
        int k = 0;
        for (String h : sc.input.hashtags()) {
            k++;
            String lh = h.toLowerCase(Locale.ROOT);
            for (String bad : HASHTAG_PROFANITY) {
                if (lh.contains(bad)) {
                    sc.add(Rules.CONDUCT_PROFANITY, -1, -1, "profanity in hashtag " + k + " ('" + bad + "')");
                    break;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ shouting

    private static void shouting(Scan sc) {
        if (!sc.on(Rules.CONDUCT_SHOUTING)) {
            return;
        }
        Text t = sc.t;
        int letters = 0;
        int upper = 0;
        int capsWords = 0;
        int run = 0;
        int bestRun = 0;
        int runStart = -1;
        int bestStart = -1;
        int bestEnd = -1;
        int firstCaps = -1;
        int lastCaps = -1;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                if (t.kind[i] == Text.URL || t.kind[i] == Text.EMAIL) {
                    run = 0;
                }
                continue;
            }
            String w = t.lower[i];
            int len = t.end[i] - t.start[i];
            letters += len;
            boolean shout = t.allCaps[i] && !sc.cfg.acronyms.contains(w) && (Lexicon.english(w) || w.length() >= 5)
                    && !Lexicon.CREDENTIALS.contains(w);
            if (t.allCaps[i]) {
                upper += len;
            }
            if (shout) {
                capsWords++;
                if (run == 0) {
                    runStart = i;
                }
                run++;
                if (firstCaps < 0) {
                    firstCaps = t.start[i];
                }
                lastCaps = t.end[i];
                if (run > bestRun) {
                    bestRun = run;
                    bestStart = t.start[runStart];
                    bestEnd = t.end[i];
                }
            } else {
                run = 0;
            }
        }
        if (bestRun >= sc.cfg.shoutMinRun) {
            sc.add(Rules.CONDUCT_SHOUTING, bestStart, bestEnd, "shouting: " + bestRun + " upper-case words in a row");
        } else if (capsWords >= sc.cfg.shoutMinWords && letters > 0 && upper >= sc.cfg.shoutMinRatio * letters) {
            sc.add(Rules.CONDUCT_SHOUTING, firstCaps, lastCaps,
                    "shouting: " + Math.round(100.0 * upper / letters) + "% of the letters are upper case");
        }
    }

    // --------------------------------------------------------------------------- disparaging

    private static void disparaging(Scan sc) {
        if (!sc.on(Rules.CONDUCT_DISPARAGING)) {
            return;
        }
        Text t = sc.t;
        PhraseSet insults = sc.cfg.insults;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            int len = insults.matchAt(t, i);
            if (len == 0) {
                continue;
            }
            String w = t.lower[i];
            String next = t.w(i + len);
            if (w.equals("lazy") && next.equals("eye") || w.equals("crazy") && CRAZY_OK.contains(next)
                    || w.equals("dumb") && next.equals("luck") || w.equals("ridiculous") && next.equals("amount")) {
                continue;
            }
            if (negated(t, i, 5)) {
                continue;
            }
            int sn = t.sent[i];
            String lastWord = t.lower[i + len - 1];
            boolean target = SELF_TARGETED.contains(lastWord) || sentenceHasTarget(t, sn)
                    || sn > 0 && sentenceHasTarget(t, sn - 1) && shortSentence(t, sn);
            if (target) {
                sc.add(Rules.CONDUCT_DISPARAGING, t.start[i], t.end[i + len - 1], "disparaging words about patients or the public ('"
                        + t.s.substring(t.start[i], t.end[i + len - 1]).toLowerCase(Locale.ROOT) + "')");
                i += len - 1;
            }
        }
        // mocking: laughing at what a patient said or did
        boolean patient = false;
        int mockAt = -1;
        int mockEnd = -1;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.WORD) {
                if (PATIENT_WORDS.contains(t.lower[i])) {
                    patient = true;
                }
                if (MOCK.contains(t.lower[i]) && mockAt < 0) {
                    mockAt = t.start[i];
                    mockEnd = t.end[i];
                }
            } else if (t.kind[i] == Text.PUNCT && mockAt < 0) {
                int cp = t.s.codePointAt(t.start[i]);
                if (cp == 0x1F602 || cp == 0x1F923 || cp == 0x1F644 || cp == 0x1F926 || cp == 0x1F92A || cp == 0x1F921) {
                    mockAt = t.start[i];
                    mockEnd = t.end[i];
                }
            }
        }
        if (patient && mockAt >= 0) {
            sc.add(Rules.CONDUCT_DISPARAGING, mockAt, mockEnd, "mocking a patient (laughing or eye-rolling)");
        }
    }

    /** Plain negation only: "stop being lazy" still insults, "no stupid questions" does not. */
    private static boolean negated(Text t, int i, int window) {
        int from = Math.max(t.sentenceStart(i), i - window);
        for (int k = i - 1; k >= from; k--) {
            if (t.kind[k] == Text.WORD) {
                String w = t.lower[k];
                if (w.equals("no") || w.equals("not") || w.equals("never") || w.endsWith("n't") || w.equals("nothing")
                        || w.equals("without") || w.equals("nobody") || w.equals("none") || w.equals("cannot")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sentenceHasTarget(Text t, int sn) {
        for (int k = t.sentFirst[sn]; k < t.sentLast[sn]; k++) {
            if (t.kind[k] == Text.WORD && TARGETS.contains(t.lower[k])) {
                return true;
            }
        }
        return false;
    }

    private static boolean shortSentence(Text t, int sn) {
        int words = 0;
        for (int k = t.sentFirst[sn]; k < t.sentLast[sn]; k++) {
            if (t.kind[k] == Text.WORD) {
                words++;
            }
        }
        return words <= 4;
    }
}
