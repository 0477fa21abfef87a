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

    /** "dad jokes", "mom jeans": not a parent being mocked. */
    private static final Set<String> JOKE_WORDS = Lexicon.set("joke", "jokes", "jeans", "bod", "bods", "humor", "humour",
            "puns", "pun", "dance", "dancing", "mode", "energy", "vibes");

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
                // ... or a place or brand name at the start ("Hell's Kitchen Cafe", "Hells Angels")
                if (len == 1 && t.cap[i] && !t.allCaps[i] && i + 1 < t.count && t.kind[i + 1] == Text.WORD
                        && t.cap[i + 1] && !t.allCaps[i + 1] && (t.possessive[i] || t.lower[i].endsWith("s"))) {
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
        demasked(sc, t, after);
        compounds(sc, t);
        screw(sc, t);
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

    /** Words written with symbols for letters: "d!ck", "bullsh!t", "sh1t", "cr@p", "@ss", "h*ll". */
    private static final String[] MASK_TARGETS = {"fuck", "fucking", "fucked", "fucker", "fuckin", "motherfucker", "shit",
        "shitty", "shits", "bullshit", "horseshit", "dipshit", "shithole", "bitch", "bitches", "bitchy", "ass", "asses",
        "asshole", "assholes", "jackass", "dumbass", "smartass", "badass", "damn", "damned", "dammit", "goddamn", "dick",
        "dicks", "dickhead", "crap", "crappy", "piss", "pissed", "hell", "bastard", "bastards", "douche", "douchebag", "cock",
        "cunt", "twat", "wanker", "prick", "arse", "arsehole", "bollocks", "wtf", "stfu"};
    private static final Set<String> MASK_EXACT = Set.of(MASK_TARGETS);

    private static boolean maskChar(char c) {
        return c == '*' || c == '@' || c == '$' || c == '!' || c == '#' || c == '%' || c == '1' || c == '0' || c == '3'
                || c == '5' || c == '4';
    }

    private static void demasked(Scan sc, Text t, int after) {
        String s = t.s;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            // only a symbol or digit touching a letter can start a masked word
            if (!maskChar(c) || i < after || !(i > 0 && Character.isLetter(s.charAt(i - 1))
                    || i + 1 < n && Character.isLetter(s.charAt(i + 1)))) {
                i++;
                continue;
            }
            int st = i;
            while (st > 0 && (Character.isLetter(s.charAt(st - 1)) || maskChar(s.charAt(st - 1)))) {
                st--;
            }
            while (i < n && (Character.isLetter(s.charAt(i)) || maskChar(s.charAt(i)))) {
                i++;
            }
            int en = i;
            while (en > st && (s.charAt(en - 1) == '!' || s.charAt(en - 1) == '*' || s.charAt(en - 1) == '#')) {
                en--; // "Wow!", "*bold*"
            }
            int b = st;
            while (b < en && (s.charAt(b) == '*' || s.charAt(b) == '#')) {
                b++;
            }
            if (en - b < 3 || en - b > 14 || b > 0 && (s.charAt(b - 1) == '.' || s.charAt(b - 1) == '/'
                    || Character.isDigit(s.charAt(b - 1)))) {
                continue;
            }
            boolean anyMask = false;
            for (int k = b; k < en && !anyMask; k++) {
                anyMask = !Character.isLetter(s.charAt(k));
            }
            if (!anyMask) {
                continue; // a plain word: the common case, nothing to build
            }
            int letters = 0;
            int masks = 0;
            int wild = 0;
            StringBuilder w = new StringBuilder(en - b);
            for (int k = b; k < en; k++) {
                char x = s.charAt(k);
                if (Character.isLetter(x)) {
                    letters++;
                    w.append(Character.toLowerCase(x));
                } else {
                    masks++;
                    switch (x) {
                        case '!', '1' -> w.append('i');
                        case '@', '4' -> w.append('a');
                        case '$', '5' -> w.append('s');
                        case '0' -> w.append('o');
                        case '3' -> w.append('e');
                        default -> {
                            w.append('?');
                            wild++;
                        }
                    }
                }
            }
            if (masks == 0 || letters < 2 || wild > letters) {
                continue;
            }
            String cand = w.toString();
            boolean hit = wild == 0 ? MASK_EXACT.contains(cand) : wildMatch(cand);
            if (hit && !(b > 0 && s.charAt(b - 1) == '@' && s.charAt(b) != '@')) {
                sc.add(Rules.CONDUCT_PROFANITY, b, en, "masked profanity");
            }
        }
    }

    private static boolean wildMatch(String cand) {
        for (String target : MASK_TARGETS) {
            if (target.length() != cand.length()) {
                continue;
            }
            boolean ok = true;
            for (int k = 0; k < cand.length() && ok; k++) {
                char c = cand.charAt(k);
                ok = c == '?' || c == target.charAt(k);
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** Compounds: "cheap-ass", "half-assed", "shit-show", "lardass", "butthole". */
    private static final Set<String> COMPOUND_PARTS = Lexicon.set("ass", "asses", "assed", "arse", "arsed", "shit",
            "shitty", "fuck", "fucking", "fucked", "crap", "crappy", "piss", "pissed", "bitch", "bitchy", "damn", "dick",
            "asshole", "assholes");
    private static final Set<String> ASS_PREFIXES = Lexicon.set("bad", "dumb", "jack", "smart", "fat", "lard", "hard",
            "kick", "half", "wise", "lazy", "cheap", "lame", "sorry", "broke", "dumb", "big", "sore");
    private static final Set<String> HOLE_PREFIXES = Lexicon.set("ass", "arse", "butt", "shit", "hell", "dick", "douche",
            "piss", "a");

    private static void compounds(Scan sc, Text t) {
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            String w = t.lower[i];
            char last = w.charAt(w.length() - 1);
            boolean hyphen = w.indexOf('-') > 0;
            if (!hyphen && last != 's' && last != 'e') {
                continue;
            }
            boolean hit = false;
            if (hyphen) {
                for (String part : w.split("-")) {
                    if (COMPOUND_PARTS.contains(part)) {
                        hit = true;
                        break;
                    }
                }
            }
            if (!hit && !(w.endsWith("ass") || w.endsWith("asses") || w.endsWith("hole") || w.endsWith("holes"))) {
                continue;
            }
            String base = w.endsWith("asses") ? w.substring(0, w.length() - 2)
                    : w.endsWith("holes") ? w.substring(0, w.length() - 1) : w;
            if (!hit && base.endsWith("ass") && base.length() > 3) {
                hit = ASS_PREFIXES.contains(base.substring(0, base.length() - 3).replace("-", ""));
            }
            if (!hit && base.endsWith("hole") && base.length() > 4) {
                hit = HOLE_PREFIXES.contains(base.substring(0, base.length() - 4).replace("-", ""));
            }
            if (hit) {
                sc.add(Rules.CONDUCT_PROFANITY, t.start[i], t.end[i], "profanity ('" + w + "')");
            }
        }
    }

    /** "Screw the insurance companies", "screw it": a curse, not the cap of a bottle. */
    private static final Set<String> SCREW_DIRECT = Lexicon.set("you", "them", "him", "her", "everyone", "everybody",
            "cancer", "covid", "mondays", "monday", "insurance", "insurers", "haters", "diets", "calories", "pharma",
            "y'all", "yall", "allergies", "winter");
    private static final Set<String> SCREW_DETERMINERS = Lexicon.set("the", "all", "those", "these", "your", "big", "that",
            "this");
    private static final Set<String> SCREW_TARGETS = Lexicon.set("insurance", "insurers", "haters", "system", "rules",
            "government", "critics", "doubters", "scale", "diet", "diets", "calories", "pharma", "flu", "virus", "cancer",
            "gym", "mondays", "monday", "winter", "pollen", "allergies", "traffic", "weather", "trolls", "naysayers",
            "bureaucracy", "paperwork", "companies", "corporations", "banks", "people", "patients", "doctors", "lawyers",
            "hospital", "hospitals", "algorithm", "irs", "politicians", "noise", "haters", "landlord", "guidelines");
    private static final Set<String> SCREW_PRONOUNS = Lexicon.set("it", "that", "this");

    private static void screw(Scan sc, Text t) {
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD || !t.lower[i].equals("screw")) {
                continue;
            }
            String prev = t.w(i - 1);
            if (!(t.sentenceInitial(i) || prev.equals("so") || prev.equals("just") || prev.equals("and")
                    || prev.equals("oh") || prev.equals("honestly") || prev.equals("seriously") || prev.equals("well"))) {
                continue;
            }
            String next = t.w(i + 1);
            boolean hit = SCREW_DIRECT.contains(next)
                    || SCREW_PRONOUNS.contains(next) && (i + 2 >= t.count || t.kind[i + 2] == Text.PUNCT)
                    || SCREW_DETERMINERS.contains(next) && (SCREW_TARGETS.contains(t.w(i + 2))
                            || SCREW_TARGETS.contains(t.w(i + 3)) && !t.w(i + 2).isEmpty());
            if (hit) {
                sc.add(Rules.CONDUCT_PROFANITY, t.start[i], t.end[Math.min(i + 1, t.count - 1)], "profanity ('screw ...')");
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
                    && !Lexicon.CREDENTIALS.contains(w)
                    && !sc.cfg.practiceNameTokens.contains(w); // the practice's own name in capitals is its logo, not shouting
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
                if (PATIENT_WORDS.contains(t.lower[i]) && !JOKE_WORDS.contains(t.w(i + 1))) {
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
        groupContempt(sc, t);
    }

    // ------------------------------------------------------ contempt for a group of patients

    /** Nouns that with "who"/"that" after them name a group of patients or the public. */
    private static final Set<String> GROUP_NOUNS = Lexicon.set("patients", "people", "folks", "parents", "anyone",
            "anybody", "those", "moms", "dads", "adults", "seniors", "smokers", "y'all", "ones", "everyone", "everybody",
            "customers", "clients", "guys", "ladies", "men", "women", "kids", "teens", "boomers", "whoever");
    /** A word before a group noun that makes it a group by itself: "some people", "old folks", "you people". */
    private static final Set<String> GROUP_MODIFIERS = Lexicon.set("some", "these", "certain", "old", "older", "you",
            "those", "such");
    private static final Set<String> GROUP_MODIFIED = Lexicon.set("people", "patients", "folks", "parents", "ladies",
            "men", "women", "moms", "dads", "guys", "people's");
    private static final Set<String> GROUP_SELF = Lexicon.set("boomers", "karens", "flyers", "fliers", "whoever",
            "frequent");
    /** What one deserves when "X deserves the ...": harm, not care. */
    private static final Set<String> HARM = Lexicon.set("heart", "attack", "stroke", "strokes", "cancer", "diabetes",
            "consequences", "pain", "bill", "bills", "infection", "infections", "amputation", "cavities", "cavity", "gum",
            "measles", "flu", "covid", "toothache", "toothaches", "hangover", "root", "dentures", "wait", "lecture",
            "wrath", "karma", "misery", "suffering", "complications", "er", "hospital", "ambulance", "whatever", "what",
            "worst", "side", "rash", "fine", "trouble");
    /** "Come on." or "come on, people": exasperation, not "come on in". */
    private static final Set<String> COME_ON_AFTER = Lexicon.set("people", "guys", "folks", "y'all", "now", "man",
            "really", "seriously", "everyone", "already");
    private static final Set<String> SCARE_QUOTED = Lexicon.set("can't", "cannot", "forgot", "forget", "forgets",
            "tried", "try", "tries", "trying", "allergic", "sick", "emergency", "emergencies", "busy", "lost", "need",
            "needs", "sure", "compliant", "diet", "dieting", "healthy", "pain", "fine", "working", "research",
            "researched", "urgent", "exercise", "exercised", "exercising", "forgetting", "lose", "quit", "quitting");
    private static final Set<String> THEN_WORDS = Lexicon.set("complain", "complains", "complaining", "whine", "whines",
            "blame", "blames", "wonder", "wonders", "argue", "argues", "yell", "yells", "cry", "cries", "demand",
            "demands", "expect", "expects", "act", "acts", "get", "gets");

    private static void groupContempt(Scan sc, Text t) {
        for (int sn = 0; sn < t.sentences; sn++) {
            int from = t.sentFirst[sn];
            int to = t.sentLast[sn];
            int g = -1;
            for (int i = from; i < to && g < 0; i++) {
                if (t.kind[i] != Text.WORD) {
                    continue;
                }
                String w = t.lower[i];
                String next = t.w(i + 1);
                if (GROUP_NOUNS.contains(w) && (next.equals("who") || next.equals("that") && !w.equals("those"))
                        || GROUP_MODIFIED.contains(w) && GROUP_MODIFIERS.contains(t.w(i - 1))
                        || GROUP_SELF.contains(w) && (!w.equals("frequent") || next.startsWith("fl"))) {
                    g = i;
                }
            }
            if (g < 0) {
                continue;
            }
            int hit = contemptAfter(sc, t, g + 1, to);
            if (hit < 0 && sn + 1 < t.sentences && shortSentence(t, sn + 1)) {
                hit = contemptAfter(sc, t, t.sentFirst[sn + 1], t.sentLast[sn + 1]);
            }
            if (hit >= 0) {
                sc.add(Rules.CONDUCT_DISPARAGING, t.start[g], t.end[hit], "contempt for a group of patients or the public");
            }
        }
    }

    /** The token of a blaming or contemptuous predicate in tokens [from, to), or -1. */
    private static int contemptAfter(Scan sc, Text t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (t.kind[i] == Text.PUNCT) {
                int cp = t.s.codePointAt(t.start[i]);
                if (cp == 0x1F644 || cp == 0x1F926) {
                    return i;
                }
                char c = t.s.charAt(t.start[i]);
                if ((c == '"' || c == '\u201C') && i + 2 < to && t.kind[i + 1] == Text.WORD
                        && SCARE_QUOTED.contains(t.lower[i + 1]) && t.kind[i + 2] == Text.PUNCT
                        && (t.s.charAt(t.start[i + 2]) == '"' || t.s.charAt(t.start[i + 2]) == '\u201D')) {
                    return i + 2;
                }
                continue;
            }
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            String w = t.lower[i];
            switch (w) {
                case "deserve", "deserves", "deserved" -> {
                    if (negated(t, i, 2)) {
                        continue;
                    }
                    for (int k = i + 1; k <= Math.min(to - 1, i + 3); k++) {
                        if (t.kind[k] == Text.WORD && HARM.contains(t.lower[k])) {
                            return k;
                        }
                        if (t.kind[k] == Text.WORD && (t.lower[k].equals("it") && k == i + 1
                                && (k + 1 >= to || t.kind[k + 1] == Text.PUNCT) && !t.w(i - 1).equals("you"))) {
                            return k;
                        }
                    }
                }
                case "bane" -> {
                    if (t.w(i + 1).equals("of")) {
                        return i + 1;
                    }
                }
                case "come", "c'mon", "cmon" -> {
                    if (w.equals("come") && !t.w(i + 1).equals("on")) {
                        continue;
                    }
                    int nx = w.equals("come") ? i + 2 : i + 1;
                    boolean ends = nx >= to || t.kind[nx] == Text.PUNCT;
                    if ((ends || COME_ON_AFTER.contains(t.w(nx))) && !negated(t, i, 2)) {
                        return nx - 1;
                    }
                }
                case "then" -> {
                    String nx = t.w(i + 1);
                    if (THEN_WORDS.contains(nx) && !(nx.equals("get") || nx.equals("gets") || nx.equals("act")
                            || nx.equals("acts")) || (nx.equals("get") || nx.equals("gets")) && (t.w(i + 2).equals("mad")
                            || t.w(i + 2).equals("angry") || t.w(i + 2).equals("upset"))
                            || (nx.equals("act") || nx.equals("acts")) && (t.w(i + 2).equals("surprised")
                            || t.w(i + 2).equals("shocked"))) {
                        return i + 1;
                    }
                }
                case "smh", "eyeroll", "ugh", "lol", "lmao", "facepalm" -> {
                    return i;
                }
                default -> { }
            }
        }
        return -1;
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
