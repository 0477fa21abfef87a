package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.Set;

/**
 * Names of patients and their relatives. A capitalised run of words is a person's name when the
 * gazetteers say so (a common given name and a surname) or a cue does (Mr./Mrs., "my patient",
 * "her son"). It is not a patient's when it is on the staff list, has a clinical title or
 * credential (Dr., Nurse, ", MD"), is introduced by a staff role ("our front desk lead, ..."),
 * is a public figure, a place or organisation ("Westside Library"), or an eponym ("Parkinson's",
 * "Down syndrome"). A full name that is none of these blocks; a single given name blocks only
 * with a patient cue (a treatment or life event in its sentence, or addressed directly in a post
 * about a patient).
 */
final class Names {

    private Names() {}

    private static final Set<String> PATIENT_PREFIX = Lexicon.set("patient", "pt", "baby", "newborn", "infant",
            "client", "preemie", "twins");
    private static final Set<String> RELATIONS = Lexicon.set("son", "daughter", "wife", "husband", "mother",
            "father", "mom", "dad", "brother", "sister", "grandson", "granddaughter", "grandmother", "grandfather",
            "grandma", "grandpa", "nephew", "niece", "cousin", "aunt", "uncle", "girlfriend", "boyfriend", "fiance",
            "fiancé", "fiancée", "stepson", "stepdaughter", "twin", "kiddo", "sweetheart", "spouse", "widow",
            "widower", "caregiver", "neighbor", "neighbour", "roommate", "friend");
    private static final Set<String> POSSESSIVE_PRONOUNS = Lexicon.set("my", "her", "his", "their", "our", "your",
            "whose", "patient's");
    /** Events in a patient's life or care: with one of these in its sentence a lone given name blocks. */
    static final Set<String> PATIENT_EVENT = Lexicon.set("born", "birthday", "bday", "surgery", "surgeries",
            "chemo", "chemotherapy", "radiation", "rehab", "rehabilitation", "discharged", "admitted", "diagnosed",
            "diagnosis", "transplant", "recovering", "recovery", "recovered", "remission", "prayers", "praying",
            "passed", "died", "icu", "nicu", "hospice", "results", "stroke", "pacemaker", "stitches", "pregnant",
            "pregnancy", "delivered", "healing", "treatment", "treatments", "therapy", "cast", "wheelchair",
            "cancer-free", "cancer", "tumor", "tumour", "fighter", "warrior", "appointment", "checkup", "check-up",
            "follow-up", "biopsy", "dialysis", "infusion", "infusions", "transfusion", "transfusions", "addiction", "sober", "stent", "stents", "implant", "implants", "picu",
            "ecmo", "cath", "catheter", "pounds", "lbs", "condolences", "memory", "funeral", "hospitalized",
            "hospitalised", "ambulance", "overdose", "relapse", "sobriety", "milestone", "completing", "completed",
            "seizures", "seizure", "cholesterol", "a1c", "bell", "injury", "injured", "fracture", "broken",
            "amputation", "prosthetic", "newborn", "preemie", "labor", "c-section", "miscarriage", "rip",
            "operation", "procedure", "scans", "mri", "x-ray", "intubated", "ventilator", "coma", "removed",
            "replacement", "replaced", "recover", "surgeon", "stitched", "sutures", "fractured", "concussion");
    /** "Sending love to Linh", "prayers for Mateo": well-wishes addressed to somebody who is ill. */
    private static final Set<String> WELL_WISHES = Lexicon.set("hugs", "love", "prayers", "strength", "thoughts", "pray",
            "wishes", "vibes", "healing", "blessings", "condolences", "sympathy", "praying");
    /**
     * Conditions, procedures, medicines and care words: with one of these about the person, a lone
     * given name is a patient's ("Priya ... your migraines", "Janet received her new liver").
     */
    static final Set<String> HEALTH = Lexicon.set("leukemia", "lymphoma", "melanoma", "migraine", "migraines",
            "asthma", "copd", "emphysema", "diabetes", "diabetic", "insulin", "pneumonia", "covid", "sepsis",
            "liver", "kidney", "kidneys", "lung", "lungs", "hip", "knee", "shoulder", "acl", "spine", "colon",
            "meds", "medication", "medications", "prescription", "inhaler", "crutches", "shingles",
            "alzheimer's", "dementia", "parkinson's", "autism", "adhd", "depression", "anxiety", "ptsd", "epilepsy",
            "lupus", "arthritis", "hepatitis", "hiv", "tuberculosis", "mammogram", "colonoscopy",
            "ultrasound", "ct", "ekg", "ecg", "hypertension", "cholesterol",
            "obesity", "als", "cf", "cystic", "fibrosis", "autoimmune", "crohn's", "celiac", "allergy",
            "allergies", "anaphylaxis", "infection", "uti", "strep", "rsv", "measles", "chickenpox",
            "braces", "cavity", "cavities", "cataract", "cataracts", "glaucoma",
            "cochlear", "concussion", "sprain", "sprained", "torn", "ligament",
            "cancer", "tumor", "tumour", "chemo", "radiation", "diagnosis", "diagnosed",
            "meningitis", "stroke", "bypass", "stent", "valve", "transplant", "dialysis",
            "nicu", "icu", "er", "hospitalized", "hospitalised", "sick", "ill",
            "illness", "disease", "disorder", "syndrome", "symptoms", "pain", "chronic", "terminal",
            "remission", "relapse", "rehab", "therapy", "physio", "physiotherapy", "recovering",
            "recovery", "surgery", "post-op", "pre-op", "operation", "scan", "scans", "biopsy",
            "a1c", "get-well", "liver-versary", "transplantversary", "cancerversary", "survivor", "sobriety",
            "sober", "seizure", "seizures", "tubes", "tube", "thyroid", "discharge", "antibiotics", "antibiotic", "preeclampsia", "eclampsia", "gout", "allergic",
            "implant", "hospice", "ulcer", "hernia", "kidney-stone", "gallbladder", "appendix", "pacemaker", "aids", "smoking", "cessation", "vaping", "postpartum", "cerebral", "palsy", "sickle", "anemia");
    /** Medical-word endings: tonsillectomy, appendicitis, angioplasty, carcinoma, anemia, scoliosis. */
    private static final String[] HEALTH_SUFFIXES = {"ectomy", "otomy", "ostomy", "itis", "plasty", "oma", "omas",
            "emia", "aemia", "osis", "oscopy", "ectomies", "algia", "opathy", "plegia", "phobia"};

    static boolean healthWord(String w) {
        if (PATIENT_EVENT.contains(w) && !SOCIAL_EVENTS.contains(w) || HEALTH.contains(w)) {
            return true;
        }
        int dash = w.indexOf('-');
        if (dash > 0 && (w.endsWith("-free") || w.endsWith("-versary") || w.endsWith("-op"))) {
            return healthWord(w.substring(0, dash)); // "seizure-free", "transplant-versary"
        }
        if (w.length() < 7) {
            return false;
        }
        for (String suf : HEALTH_SUFFIXES) {
            if (w.endsWith(suf)) {
                return !w.equals("diploma") && !w.equals("aroma") && !w.equals("stoma") && !w.endsWith("itises");
            }
        }
        return false;
    }

    private static boolean healthIn(Text t, int from, int to) {
        for (int k = Math.max(0, from); k < Math.min(to, t.count); k++) {
            if (t.kind[k] == Text.WORD && healthWord(t.lower[k])) {
                return true;
            }
        }
        return false;
    }

    /** Words that say it is not a patient's story: donations, fundraisers, thanks to a family for a gift. */
    private static final Set<String> GIVING = Lexicon.set("donated", "donation", "donations", "donating", "donate",
            "gift", "gifts", "raised", "fundraiser", "fundraising", "sponsored", "sponsoring", "generous",
            "generosity", "memorial", "scholarship", "foundation", "fund", "raise", "raising", "research",
            "organizing", "organized", "organised", "volunteer", "volunteers", "volunteering", "volunteered",
            "openly", "publicly");
    /** Verbs after a lone given name that make it the subject of a patient's story. */
    private static final Set<String> STORY_VERBS = Lexicon.set("is", "was", "has", "had", "just", "finished",
            "completed", "rang", "received", "got", "beat", "celebrated", "started", "starts", "finally", "walked",
            "came", "went", "underwent", "survived", "who", "heads", "headed", "left", "lost", "gained");

    static final Set<String> STAFF_CONTEXT = Lexicon.set("team", "staff", "colleague", "colleagues",
            "coworker", "coworkers", "co-workers", "crew", "employee", "employees", "hire", "hired", "hiring", "joins",
            "joined", "joining", "retire", "retires", "retiring", "retirement", "anniversary", "promoted",
            "promotion", "certified", "certification", "board-certified", "residency", "fellowship", "degree",
            "license", "licensed", "award", "honored", "honoured", "named", "recognized", "recognised", "nominated",
            "welcomes", "welcoming", "shift", "shifts", "career", "trained", "training", "mentor", "mentors",
            "leads", "manages", "manager", "ask", "talk", "speaks", "speaking", "speaker", "presents", "presenting",
            "lecture", "webinar", "host", "hosts", "hosting", "q&a", "office", "sees", "seeing", "accepting",
            "available", "schedule", "book", "bio", "specializes", "specialises", "specialty", "practices",
            "practicing", "serves", "serving", "served", "worked", "works", "working", "volunteered", "years", "meet",
            "lead", "teach", "teaches", "teaching", "taught", "instructor", "guest", "author", "expert", "tips",
            "explains", "answers", "shares", "chat", "interview", "podcast", "episode", "blog", "column", "article",
            "join", "class", "classes", "workshop", "workshops", "seminar", "demo", "presentation", "panel", "moderates",
            "moderating", "instructs", "facilitates", "facilitator");
    private static final Set<String> VOCATIVE_LEAD = Lexicon.set("congratulations", "congrats", "happy", "birthday",
            "hi", "hey", "dear", "thanks", "thank", "go", "love", "bravo", "welcome", "hello", "proud", "cheers",
            "kudos", "hooray", "yay", "way", "miss", "xoxo", "hugs", "soon", "better", "little", "brave", "sweet",
            "tough", "strong", "sweetie", "buddy", "champ");
    private static final Set<String> PLACE_PREPOSITIONS = Lexicon.set("at", "in", "near", "from", "on", "across",
            "around", "outside", "inside", "throughout", "within", "into", "via", "toward", "towards", "visit",
            "visiting", "downtown", "uptown");
    private static final Set<String> PARTICLES = Lexicon.set("de", "van", "von", "da", "del", "della", "di", "du",
            "la", "le", "bin", "ibn", "al", "dos", "das", "ter", "ten", "st");

    static void run(Scan sc) {
        if (!sc.on(Rules.PHI_NAME)) {
            return;
        }
        Text t = sc.t;
        initials(sc);
        Post post = new Post(t);
        int i = 0;
        while (i < t.count) {
            if (!nameToken(sc, i)) {
                i++;
                continue;
            }
            int a = i;
            int b = i + 1;
            while (b < t.count) {
                if (!t.possessive[b - 1] && adjacent(t, b - 1, b) && nameToken(sc, b)) {
                    b++;
                } else if (!t.possessive[b - 1] && b + 1 < t.count && t.kind[b] == Text.WORD
                        && PARTICLES.contains(t.lower[b]) && !t.cap[b] && adjacent(t, b - 1, b) && adjacent(t, b, b + 1)
                        && nameToken(sc, b + 1)) {
                    b += 2;
                } else if (!t.possessive[b - 1] && b + 2 < t.count && t.kind[b] == Text.WORD && t.lower[b].length() == 1
                        && t.cap[b] && t.punct(b + 1) == '.' && nameToken(sc, b + 2) && adjacent(t, b - 1, b)) {
                    b += 3; // middle initial "John Q. Public"
                } else {
                    break;
                }
            }
            check(sc, post, a, b);
            i = b;
        }
    }

    private static final Set<String> NOT_INITIALS = Lexicon.set("us", "dc", "am", "pm", "uk", "eg", "ie", "md",
            "rn", "do", "np", "pa", "ok", "er", "or", "pt", "ot", "bs", "ba", "ma", "ms", "rx", "ad", "bc", "av", "tv",
            "id", "en", "eu", "un", "aa", "na", "po", "ct");

    /** "T.J. (room 1104) is out of surgery": a patient's initials in a post about their care. */
    private static void initials(Scan sc) {
        Text t = sc.t;
        for (int i = 0; i + 3 < t.count; i++) {
            if (t.kind[i] != Text.WORD || !t.cap[i] || t.lower[i].length() != 1 || t.punct(i + 1) != '.'
                    || t.kind[i + 2] != Text.WORD || !t.cap[i + 2] || t.lower[i + 2].length() != 1 || t.punct(i + 3) != '.') {
                continue;
            }
            if (t.isWord(i + 4) && t.lower[i + 4].length() == 1 || i > 0 && t.punct(i - 1) == '.'
                    || NOT_INITIALS.contains(t.lower[i] + t.lower[i + 2])) {
                i += 3;
                continue;
            }
            int p = wordBefore(t, i);
            if (p >= 0 && (Lexicon.HONORIFICS.contains(t.lower[p]) || Lexicon.STAFF_TITLES.contains(t.lower[p]))) {
                i += 3;
                continue;
            }
            if (healthIn(t, i + 4, i + 16) || healthIn(t, Math.max(0, i - 8), i)) {
                if (!sc.isClaimed(t.start[i], t.end[i + 3])) {
                    sc.add(Rules.PHI_NAME, t.start[i], t.end[i + 3], "a person's initials in a post about their care");
                }
                return;
            }
            i += 3;
        }
    }

    private static boolean adjacent(Text t, int p, int q) {
        int gap = t.start[q] - t.end[p];
        if (gap < 1 || gap > 2) {
            return false;
        }
        for (int c = t.end[p]; c < t.start[q]; c++) {
            char ch = t.s.charAt(c);
            if (ch != ' ' && ch != '\u00A0') {
                return false;
            }
        }
        return true;
    }

    private static boolean nameToken(Scan sc, int i) {
        Text t = sc.t;
        if (t.kind[i] != Text.WORD || !t.cap[i] || t.allCaps[i] && t.lower[i].length() > 1) {
            return false;
        }
        if (sc.isClaimed(t.start[i], t.end[i])) {
            return false; // part of an address or identifier already reported
        }
        String w = t.lower[i];
        if (w.length() < 2) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            if (Character.isDigit(w.charAt(k))) {
                return false;
            }
        }
        return !Lexicon.NEVER_NAMES.contains(w) && !POSSESSIVE_PRONOUNS.contains(w) // "Right for My Back?"
                && !Lexicon.MONTHS.contains(w) && !Lexicon.WEEKDAYS.contains(w)
                && !Lexicon.HONORIFICS.contains(w) && !Lexicon.STAFF_TITLES.contains(w)
                && !Lexicon.PUBLIC_TITLES.contains(w) && !PATIENT_PREFIX.contains(w) && !RELATIONS.contains(w)
                && !sc.cfg.notNames.contains(w) && !sc.cfg.staffRoles.contains(w);
    }

    /** The word before token i, skipping one "." of an abbreviation ("Dr. Smith"). */
    private static int wordBefore(Text t, int i) {
        int k = i - 1;
        if (k >= 0 && t.punct(k) == '.') {
            k--;
        }
        return k >= 0 && t.kind[k] == Text.WORD ? k : -1;
    }

    /** Post-wide facts, computed at most once per post and only when a candidate name needs them. */
    private static final class Post {
        private final Text t;
        private byte giving;
        private byte health;
        /** The given name of a public figure or historical person named earlier in the post. */
        String publicFirst;

        Post(Text t) {
            this.t = t;
        }

        boolean giving() {
            if (giving == 0) {
                giving = (byte) (t.hasAny(GIVING) ? 1 : 2);
            }
            return giving == 1;
        }

        boolean health() {
            if (health == 0) {
                health = (byte) (healthIn(t, 0, t.count) ? 1 : 2);
            }
            return health == 1;
        }
    }

    private static void check(Scan sc, Post post, int a, int b) {
        Text t = sc.t;
        GateConfig cfg = sc.cfg;
        int n = b - a;
        // what comes before
        int p = wordBefore(t, a);
        String pw = p >= 0 ? t.lower[p] : "";
        if (p == a - 2 && !Lexicon.HONORIFICS.contains(pw) && !Lexicon.STAFF_TITLES.contains(pw)
                && !Lexicon.PUBLIC_TITLES.contains(pw) && !pw.equals("pt")
                && !(p >= 0 && t.cap[p] && Lexicon.PLACE_PREFIXES.contains(pw) && t.end[p] - t.start[p] <= 3)) { // "St. George" is a place
            // a full stop after a word that is no title ends its sentence: "... to his baby. Honey isn't safe"
            p = -1;
            pw = "";
        }
        boolean honorific = Lexicon.HONORIFICS.contains(pw);
        boolean staffTitle = Lexicon.STAFF_TITLES.contains(pw) || cfg.staffRoles.contains(pw);
        boolean publicTitle = Lexicon.PUBLIC_TITLES.contains(pw);
        String cue = null;
        if (PATIENT_PREFIX.contains(pw)) {
            cue = pw;
        } else if (RELATIONS.contains(pw) && POSSESSIVE_PRONOUNS.contains(t.w(p - 1))) {
            cue = t.w(p - 1) + " " + pw;
        } else if ((pw.equals("named") || pw.equals("called")) && nearBefore(t, p, 4, Lexicon.PERSON_CUES)) {
            cue = "patient named";
        } else if (p >= 0 && t.possessive[p] && PATIENT_PREFIX.contains(pw)) {
            cue = pw;
        } else if ((pw.equals("to") || pw.equals("for")) && nearBefore(t, p, 3, WELL_WISHES)
                && Lexicon.firstName(t.lower[a])) {
            cue = "well-wishes";
        }
        if (cue != null && PATIENT_PREFIX.contains(cue) && t.cap[p] && !Lexicon.firstName(t.lower[a])
                && !(Lexicon.namePart(t.lower[a]) && !Lexicon.english(t.lower[a]))) {
            cue = null; // "Baby Café", "Patient Portal": a program's name, not a person's
        }
        if (cue == null && n == 1 && a > 0 && t.punct(a - 1) == ',' && Lexicon.firstName(t.lower[a])
                && (b >= t.count || t.kind[b] == Text.PUNCT) && appositionToPatient(t, a)) {
            cue = "apposition to a patient"; // "the husband of our patient with Alzheimer's, Bob, brought"
        }
        if (cue == null && pw.equals("the") && b - a == 1 && familyName(t, a, b) && postHasPatientEvent(sc)
                && !sc.sentenceHas(a, GIVING)) {
            cue = "family";
        }
        // what comes after
        String nx = t.tok(b);
        String nx1 = t.w(b + 1);
        boolean credential = (nx.equals(",") && isCredential(t, b + 1)) || isCredential(t, b) && t.allCaps[b];
        if (nx.equals(",") && (nx1.equals("our") || nx1.equals("my")) && t.w(b + 2).equals("patient")) {
            cue = nx1 + " patient";
        }
        boolean appositionRole = nx.equals(",") && (nx1.equals("our") || nx1.equals("the") || nx1.equals("a")
                || nx1.equals("an") || nx1.equals("who")) && roleWithin(sc, b + 1, 5)
                || (nx.equals("is") || nx.equals("as") || nx.equals("joins")) && roleWithin(sc, b + 1, 5);

        // public figures by trade or by their work: "Olympic swimmer Michael Phelps", "Tyler Perry's new movie",
        // "Musician Ray Charles" (the trade starting the capitalised run)
        if (cue == null && !honorific && (FAMOUS_ROLE.contains(pw) || n >= 2 && FAMOUS_ROLE.contains(t.lower[a]) || t.possessive[b - 1]
                && (WORKS.contains(t.w(b)) || WORKS.contains(t.w(b + 1)) || WORKS.contains(t.w(b + 2))))) {
            publicFigure(sc, a);
            return;
        }
        if (cue == null && !honorific && sc.sentenceHas(a, PUBLICLY)) {
            publicFigure(sc, a);
            return; // "Selena Gomez has talked openly about her lupus": a public figure's own disclosure
        }
        // "Aaron from our billing team", "Marcus from IT": a colleague
        if (cue == null && !honorific && t.w(b).equals("from") && colleagueAfter(t, b + 1)) {
            return;
        }
        // pets and mascots: "Sophie the therapy dog", "our therapy dog Max"
        int the = t.w(b).equals("the") ? b : t.punct(b) == ',' && t.w(b + 1).equals("the") ? b + 1 : -1;
        if (n == 1 && (ANIMALS.contains(pw) || the > 0 && (ANIMALS.contains(t.w(the + 1))
                || ANIMALS.contains(t.w(the + 2)) || ANIMALS.contains(t.w(the + 3))))) {
            return;
        }
        // eponyms, places, organisations, public names
        if (EponymsAndPlaces.notAPerson(sc, a, b, p, cue != null || honorific)) {
            return;
        }
        boolean staff = staffListed(cfg, t, a, b);
        if (staff || cfg.publicNameIn(t, a, b) || historicalSentence(t, a)
                || n >= 2 && cue == null && !honorific && publicRecord(sc, a)) {
            sc.namesNotPatient = true;
            if (!staff && n >= 2) {
                post.publicFirst = t.lower[a];
            }
            return;
        }
        if (n == 1 && cue == null && post.publicFirst != null && t.lower[a].length() >= 3
                && post.publicFirst.startsWith(t.lower[a])) {
            return; // "Calvin Coolidge, born ... 1872 ... Happy birthday, Cal!": the same public figure
        }
        boolean coachPatient = pw.equals("coach") && !credential && n == 1 && sc.sentenceHas(a, PATIENT_EVENT)
                && sc.sentenceHas(a, HIS_HER);
        if (cue == null && !honorific && (staffTitle || credential || publicTitle) && !coachPatient) {
            if (staffTitle || credential) {
                sc.namesNotPatient = true;
            }
            return;
        }
        // a sentence-initial ordinary word is not a given name ("Will you ...", "Grace period"), unless a
        // patient's story follows ("Victor brought donuts to celebrate five years since his transplant")
        boolean storyStart = n == 1 && Lexicon.firstName(t.lower[a]) && PAST_STORY.contains(t.w(b))
                && sc.sentenceHas(a, HIS_HER) && healthIn(t, a, t.sentenceEnd(a)) && !sc.sentenceHas(a, GIVING);
        if (storyStart) {
            sc.add(Rules.PHI_NAME, t.start[a], t.end[b - 1], "person name (1 word) as the subject of a patient's story");
            return;
        }
        if (cue == null && !honorific && t.sentenceInitial(a) && Lexicon.english(t.lower[a])) {
            a++;
            n--;
            if (n == 0 || !nameToken(sc, a)) {
                return;
            }
        }
        String strength = strength(t, a, b, cue != null || honorific);
        if (strength == null) {
            return;
        }
        boolean patientEvent = sc.sentenceHas(a, PATIENT_EVENT) && !socialOnly(sc, a);
        boolean staffContext = !coachPatient && roleBefore(sc, a, 6) || appositionRole
                || (!patientEvent && staffWords(sc, a));
        String words = n + (n == 1 ? " word" : " words");
        if (honorific) {
            sc.add(Rules.PHI_NAME, t.start[a], t.end[b - 1], "person name (" + words
                    + ") with a courtesy title, not on the staff list");
            return;
        }
        if (cue != null) {
            sc.add(Rules.PHI_NAME, t.start[a], t.end[b - 1], "person name (" + words + ") after '" + cue + "'");
            return;
        }
        if (staffContext) {
            // a role before the name or in apposition is strong evidence of staff; staff words nearby are not
            if (!coachPatient && roleBefore(sc, a, 6) || appositionRole) {
                sc.namesNotPatient = true;
            }
            return;
        }
        boolean vocative = vocative(t, a, b) || initialAfter(t, b) && n == 1 && VOCATIVE_LEAD.contains(pw);
        boolean giving = sc.sentenceHas(a, GIVING);
        boolean postGiving = giving || post.giving();
        boolean idiom = p >= 0 && t.cap[p] && RELATIONS.contains(pw) && cue == null; // "Uncle Sam", "Aunt Flo"
        boolean healthHere = !giving && !idiom && healthIn(t, t.sentenceStart(a), t.sentenceEnd(a));
        boolean healthPost = vocative && !postGiving && Lexicon.firstName(t.lower[a]) && post.health();
        boolean nextHealth = (strength.equals("single") || strength.equals("weak-single")) && !postGiving
                && nextSentenceAboutThem(sc, a);
        boolean aboutPatient = (patientEvent || healthHere) && !giving
                || vocative && !postGiving && (postEvent(sc) || healthPost)
                || "single".equals(strength) && nextHealth;
        boolean titleCase = titleCase(t, a);
        switch (strength) {
            case "full" -> {
                if (!titleCase || aboutPatient) {
                    sc.add(Rules.PHI_NAME, t.start[a], t.end[b - 1], "person name (" + words
                            + ") not on the staff list" + (aboutPatient ? " in a sentence about a patient" : ""));
                }
            }
            case "weak-full", "single" -> {
                if (aboutPatient) {
                    sc.add(Rules.PHI_NAME, t.start[a], t.end[b - 1], "person name (" + words + ") "
                            + (vocative ? "addressed directly in a post about a patient"
                                    : "in a sentence about a patient's care or life event"));
                }
            }
            case "weak-single" -> {
                boolean story = Lexicon.firstName(t.lower[a]) && !t.sentenceInitial(a) && (patientEvent || healthHere)
                        && !giving
                        && (pw.equals("of") || pw.equals("to") || pw.equals("for") || t.possessive[a] || CARED.contains(pw)
                                || t.punct(b) == ',' && t.w(b + 1).equals("who") || STORY_VERBS.contains(t.w(b)));
                story |= Lexicon.firstName(t.lower[a]) && !t.sentenceInitial(a) && nextHealth
                        && healthIn(t, t.sentenceEnd(a), t.count) && PRONOUN_NEXT.contains(t.w(t.sentenceEnd(a) + 1))
                        || Lexicon.firstName(t.lower[a]) && nextHealth && nextHasPronoun(t, a);
                if (story || vocative && aboutPatient) {
                    sc.add(Rules.PHI_NAME, t.start[a], t.end[b - 1], "person name (" + words
                            + ") addressed directly in a post about a patient");
                }
            }
            default -> { }
        }
    }

    /** "full", "weak-full", "single", "weak-single" or null (not a name). */
    private static String strength(Text t, int a, int b, boolean cued) {
        int n = b - a;
        String f = t.lower[a];
        if (n >= 2) {
            String l = t.lower[b - 1];
            boolean f1 = Lexicon.firstName(f);
            boolean e1 = Lexicon.english(f);
            boolean pl = Lexicon.namePart(l);
            boolean el = Lexicon.english(l);
            for (int k = a + 1; k < b - 1; k++) {
                String m = t.lower[k];
                if (m.length() > 1 && Lexicon.english(m) && !Lexicon.namePart(m) && !PARTICLES.contains(m)) {
                    return cued ? "full" : null;
                }
            }
            boolean strong1 = f1 && !e1;
            boolean strongL = pl && !el;
            if (strong1 && (pl || !el) || f1 && strongL || Lexicon.namePart(f) && !e1 && strongL) {
                return "full";
            }
            if (f1 && pl) {
                return "weak-full";
            }
            return cued ? "full" : null;
        }
        if (Lexicon.firstName(f) && !Lexicon.english(f)) {
            return "single";
        }
        if (Lexicon.namePart(f) && !Lexicon.english(f)) {
            return cued ? "single" : "weak-single";
        }
        if (Lexicon.firstName(f)) {
            return cued ? "single" : "weak-single";
        }
        if (cued && !Lexicon.english(f)) {
            return "single";
        }
        return cued && Lexicon.namePart(f) ? "single" : null;
    }

    private static final Set<String> FAMILY_WORDS = Lexicon.set("family", "families", "twins", "triplets", "kids",
            "household", "boys", "girls", "children", "baby", "couple", "brothers", "sisters");

    /** "the Hernandez family", "the Martins": a surname used for a household. */
    private static boolean familyName(Text t, int a, int b) {
        String w = t.lower[a];
        if (FAMILY_WORDS.contains(t.w(b)) && !t.cap[b]) {
            return Lexicon.namePart(w) && !Lexicon.english(w);
        }
        if (w.length() > 3 && w.endsWith("s") && !t.possessive[a]) {
            String one = w.endsWith("es") && Lexicon.namePart(w.substring(0, w.length() - 2)) ? w.substring(0, w.length() - 2)
                    : w.substring(0, w.length() - 1);
            return Lexicon.namePart(one) && (!Lexicon.english(one) || Lexicon.firstName(one));
        }
        return false;
    }

    private static boolean isCredential(Text t, int i) {
        if (i >= t.count || t.kind[i] != Text.WORD) {
            return false;
        }
        String w = t.lower[i];
        if (Lexicon.CREDENTIALS.contains(w)) {
            // "DO" and "MA" are credentials only in capitals
            return t.allCaps[i] || w.length() > 2 || w.equals("md") || w.equals("rn") || w.equals("np");
        }
        // "M.D." tokenises as m . d .
        if (w.length() == 1 && t.punct(i + 1) == '.' && t.w(i + 2).length() == 1) {
            String dotted = w + t.w(i + 2);
            return dotted.equals("md") || dotted.equals("do") || dotted.equals("rn");
        }
        return false;
    }

    private static boolean roleWithin(Scan sc, int from, int window) {
        Text t = sc.t;
        int end = Math.min(t.sentenceEnd(Math.min(from, t.count - 1)), from + window);
        for (int k = from; k < end; k++) {
            if (t.kind[k] == Text.WORD && (Lexicon.STAFF_TITLES.contains(t.lower[k]) || sc.cfg.staffRoles.contains(t.lower[k]))
                    && !t.lower[k].equals("member")) {
                return true;
            }
        }
        return false;
    }

    /** A staff role word in the window before the name ("our front desk team lead, Jasmine Cole"). */
    private static boolean roleBefore(Scan sc, int a, int window) {
        Text t = sc.t;
        int from = Math.max(t.sentenceStart(a), a - window);
        for (int k = a - 1; k >= from; k--) {
            if (t.kind[k] != Text.WORD) {
                continue;
            }
            String w = t.lower[k];
            if (PATIENT_PREFIX.contains(w) || RELATIONS.contains(w)) {
                return false;
            }
            if ((Lexicon.STAFF_TITLES.contains(w) || sc.cfg.staffRoles.contains(w)) && !w.equals("member")
                    && !w.equals("worker") && !w.equals("partner")) {
                return true;
            }
            if (w.equals("team") || w.equals("staff")) {
                return true;
            }
        }
        return false;
    }

    private static boolean nearBefore(Text t, int p, int window, Set<String> words) {
        for (int k = p - 1; k >= Math.max(0, p - window); k--) {
            if (t.kind[k] == Text.WORD && words.contains(t.lower[k])) {
                return true;
            }
        }
        return false;
    }

    private static boolean vocative(Text t, int a, int b) {
        int before = a - 1;
        boolean afterComma = false;
        boolean leadOk;
        if (before < 0 || t.sentenceInitial(a)) {
            leadOk = true;
        } else if (t.kind[before] == Text.PUNCT) {
            char c = t.s.charAt(t.start[before]);
            afterComma = c == ',';
            leadOk = c == ',' || c == '!' || c == '\u2014';
        } else {
            leadOk = VOCATIVE_LEAD.contains(t.lower[before]);
        }
        if (afterComma && b < t.count && t.punct(b) == ',' && before >= 1 && t.kind[before - 1] == Text.WORD
                && VOCATIVE_LEAD.contains(t.lower[before - 1])) {
            return true; // "Congrats, Yusuf, on 6 months seizure-free"
        }
        if (!leadOk) {
            return false;
        }
        if (b >= t.count) {
            return true;
        }
        if (t.kind[b] == Text.PUNCT) {
            char c = t.s.charAt(t.start[b]);
            if (c == ',') {
                return !afterComma; // ", Salem," is an apposition, "Linda, you did it" is not
            }
            return c == '!' || c == '.' || c == '?' || c == '\u2764' || c == ':' || c == '\u2014'
                    || Character.isSurrogate(c);
        }
        String nw = t.w(b);
        return !afterComma && (nw.equals("you") || nw.equals("your") || nw.equals("you're"));
    }

    private static final Set<String> FAMOUS_ROLE = Lexicon.set("swimmer", "singer", "actor", "actress", "author",
            "rapper", "athlete", "comedian", "olympian", "musician", "gymnast", "golfer", "novelist", "songwriter",
            "quarterback", "tennis", "legend", "icon", "superstar", "star", "host", "broadcaster", "astronaut",
            "poet", "playwright", "director", "filmmaker", "activist", "pioneer", "scientist", "researcher");
    private static final Set<String> WORKS = Lexicon.set("movie", "film", "book", "books", "memoir", "show", "song",
            "songs", "album", "podcast", "novel", "documentary", "series", "quote", "speech", "essay", "interview",
            "music", "lyrics", "legacy", "foundation", "law", "theory", "research", "vaccine", "discovery");
    private static final Set<String> PAST_STORY = Lexicon.set("brought", "had", "got", "rang", "received",
            "finished", "completed", "beat", "celebrated", "came", "went", "underwent", "survived", "walked", "lost",
            "celebrates", "finishes", "completes", "starts", "started", "began", "begins");
    private static final Set<String> ANIMALS = Lexicon.set("dog", "dogs", "cat", "pup", "puppy", "horse", "pony",
            "mascot", "bear", "robot", "bunny", "rabbit", "goldfish", "fish", "parrot", "kitten", "hamster", "llama");
    private static final Set<String> HIS_HER = Lexicon.set("his", "her", "their");
    static final Set<String> HIS_HER_POSSESSIVE = HIS_HER;

    /** "Tyler B.": a given name and the initial of a surname. */
    private static boolean initialAfter(Text t, int b) {
        return b + 1 < t.count && t.kind[b] == Text.WORD && t.lower[b].length() == 1 && t.cap[b] && t.punct(b + 1) == '.';
    }

    private static final Set<String> PATIENT_SERVICE = Lexicon.set("coordinator", "advocate", "navigator", "care",
            "services", "service", "portal", "experience", "liaison", "relations", "access", "representative",
            "rep", "educator", "education", "support", "intake", "scheduler", "ambassador", "lead");

    /** A patient or a patient's relative a few words before ", Bob,". */
    private static boolean appositionToPatient(Text t, int a) {
        int from = Math.max(t.sentenceStart(a), a - 8);
        for (int k = a - 1; k >= from; k--) {
            if (t.kind[k] == Text.WORD && (t.lower[k].equals("patient") || t.lower[k].equals("patient's"))) {
                String nx = t.w(k + 1);
                return !Lexicon.STAFF_TITLES.contains(nx) && !PATIENT_SERVICE.contains(nx);
            }
        }
        return false;
    }

    /** Staff-context words in the sentence, except "years" of "8 years old". */
    private static boolean staffWords(Scan sc, int a) {
        Text t = sc.t;
        for (int k = t.sentenceStart(a); k < t.sentenceEnd(a); k++) {
            if (t.kind[k] == Text.WORD && STAFF_CONTEXT.contains(t.lower[k])
                    && !(t.lower[k].equals("years") && t.w(k + 1).equals("old"))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> WORKPLACE = Lexicon.set("team", "office", "desk", "department", "dept", "staff",
            "billing", "it", "hr", "lab", "front", "pharmacy", "reception", "scheduling", "admin", "crew", "unit");

    private static boolean colleagueAfter(Text t, int from) {
        for (int k = from; k < Math.min(t.count, from + 4); k++) {
            if (t.kind[k] == Text.WORD && WORKPLACE.contains(t.lower[k]) && (k > from || t.allCaps[k]
                    || t.lower[k].equals("billing") || t.lower[k].equals("pharmacy"))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> PUBLICLY = Lexicon.set("openly", "publicly");

    /** The sentence's only patient events are social ones (a birthday) and the post is about staff. */
    private static boolean socialOnly(Scan sc, int a) {
        Text t = sc.t;
        for (int k = t.sentenceStart(a); k < t.sentenceEnd(a); k++) {
            if (t.kind[k] == Text.WORD && PATIENT_EVENT.contains(t.lower[k]) && !SOCIAL_EVENTS.contains(t.lower[k])) {
                return false;
            }
        }
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            String w = t.lower[i];
            if (PATIENT_EVENT.contains(w) && !SOCIAL_EVENTS.contains(w)) {
                return false;
            }
            if (Lexicon.STAFF_TITLES.contains(w) || sc.cfg.staffRoles.contains(w) || w.equals("team") || w.equals("staff")
                    || w.equals("colleague") || w.equals("coworker") || w.equals("desk") || w.equals("shift")) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> CARED = Lexicon.set("diagnosed", "treated", "admitted", "discharged",
            "delivered", "operated", "stitched", "vaccinated", "examined", "saw", "helped", "welcomed");
    private static final Set<String> PRONOUN_NEXT = Lexicon.set("he", "she", "they", "his", "her", "today", "now");

    /** The next sentence tells of a treatment or condition and names no staff: "... Imani. Round 4 of chemo done!" */
    private static boolean nextSentenceAboutThem(Scan sc, int a) {
        Text t = sc.t;
        int from = t.sentenceEnd(a);
        if (from >= t.count) {
            return false;
        }
        int to = t.sentenceEnd(from);
        for (int k = from; k < to; k++) {
            if (t.kind[k] == Text.WORD && (Lexicon.STAFF_TITLES.contains(t.lower[k]) || sc.cfg.staffRoles.contains(t.lower[k])
                    || STAFF_CONTEXT.contains(t.lower[k]) || GIVING.contains(t.lower[k]) || t.lower[k].equals("patients")
                    || t.lower[k].equals("our") || t.lower[k].equals("we") || t.lower[k].equals("you") || t.lower[k].equals("your"))) {
                return false;
            }
        }
        for (int k = from; k < to; k++) {
            if (t.kind[k] == Text.WORD && healthWord(t.lower[k])) {
                return true;
            }
        }
        return false;
    }

    private static boolean nextHasPronoun(Text t, int a) {
        int from = t.sentenceEnd(a);
        int to = from < t.count ? t.sentenceEnd(from) : from;
        for (int k = from; k < to; k++) {
            if (t.kind[k] == Text.WORD && (t.lower[k].equals("he") || t.lower[k].equals("she"))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> SOCIAL_EVENTS = Lexicon.set("birthday", "bday", "milestone", "completing",
            "completed", "memory");

    /** A patient event in the post; a birthday alone does not make a post about a staff member a patient's. */
    private static boolean postEvent(Scan sc) {
        Text t = sc.t;
        boolean social = false;
        boolean role = false;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            String w = t.lower[i];
            if (PATIENT_EVENT.contains(w)) {
                if (!SOCIAL_EVENTS.contains(w)) {
                    return true;
                }
                social = true;
            }
            role |= Lexicon.STAFF_TITLES.contains(w) || sc.cfg.staffRoles.contains(w) || w.equals("team")
                    || w.equals("staff") || w.equals("colleague") || w.equals("coworker") || w.equals("desk")
                    || w.equals("shift");
        }
        return social && !role;
    }

    private static boolean postHasPatientEvent(Scan sc) {
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.WORD && PATIENT_EVENT.contains(t.lower[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean titleCase(Text t, int a) {
        int s0 = t.sentenceStart(a);
        int s1 = t.sentenceEnd(a);
        int words = 0;
        int caps = 0;
        for (int k = s0; k < s1; k++) {
            if (t.kind[k] == Text.WORD && t.lower[k].length() > 3) {
                words++;
                if (t.cap[k]) {
                    caps++;
                }
            }
        }
        return words >= 4 && caps * 10 >= words * 7;
    }


    /** The sentence names a year before 1900: "In 1796, Edward Jenner tested ... on James Phipps" is history. */
    /**
     * A full name in a sentence with a year and nothing of the practice in it: a public figure's
     * reported history ("Peyton Manning's neck surgeries in 2011"), unless the post says the
     * practice treated them.
     */
    private static boolean publicRecord(Scan sc, int a) {
        Text t = sc.t;
        boolean year = false;
        for (int k = t.sentenceStart(a); k < t.sentenceEnd(a); k++) {
            if (t.kind[k] == Text.NUMBER && t.digits(k) == 4 && t.end[k] - t.start[k] <= 6) {
                int y = t.leadingInt(k);
                year |= y >= 1000 && y <= 2026;
            }
        }
        if (!year) {
            for (int k = t.sentenceStart(a); k < t.sentenceEnd(a) && !year; k++) {
                year = t.kind[k] == Text.WORD && PUBLIC_REPORT.contains(t.lower[k]);
            }
        }
        if (!year || sc.practiceCueInSentence(t.start[a])) {
            return false;
        }
        String low = t.s.toLowerCase(java.util.Locale.ROOT);
        return !TREATED_HERE.matcher(low).find();
    }

    /**
     * A public figure is named: the model's patient opinion is left out too, unless the post says the
     * practice treated them ("Olympic swimmer X came in to see us").
     */
    private static void publicFigure(Scan sc, int a) {
        if (!sc.practiceCueInSentence(sc.t.start[a]) && !TREATED_HERE.matcher(sc.t.s.toLowerCase(java.util.Locale.ROOT)).find()) {
            sc.namesNotPatient = true;
        }
    }

    /** Words that say a sentence retells what is publicly known of a person: their own words, the news, their work. */
    private static final Set<String> PUBLIC_REPORT = Lexicon.set("reportedly", "reported", "reports", "famously",
            "interviews", "laureate", "nobel", "painted", "photographed", "championed", "publicly", "openly", "biography",
            "documented", "recorded", "composed", "invented", "discovered", "historian", "historians");

    private static final java.util.regex.Pattern TREATED_HERE = java.util.regex.Pattern.compile(
            "\\b(?:we|our team|our (?:doctors?|surgeons?|clinicians?|staff)) (?:treated|saw|operated|repaired|cared for|fixed|see|are treating|have been treating)\\b"
                    + "|\\bour patient\\b|\\bcame (?:in|to us|to see us)\\b|\\bin our (?:office|clinic|chair)\\b");

    private static boolean historicalSentence(Text t, int a) {
        for (int k = t.sentenceStart(a); k < t.sentenceEnd(a); k++) {
            if (t.kind[k] == Text.NUMBER && t.end[k] - t.start[k] == 4 && t.digits(k) == 4) {
                int year = t.leadingInt(k);
                if (year >= 1000 && year < 1900) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean staffListed(GateConfig cfg, Text t, int a, int b) {
        int n = b - a;
        String first = t.lower[a];
        String last = t.lower[b - 1];
        for (String[] st : cfg.staff) {
            String sFirst = st[0];
            String sLast = st[st.length - 1];
            // a listed surname alone is a staff member's only as the name's last word ("Linh Nguyen", "Dr. Nguyen"),
            // not inside another name ("Nguyen Van Thanh (no relation to our Dr. Nguyen!)")
            if (st.length > 1 && t.containsWords(a, b, st)) {
                return true;
            }
            if (last.equals(sLast) && (n == 1 || st.length == 1 || first.equals(sFirst))) {
                return true;
            }
            if (n == 1 && first.equals(sFirst)) {
                return true;
            }
        }
        return false;
    }

    /** Places, organisations and eponyms that look like names. */
    /** Last words of a capitalised run that always make it an organisation or a place ("Lincoln High"). */
    private static final Set<String> INSTITUTIONS = Lexicon.set("high", "elementary", "middle", "school", "pta",
            "library", "church", "inn", "farm", "university", "pd", "academy", "college", "hospital", "clinic",
            "chapel", "baptist", "methodist", "motel", "hotel", "ymca", "plant", "factory", "depot");

    /** Words after "our <Town>" that make the town one of the practice's sites. */
    private static final Set<String> SITES = Lexicon.set("clinic", "clinics", "office", "offices", "center", "centre",
            "location", "locations", "campus", "site", "branch", "team", "practice", "hospital");
    private static final Set<String> US_STATES = Lexicon.set("alabama", "alaska", "arizona", "arkansas", "california",
            "colorado", "connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
            "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
            "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio", "oklahoma", "oregon", "pennsylvania",
            "tennessee", "texas", "utah", "vermont", "virginia", "washington", "wisconsin", "wyoming");

    static final class EponymsAndPlaces {
        private EponymsAndPlaces() {}

        static boolean notAPerson(Scan sc, int a, int b, int p, boolean cued) {
            Text t = sc.t;
            for (int k = a; k < b; k++) {
                String w = t.lower[k];
                if (Lexicon.EPONYMS.contains(w) || w.indexOf('-') > 0 && Lexicon.EPONYMS.contains(w.substring(0, w.indexOf('-')))) {
                    return true;
                }
            }
            String next = t.w(b);
            if (Lexicon.EPONYM_FOLLOWERS.contains(next) && (t.possessive[b - 1] || !t.cap[b] || next.equals("disease")
                    || next.equals("syndrome"))) {
                return true;
            }
            if (cued) {
                return false;
            }
            if (b < t.count && t.kind[b] == Text.WORD && t.cap[b] && Lexicon.ORG_SUFFIXES.contains(next)) {
                return true; // "Pine Avenue", "Westside Library"
            }
            if ((p >= 0 && t.lower[p].equals("our") || b - a >= 2 && t.lower[a].equals("our")) && b < t.count && t.kind[b] == Text.WORD && !t.cap[b]
                    && SITES.contains(next)) {
                return true; // "our Lincoln clinic": one of the practice's sites
            }
            if (b - a == 1 && a >= 2 && t.punct(a - 1) == ',' && t.kind[a - 2] == Text.WORD && t.cap[a - 2]
                    && US_STATES.contains(t.lower[a])) {
                return true; // "Plains, Georgia": a town and its state
            }
            if (a > 0 && Lexicon.MONTHS.contains(t.lower[a]) == false && a >= 1 && t.kind[a - 1] == Text.NUMBER
                    && Addresses.isSuffix(t.lower[a])) {
                return true; // "5th Ave N": a street
            }
            boolean pin = false;
            for (int c = Math.max(0, t.start[a] - 4); c < t.start[a] - 1 && !pin; c++) {
                pin = t.s.charAt(c) == '\uD83D' && t.s.charAt(c + 1) == '\uDCCD';
            }
            if (pin) {
                return true; // "📍 Reid Park": the venue of an event
            }
            if (b < t.count && t.kind[b] == Text.WORD && t.cap[b] && !t.possessive[b - 1] && Lexicon.MONTHS.contains(next) == false
                    && (next.equals("st") || next.equals("rd") || next.equals("ave") || next.equals("dr") && t.punct(b + 1) == '.'
                    && !t.isWord(b + 2))) {
                return true;
            }
            String last = t.lower[b - 1];
            for (int k = a + 1; k < b; k++) {
                if (Lexicon.ORG_SUFFIXES.contains(t.lower[k])) {
                    // "Lincoln Park" is a place, "Linda Park" may be a person: keep it only when the
                    // first word is a clear given name and the last is also a surname
                    boolean maybePerson = k == b - 1 && Lexicon.firstName(t.lower[a]) && !Lexicon.english(t.lower[a])
                            && Lexicon.namePart(last) && !INSTITUTIONS.contains(last);
                    if (!maybePerson) {
                        return true;
                    }
                }
            }
            if (p >= 0) {
                String pw = t.lower[p];
                if (t.cap[p] && Lexicon.PLACE_PREFIXES.contains(pw)) {
                    return true; // "St. Mary's", "Mount Sinai"
                }
                int q = pw.equals("the") ? wordBefore(t, p) : p;
                String qw = q >= 0 ? t.lower[q] : "";
                if (PLACE_PREPOSITIONS.contains(qw) || pw.equals("the")) {
                    return true; // "at Westside", "in Salem", "the Johnson building"
                }
            }
            // the practice's own name
            StringBuilder run = new StringBuilder();
            for (int k = a; k < b; k++) {
                if (run.length() > 0) {
                    run.append(' ');
                }
                run.append(t.lower[k]);
            }
            String r = run.toString();
            // "Sheridan Ave" for the practice's "Sheridan Avenue": spelled out only when the run ends in a street word
            String spelled = b - a >= 2 && Addresses.isSuffix(t.lower[b - 1]) ? Addresses.normalise(r) : r;
            for (String place : sc.cfg.practicePlaces) {
                if (place.equals(r) || place.startsWith(r + " ") || place.equals(spelled) || place.startsWith(spelled + " ")) {
                    return true;
                }
            }
            return false;
        }
    }
}
