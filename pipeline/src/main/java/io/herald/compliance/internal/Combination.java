package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quasi-identifiers that together single a patient out, though none is an identifier alone: one
 * person (or a notable person, or a relative of one), an injury or treatment, and a named event,
 * a time or a place ("the governor's son came in for stitches after a skiing accident today").
 */
final class Combination {

    private Combination() {}

    private static final Set<String> NOTABLE = Lexicon.set("governor", "mayor", "senator", "congressman",
            "congresswoman", "president", "sheriff", "judge", "superintendent", "principal", "quarterback",
            "celebrity", "actor", "actress", "singer", "rapper", "athlete", "anchor", "newscaster", "ceo",
            "councilman", "councilwoman", "councilmember", "commissioner", "olympian", "influencer", "youtuber",
            "billionaire", "millionaire", "famous", "well-known", "pitcher", "coach", "pastor", "bishop", "rabbi",
            "imam", "chief", "legislator", "lawmaker", "alderman", "alderwoman", "legend", "mvp",
            "owner", "founder", "heiress", "heir", "royal", "prince", "princess", "ambassador", "astronaut");
    /** Public roles that single out their relatives: "the dean's wife". */
    private static final Set<String> NOTABLE_FOR_RELATIVES = Lexicon.set("dean", "chancellor", "provost", "priest",
            "councillor", "councilor", "star", "captain", "police", "chief", "pastor", "principal", "coach", "judge");
    private static final Set<String> NOTABLE_BEFORE = Lexicon.set("the", "our", "a", "local", "former", "state",
            "city", "town", "county", "school", "famous", "well-known", "team's", "team", "nfl", "nba", "mlb",
            "nhl", "olympic", "pop", "country", "tv", "movie", "news");
    private static final Set<String> ARTICLES = Lexicon.set("the", "a", "an");
    private static final Set<String> OCCUPATION = Lexicon.set("carrier", "mailman", "postman", "postwoman",
            "crossing", "librarian", "teacher", "firefighter", "fireman", "policeman", "officer", "barista",
            "bartender", "janitor", "custodian", "lifeguard", "waitress", "waiter", "cashier", "farmer",
            "driver", "pharmacist", "banker", "lawyer", "attorney", "plumber", "electrician", "mechanic",
            "trucker", "nanny", "babysitter", "referee", "umpire", "veterinarian", "vet", "dentist", "reporter",
            "journalist", "priest", "nun", "deacon", "guard", "student", "cheerleader", "captain", "editor",
            "editor-in-chief", "publisher", "director", "conductor", "swimmer", "runner", "medalist", "champion",
            "owner", "chef", "manager", "organist", "choir", "bandleader", "columnist", "weatherman", "meteorologist",
            "realtor", "shopkeeper", "grocer", "baker", "butcher", "florist", "barber", "hairdresser", "stylist",
            "postmaster", "ranger", "warden", "keeper", "lighthouse", "valedictorian", "goalie", "shortstop");
    private static final Set<String> RELATION = Lexicon.set("son", "daughter", "wife", "husband", "mother", "father",
            "mom", "dad", "brother", "sister", "kid", "kids", "child", "children", "grandson", "granddaughter",
            "grandmother", "grandfather", "grandma", "grandpa", "nephew", "niece", "cousin", "aunt", "uncle",
            "girlfriend", "boyfriend", "fiance", "fiancé", "fiancée", "spouse", "partner", "twin", "baby",
            "stepson", "stepdaughter", "mother-in-law", "father-in-law");
    private static final Set<String> ONE_PERSON = Lexicon.set("patient", "he", "she", "him", "her", "his", "man",
            "woman", "boy", "girl", "guy", "lady", "gentleman", "teen", "teenager", "toddler", "infant", "newborn",
            "baby", "victim", "driver", "passenger", "cyclist", "biker", "motorcyclist", "pedestrian", "hiker",
            "skier", "snowboarder", "swimmer", "runner", "student", "mom", "dad", "son", "daughter", "kid", "child",
            "veteran", "worker", "player", "senior", "grandmother", "grandfather", "resident");
    private static final Set<String> TREATMENT = Lexicon.set("stitches", "sutures", "stitched", "broken", "fracture",
            "fractured", "concussion", "surgery", "injury", "injuries", "injured", "burns", "burned", "burnt",
            "overdose", "overdosed", "admitted", "icu", "er", "trauma", "cast", "treated", "airlifted", "ambulance",
            "intubated", "stable", "critical", "recovering", "wound", "wounds", "gunshot", "stab", "stabbed",
            "bleeding", "seizure", "stroke", "cpr", "resuscitated", "transplant", "amputation", "amputated",
            "dislocated", "sprained", "torn", "hospitalized", "hospitalised", "rushed", "transported", "x-ray",
            "x-rays", "scan", "surgeon", "operated", "diagnosed", "diagnosis", "splint", "crutches", "wheelchair", "healing", "heals",
            "hurt", "bitten", "poisoning", "poisoned", "drowned", "revived", "paralyzed", "coma", "jaw", "leg",
            "arm", "skull", "ribs", "hip", "wrist", "ankle", "collarbone", "ventilator", "pneumonia", "mammogram",
            "follow-up", "checkup", "check-up", "rehab", "chemo", "radiation", "dialysis", "stent", "repaired",
            "shingles", "recovery", "recovered", "biopsy", "cancer", "tumor", "tumour", "discharged", "icu", "nicu",
            "mend", "treating", "bypass", "cardiac", "infection", "physical", "therapy", "shots", "diagnosed",
            "leukemia", "pacemaker", "replacement", "checkups", "mri", "colonoscopy", "elbow", "shoulder", "knee", "exam", "burn", "antibiotics", "discharge", "reconstruction", "removed", "gallbladder", "breathing");
    private static final Set<String> EVENT = Lexicon.set("accident", "crash", "collision", "wreck", "fight",
            "brawl", "shooting", "stabbing", "fire", "explosion", "drowning", "pileup", "pile-up", "attack",
            "assault", "incident", "rollover", "hit-and-run", "mauling", "rampage", "riot", "derailment",
            "standoff", "blaze", "shootout", "carjacking", "robbery", "mishap", "spill", "wipeout", "hit",
            "wedding", "party", "game", "match", "tournament", "parade", "concert", "rodeo", "marathon", "festival",
            "prom", "homecoming", "reunion", "fall", "fell");
    private static final Pattern TIME = Pattern.compile("(?i)\\b(?:today|tonight|yesterday|last night|this morning"
            + "|this afternoon|this evening|this weekend|last weekend|over the weekend|earlier today|overnight"
            + "|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:monday|tuesday|wednesday|thursday"
            + "|friday|saturday|sunday)(?:'s| night| morning| afternoon| evening)|last (?:monday|tuesday|wednesday"
            + "|thursday|friday|saturday|sunday)|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern PLACE = Pattern.compile("\\b(?:on|at|near|off|along)\\s+(?:the\\s+)?(?:[A-Z][a-z]+\\s+)+"
            + "(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|Lane|Ln|Highway|Hwy|Bridge|Park|Mall|Square"
            + "|Elementary|High|Middle|School|Church|Bar|Pub|Tavern|Club|Stadium|Arena|Field|Lake|River|Beach)\\b"
            + "|\\b(?:Route|Rte|Highway|Hwy|Interstate|I|US|SR|County Road|CR)[- ]?\\d{1,3}\\b");

    private static final Set<String> TIME_TRIGGERS = Lexicon.set("today", "tonight", "yesterday", "last", "this", "over",
            "earlier", "overnight", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final Set<String> PLACE_TRIGGERS = Lexicon.set("on", "at", "near", "off", "along", "route", "rte",
            "highway", "hwy", "interstate", "i", "us", "sr", "county", "cr", "i-95", "i-80", "i-10", "i-5");

    private static boolean found(Text t, Pattern p, Set<String> triggers) {
        boolean[] hit = {false};
        t.eachAt(p, triggers, (byte) 0, m -> hit[0] = true);
        if (!hit[0] && p == PLACE) {
            // "I-95" and "US-1" tokenise as one word
            for (int i = 0; i < t.count && !hit[0]; i++) {
                if (t.kind[i] == Text.WORD && t.lower[i].indexOf('-') > 0) {
                    Matcher m = t.matcher(p).region(t.start[i], t.n);
                    hit[0] = m.lookingAt();
                }
            }
        }
        return hit[0];
    }

    private static final Pattern OWN_WORDS = Pattern.compile("(?i)\\b(?:spoke|speaks|talked|talks|wrote|writes)\\s+(?:publicly|openly)"
            + "|\\b(?:publicly|openly)\\s+(?:shared|discussed|disclosed|announced|spoke|talked)|\\breportedly\\b|\\bin (?:an? )?interviews?\\b"
            + "|\\b(?:announced|revealed) (?:publicly|in|on|that)\\b");
    private static final Pattern CARED_HERE = Pattern.compile("(?i)\\b(?:we|our team|our (?:doctors?|surgeons?|staff|nurses?|clinic|office))"
            + " (?:treated|saw|see|cared for|operated|are treating|have been treating|helped)\\b|\\bour patient\\b|\\bcame (?:in|to us|to see us)\\b"
            + "|\\bwith us\\b|\\bin our (?:office|clinic|chair|care)\\b");

    private static boolean patientWord(Text t) {
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.WORD && t.lower[i].equals("patient")) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> LOCAL = Lexicon.set("town", "local", "city", "county", "village", "town's",
            "city's", "neighborhood", "favorite", "beloved");
    private static final Set<String> CARE_VERBS = Lexicon.set("treated", "diagnosed", "saw", "see", "cared",
            "operated", "admitted", "discharged", "delivered", "stitched", "vaccinated", "resuscitated", "revived");
    private static final Set<String> LIVES = Lexicon.set("lives", "lived", "resides", "owns", "runs", "works",
            "coaches", "teaches", "drives", "delivers");
    private static final Set<String> CARE_NOUNS = Lexicon.set("mammogram", "follow-up", "checkup", "check-up",
            "rehab", "surgery", "chemo", "radiation", "biopsy", "dialysis", "transplant", "diagnosis", "treatment",
            "recovery", "physical", "therapy", "one-year", "six-month", "colonoscopy", "scan", "mri", "stent",
            "pneumonia", "cancer", "stroke", "fracture", "concussion", "shoulder", "knee", "hip", "acl", "heart",
            "appointment", "procedure", "operation", "infusion", "prognosis", "results");
    private static final Set<String> NOT_ONLY = Lexicon.set("way", "thing", "things", "time", "one", "ones", "option",
            "options", "cure", "treatment", "reason", "place", "sure", "difference", "question", "real", "true",
            "proven", "safe", "fda-approved", "approved", "person", "people", "requirement", "downside", "risk",
            "cost", "exception", "thing", "available");

    /** "the only family in Pine Hollow", "our town's only veterinarian": one person or household. */
    private static boolean onlyOne(Text t, int i) {
        String prev = t.w(i - 1);
        if (!prev.equals("the") && !prev.equals("our") && !(i > 0 && t.possessive[i - 1])) {
            return false;
        }
        String nx = t.w(i + 1);
        if (nx.isEmpty() || NOT_ONLY.contains(nx) || !Character.isLetter(nx.charAt(0))) {
            return false;
        }
        // a place or a qualifier follows within a few words: "in town", "in Pine Hollow", "with triplets"
        for (int k = i + 2; k < Math.min(t.count, i + 6); k++) {
            String w = t.w(k);
            if (w.equals("in") || w.equals("with") || w.equals("on") || w.equals("at") || w.equals("from")
                    || w.equals("who") || w.equals("is") || w.equals("was")) {
                return true;
            }
        }
        return ONE_PERSON.contains(nx) || OCCUPATION.contains(nx) || nx.equals("family");
    }

    /** A proper name just before a role, after "the" or a possessive: "The Springfield Courier's editor". */
    private static boolean namedBefore(Text t, int i) {
        int k = i - 1;
        int caps = 0;
        int lowers = 0;
        while (k >= 0 && k >= i - 5 && (t.kind[k] == Text.WORD || t.kind[k] == Text.NUMBER
                || t.kind[k] == Text.PUNCT && t.s.charAt(t.start[k]) == '\'')) {
            if (t.kind[k] != Text.WORD) {
                if (k > 0 && t.kind[k] == Text.PUNCT && t.cap[k - 1]) {
                    return true; // "The Tigers' starting pitcher"
                }
                k--;
                continue;
            }
            if (t.possessive[k] && t.cap[k]) {
                return true;
            }
            if (t.cap[k] && !t.sentenceInitial(k)) {
                caps++;
            } else if (ARTICLES.contains(t.lower[k]) || t.lower[k].equals("our")) {
                break;
            } else if (!t.cap[k] && ++lowers > 2) {
                break;
            }
            k--;
        }
        return caps >= 1 && k >= 0 && t.w(k).equals("the") || caps >= 2 && k < 0;
    }

    static void run(Scan sc) {
        if (!sc.on(Rules.PHI_COMBINATION)) {
            return;
        }
        Text t = sc.t;
        boolean one = false;
        boolean notable = false;
        boolean occupation = false;
        boolean treatment = false;
        boolean event = false;
        boolean notableRelation = false;
        boolean definite = false; // one person singled out: "the only X", "the 17-year-old", "the Courier's editor"
        boolean personal = false; // "who we treated", "her mammogram", "who lives in the lighthouse"
        int first = -1;
        int last = -1;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            String w = t.lower[i];
            boolean hit = false;
            boolean councilMember = w.equals("member") && t.w(i - 1).equals("council");
            if ((NOTABLE.contains(w) || NOTABLE_FOR_RELATIVES.contains(w) || councilMember) && t.possessive[i]
                    && RELATION.contains(t.w(i + 1))) {
                notableRelation = true; // "the mayor's daughter"
                notable = true;
                hit = true;
            }
            if ((NOTABLE.contains(w) || councilMember) && (t.possessive[i] || RELATION.contains(t.w(i + 1))
                    || NOTABLE_BEFORE.contains(t.w(i - 1)) || councilMember)) {
                // "the governor", "the governor's son", "a local celebrity"
                notable = true;
                hit = true;
            }
            if (OCCUPATION.contains(w) && (ARTICLES.contains(t.w(i - 1)) || ARTICLES.contains(t.w(i - 2))
                    || t.w(i - 2).equals("our") && LOCAL.contains(t.w(i - 1)))) {
                occupation = true;
                hit = true;
            }
            if ((OCCUPATION.contains(w) || NOTABLE.contains(w)) && !t.possessive[i] && namedBefore(t, i)) {
                occupation = true; // "The Springfield Courier's editor-in-chief", "the Roosevelt Middle School band director"
                definite = true;
                hit = true;
            }
            if (w.equals("only") && onlyOne(t, i)) {
                definite = true; // "the only family in Pine Hollow with triplets", "our town's only veterinarian"
                one = true;
                hit = true;
            }
            int before = w.equals("year-old") && t.punct(i - 1) == '-' ? i - 3 : i - 1;
            if ((w.endsWith("-year-old") || w.equals("year-old")) && (ARTICLES.contains(t.w(before))
                    || t.w(before).equals("our"))) {
                definite = true; // "the 17-year-old from the crash"
                one = true;
                hit = true;
            }
            if ((w.equals("who") || w.equals("whom")) && (t.w(i + 1).equals("we") || t.w(i + 1).equals("i")) && CARE_VERBS.contains(t.w(i + 2))
                    || w.equals("who") && LIVES.contains(t.w(i + 1))
                    || w.equals("trusted") && t.w(i + 1).equals("us")) {
                personal = true; // "who we diagnosed with shingles", "who lives in the lighthouse keeper's cottage"
                hit = true;
            }
            if ((Names.HIS_HER_POSSESSIVE.contains(w) || w.equals("had") && ARTICLES.contains(t.w(i + 1))) && i + 1 < t.count
                    && (CARE_NOUNS.contains(t.w(i + 1)) || CARE_NOUNS.contains(t.w(i + 2))
                            || Names.healthWord(t.w(i + 1)) || Names.healthWord(t.w(i + 2)))) {
                personal = true; // "her mammogram follow-up", "his one-year checkup"
                hit = true;
            }
            if (ONE_PERSON.contains(w) && !t.w(i + 1).equals("s")) {
                one = true;
                hit = true;
            }
            if (TREATMENT.contains(w) || w.equals("came") && t.w(i + 1).equals("in")
                    || w.equals("brought") && t.w(i + 1).equals("in")) {
                treatment = true;
                hit = true;
            }
            if (EVENT.contains(w)) {
                event = true;
                hit = true;
            }
            if (hit) {
                if (first < 0) {
                    first = t.start[i];
                }
                last = t.end[i];
            }
        }
        treatment |= personal && !event;
        if (!treatment || !(one || notable || occupation)) {
            return;
        }
        one = one || occupation;
        boolean time = found(t, TIME, TIME_TRIGGERS);
        boolean place = found(t, PLACE, PLACE_TRIGGERS);
        boolean singlesOut = notable && (event || time || place || patientWord(t) || notableRelation || personal)
                || definite
                || (occupation || one && patientWord(t) && (event || time || place)) && personal
                || patientWord(t) && event && (time || place)
                || occupation && place
                || one && event && (time || place);
        if (singlesOut && notable && OWN_WORDS.matcher(t.s).find() && !CARED_HERE.matcher(t.s).find()) {
            return; // "Former President Jimmy Carter spoke publicly about his melanoma": a public figure's own disclosure
        }
        if (singlesOut) {
            StringBuilder what = new StringBuilder();
            if (notable) {
                what.append("a notable person or relative");
            } else if (occupation) {
                what.append("an occupation");
            } else {
                what.append("one person");
            }
            what.append(", an injury or treatment");
            if (event) {
                what.append(", a named event");
            }
            if (time) {
                what.append(", a time");
            }
            if (place) {
                what.append(", a place");
            }
            sc.add(Rules.PHI_COMBINATION, Math.max(0, first), Math.max(first, last),
                    "details that together single out a patient: " + what);
        }
    }
}
