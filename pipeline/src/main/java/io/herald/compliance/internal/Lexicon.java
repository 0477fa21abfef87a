package io.herald.compliance.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Word lists the detectors share: the bundled gazetteers (first names, name parts, English words)
 * and small curated sets. Loaded once per JVM; immutable.
 */
public final class Lexicon {

    private static final String BASE = "/io/herald/compliance/";

    private static final class Holder {
        static final Set<String> FIRST = union(load("first-names.txt"), load("first-names-extra.txt"));
        static final Set<String> PARTS = load("name-parts.txt");
        static final Set<String> ENGLISH = load("english-words.txt");
    }

    private Lexicon() {}

    /** Forces the gazetteers to load (the gate does it at construction, not on the first post). */
    public static void warmUp() {
        if (Holder.FIRST.isEmpty() || Holder.PARTS.isEmpty() || Holder.ENGLISH.isEmpty()) {
            throw new IllegalStateException("empty gazetteer under " + BASE);
        }
    }

    /** A common given name ("linda"), lower case in. */
    public static boolean firstName(String lower) {
        return Holder.FIRST.contains(lower);
    }

    /** A part of a person's name in some culture: given name or surname. */
    public static boolean namePart(String lower) {
        if (Holder.PARTS.contains(lower) || Holder.FIRST.contains(lower)) {
            return true;
        }
        int dash = lower.indexOf('-');
        if (dash > 0 && dash < lower.length() - 1) {
            // "Nguyen-Park": each part a name
            return namePart(lower.substring(0, dash)) && namePart(lower.substring(dash + 1));
        }
        return false;
    }

    /** An ordinary English word ("grace", "park"). */
    public static boolean english(String lower) {
        return Holder.ENGLISH.contains(lower);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return java.util.Collections.unmodifiableSet(out);
    }

    private static Set<String> load(String name) {
        Set<String> out = new HashSet<>(1 << 16);
        try (InputStream in = Lexicon.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + BASE + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    for (String w : line.split("\\s+")) {
                        out.add(w.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BASE + name, e);
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /** An immutable set; duplicates in the list are harmless. */
    static Set<String> set(String... words) {
        // a HashSet behind a bit filter: misses, the common case, cost one array read
        return new LexSet(java.util.Arrays.asList(words));
    }

    // ----------------------------------------------------------------- curated sets (lower case)

    public static final Set<String> MONTHS = set("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
            "aug", "sep", "sept", "oct", "nov", "dec");

    public static final Set<String> WEEKDAYS = set("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
            "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekend",
            "weekends");

    /** Capitalised words that are never a person's name on their own. */
    public static final Set<String> NEVER_NAMES = set(
            "i", "i'm", "i've", "i'll", "i'd", "god", "lord", "jesus", "christ", "allah", "santa", "easter",
            "christmas", "thanksgiving", "halloween", "hanukkah", "kwanzaa", "ramadan", "diwali", "passover",
            "new", "year", "years", "eve", "day", "week", "month", "valentine", "valentine's", "memorial",
            "labor", "independence", "veterans", "presidents", "juneteenth", "mlk", "king", "luther",
            "mother's", "father's", "mothers", "fathers", "nurses", "doctors", "national", "world", "american",
            "america", "us", "usa", "u.s", "medicare", "medicaid", "covid", "covid-19", "coronavirus",
            "english", "spanish", "french", "chinese", "vietnamese", "korean", "arabic", "russian", "tagalog",
            "haitian", "creole", "portuguese", "hindi", "urdu", "bengali", "punjabi", "german", "italian",
            "japanese", "polish", "black", "white", "asian", "hispanic", "latino", "latina", "latinx", "native",
            "indigenous", "african", "caucasian", "pacific", "islander", "alaska", "hawaiian", "mr", "mrs", "ms",
            "dr", "st", "saint", "mount", "mt", "happy", "merry", "dear", "hi", "hello", "hey", "thanks",
            "thank", "congratulations", "congrats", "welcome", "meet", "join", "please", "call", "email",
            "text", "visit", "book", "ask", "remember", "reminder", "note", "update", "today", "tomorrow",
            "yesterday", "tonight", "am", "pm", "a.m", "p.m", "ok", "okay", "faq", "q", "a", "re", "fyi",
            "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "downtown",
            "uptown", "midtown", "main", "street", "avenue", "road", "drive", "lane", "boulevard", "highway",
            "route", "suite", "floor", "room", "building", "campus", "urgent", "care", "primary", "family",
            "medicine", "pediatrics", "cardiology", "oncology", "er", "icu", "nicu", "or", "ob", "gyn",
            "ob-gyn", "flu", "rsv", "hpv", "hiv", "aids", "mri", "ct", "covid19", "tylenol", "advil", "motrin",
            "aleve", "ozempic", "wegovy", "mounjaro", "zepbound", "lipitor", "humira", "eliquis", "xarelto",
            "jardiance", "metformin", "insulin", "narcan", "epipen", "benadryl", "zyrtec", "claritin", "allegra",
            "flonase", "sudafed", "mucinex", "nyquil", "dayquil", "pepto", "tums", "prilosec", "nexium",
            "paxlovid", "tamiflu", "xofluza", "keytruda", "botox", "juvederm", "synthroid", "lexapro", "zoloft",
            "prozac", "wellbutrin", "adderall", "ritalin", "plan", "fda", "cdc", "who", "nih", "aap", "aafp",
            "ama", "aha", "acs", "google", "facebook", "instagram", "twitter", "tiktok", "youtube", "linkedin",
            "bluesky", "mastodon", "threads", "zoom", "mychart", "teams", "apple", "android", "iphone",
            "alexa", "siri", "amazon", "walmart", "target", "costco", "cvs", "walgreens", "rite", "aid",
            "kroger", "starbucks", "uber", "lyft", "ymca", "red", "cross", "united", "way", "rotary", "lions",
            "kiwanis", "scouts", "scout", "girl", "boy", "little", "league", "team", "staff", "clinic",
            "hospital", "health", "medical", "center", "centre", "office", "practice", "pharmacy", "lab");

    /** Titles that make the named person staff (or another clinician, never a patient). */
    /** Words that label what follows them (after a colon) as false: "Myth: ...". */
    public static final Set<String> MYTH_LABELS = set("myth", "myths", "false", "fiction", "rumor", "rumour",
            "misconception", "mito", "falso");

    public static final Set<String> STAFF_TITLES = set("dr", "doctor", "nurse", "np", "pa", "prof", "professor",
            "dentist", "hygienist", "therapist", "midwife", "pharmacist", "coach", "chaplain", "dietitian",
            "nutritionist", "surgeon", "physician", "counselor", "counsellor", "provider", "practitioner",
            "receptionist", "manager", "director", "administrator", "coordinator", "technician", "tech",
            "assistant", "navigator", "psychologist", "psychiatrist", "pediatrician", "optometrist",
            "audiologist", "podiatrist", "chiropractor", "dermatologist", "cardiologist", "oncologist",
            "radiologist", "anesthesiologist", "obstetrician", "gynecologist", "neurologist", "paramedic",
            "emt", "medic", "phlebotomist", "sonographer", "scribe", "intern", "resident", "fellow",
            "volunteer", "educator", "interpreter", "ceo", "cmo", "cfo", "coo", "cno", "founder", "owner",
            "partner", "colleague", "coworker", "co-worker", "teammate", "lead", "supervisor", "specialist",
            "rn", "lpn", "cna", "ma", "md", "do", "aprn", "fnp", "cnm", "crna", "pt", "ot", "slp", "rd",
            "rdn", "lcsw", "lpc", "doula", "officer", "worker", "biller", "clerk", "staffer", "member",
            "employee", "hire", "physio", "physiotherapist", "nurse-midwife", "hospitalist", "internist",
            "ophthalmologist", "orthodontist", "periodontist", "endodontist", "surgeon-in-chief", "chief");

    /** Post-nominal credentials: "Aaron Blake, DO". Compared in lower case, without dots. */
    public static final Set<String> CREDENTIALS = set("md", "do", "rn", "np", "pa", "pa-c", "dds", "dmd", "phd",
            "psyd", "pharmd", "fnp", "fnp-c", "fnp-bc", "aprn", "cnm", "crna", "dnp", "msn", "bsn", "lpn", "lvn",
            "cna", "cma", "rd", "rdn", "ibclc", "lcsw", "lmft", "lpc", "dpt", "pt", "ot", "otr", "slp", "ccc-slp",
            "od", "dpm", "dc", "mph", "mba", "facc", "faap", "facp", "facs", "facog", "faafp", "mbbs", "mrcp",
            "ccrn", "cnp", "anp", "whnp", "pnp", "agnp", "ms", "ma", "lac", "lmt", "atc", "emt", "rph", "acnp",
            "dvm", "rrt", "rt", "mft", "edd", "ed.d", "m.d", "d.o", "r.n", "ph.d", "jr", "sr", "ii", "iii");

    /** Courtesy titles: the named person is somebody, and not staff unless listed. */
    public static final Set<String> HONORIFICS = set("mr", "mrs", "ms", "miss", "mx", "mister", "missus",
            "madam", "madame", "master", "señor", "senor", "señora", "senora", "sir");

    /** Titles of public figures: named, but not as patients (treatment stories are phi.combination's job). */
    public static final Set<String> PUBLIC_TITLES = set("mayor", "governor", "gov", "senator", "sen",
            "representative", "rep", "congressman", "congresswoman", "councilman", "councilwoman", "councilor",
            "councillor", "alderman", "alderwoman", "commissioner", "secretary", "president", "sheriff",
            "judge", "justice", "superintendent", "principal", "pastor", "father", "reverend", "rev", "rabbi",
            "imam", "bishop", "pope", "cardinal", "deacon", "sister", "brother", "officer", "sergeant", "sgt",
            "captain", "capt", "lieutenant", "lt", "colonel", "col", "general", "gen", "major", "admiral",
            "chief", "trooper", "deputy", "ambassador", "chancellor", "dean", "prime", "minister", "king",
            "queen", "prince", "princess", "lady", "lord", "coach", "commander", "surgeon-general");

    /** Words after a capitalised run that make it a place or an organisation, not a person. */
    public static final Set<String> ORG_SUFFIXES = set("hospital", "hospitals", "clinic", "clinics", "center",
            "centre", "centers", "library", "school", "schools", "elementary", "middle", "high", "academy",
            "university", "college", "institute", "foundation", "society", "association", "council",
            "department", "dept", "county", "city", "town", "township", "village", "borough", "district",
            "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane", "ln", "boulevard", "blvd",
            "way", "court", "ct", "place", "pl", "circle", "terrace", "parkway", "pkwy", "highway", "hwy",
            "trail", "square", "plaza", "pike", "route", "park", "parks", "gardens", "garden", "lake", "river",
            "creek", "beach", "island", "bay", "valley", "heights", "hills", "hill", "ridge", "springs",
            "falls", "mountain", "mountains", "station", "airport", "mall", "market", "hall", "building",
            "tower", "towers", "campus", "church", "chapel", "cathedral", "temple", "synagogue", "mosque",
            "memorial", "health", "healthcare", "medical", "medicine", "pharmacy", "pharmacies", "group",
            "partners", "associates", "inc", "llc", "co", "corp", "company", "corporation", "bank", "club",
            "team", "day", "days", "week", "month", "award", "awards", "prize", "fund", "house", "home",
            "homes", "lodge", "inn", "hotel", "arena", "stadium", "field", "gym", "ymca", "marathon", "walk",
            "run", "race", "fair", "festival", "gala", "drive", "challenge", "program", "project", "initiative",
            "network", "system", "services", "service", "care", "cares", "wellness", "family", "pediatrics",
            "dental", "dentistry", "orthopedics", "cardiology", "oncology", "radiology", "imaging", "labs",
            "laboratory", "urgent", "emergency", "rehab", "rehabilitation", "therapy", "institute", "museum",
            "theater", "theatre", "zoo", "post", "times", "news", "gazette", "tribune", "herald", "journal",
            "magazine", "press", "radio", "tv", "channel", "apartments", "estates", "manor", "village",
            "commons", "crossing", "square", "point", "harbor", "port", "fort", "ft", "junction", "grove",
            "woods", "forest", "meadows", "farms", "farm", "ranch", "plains", "shore", "coast", "county's",
            "senior", "seniors", "church's", "ward", "unit", "wing", "floor", "pavilion", "tower");

    /** Words before a capitalised run that make it a place: "St. Mary's", "Mount Sinai". */
    public static final Set<String> PLACE_PREFIXES = set("st", "saint", "mount", "mt", "lake", "fort", "ft",
            "port", "camp", "san", "santa", "los", "las", "el", "la", "new", "north", "south", "east", "west",
            "upper", "lower", "greater", "university", "college", "lake", "cape", "glen", "point", "rio");

    /**
     * Eponyms that are almost never somebody's name in a post: "Parkinson's", "Alzheimer's". Others
     * (Down, Turner, Graves) are recognised by the word after them ({@link #EPONYM_FOLLOWERS}).
     */
    public static final Set<String> EPONYMS = set("parkinson", "parkinsons", "alzheimer", "alzheimers", "crohn",
            "crohns", "hodgkin", "hodgkins", "non-hodgkin", "non-hodgkin's", "tourette", "tourettes", "asperger",
            "aspergers", "hashimoto", "hashimotos", "gehrig", "raynaud", "raynauds", "sjogren", "sjögren",
            "kawasaki", "lyme", "guillain-barre", "guillain-barré", "guillain", "marfan", "kaposi", "meniere",
            "ménière", "osgood-schlatter", "epstein-barr", "heimlich", "apgar", "klinefelter", "prader-willi",
            "munchausen", "dupuytren", "peyronie", "legionnaires", "hirschsprung", "duchenne",
            "charcot-marie-tooth", "creutzfeldt-jakob", "ehlers-danlos", "wolff-parkinson-white", "korsakoff",
            "wernicke", "babinski", "mcburney", "trendelenburg", "cheyne-stokes", "kussmaul", "korotkoff",
            "doppler", "holter", "niemann-pick", "fabry", "pompe", "behcet", "behçet", "fanconi", "goodpasture",
            "kallmann", "noonan", "peutz-jeghers", "takayasu", "wegener", "zollinger-ellison", "willebrand",
            "hurler", "sanfilippo", "krabbe", "canavan", "lesch-nyhan", "digeorge", "wiskott-aldrich", "brugada",
            "marburg", "ebola", "zika", "mantoux", "rorschach", "kegel", "kegels", "valsalva", "lamaze",
            "tay-sachs", "stevens-johnson", "mallory-weiss", "pap");

    /** Words after an eponym that make it a disease, sign, test or device. */
    public static final Set<String> EPONYM_FOLLOWERS = set("disease", "diseases", "syndrome", "syndromes", "palsy",
            "sign", "signs", "lymphoma", "sarcoma", "disorder", "phenomenon", "ulcer", "cyst", "esophagus",
            "chorea", "dementia", "tumor", "tumour", "law", "maneuver", "manoeuvre", "test", "tests", "triad",
            "reflex", "node", "nodes", "score", "scale", "formula", "contracture", "fracture", "neuroma",
            "catheter", "monitor", "smear", "technique", "exercises", "exercise", "method", "breathing",
            "surgery", "procedure", "virus", "fever", "tendon", "bodies", "body", "area", "aphasia",
            "encephalopathy", "thyroiditis", "ophthalmopathy", "anomaly", "anemia", "arteritis", "criteria",
            "classification", "stain", "operation", "repair", "cell", "cells", "awareness", "research",
            "patients", "patient", "care", "support", "caregivers", "community", "association", "foundation",
            "walk", "month", "day", "week");

    /** Words that negate what follows in the same clause. */
    public static final Set<String> NEGATORS = set("no", "not", "never", "don't", "doesn't", "didn't", "can't",
            "cannot", "won't", "isn't", "aren't", "wasn't", "weren't", "shouldn't", "couldn't", "wouldn't",
            "without", "nothing", "none", "neither", "nor", "nobody", "dont", "doesnt", "cant", "wont", "isnt",
            "arent", "myth", "myths", "false", "untrue", "debunked", "fake", "hoax", "rumor", "rumour",
            "misinformation", "disinformation", "unproven", "claim", "claims", "falsely", "wrongly", "mistakenly",
            "nonsense", "lie", "lies", "fiction", "misconception", "zero", "nor", "stop", "avoid", "beware",
            "wary", "skeptical", "sceptical", "scam", "scams", "fraud");

    /** Words that point at one person (a patient, a relative): for the address, phone and date rules. */
    public static final Set<String> PERSON_CUES = set("patient", "pt", "he", "she", "him", "her", "his", "hers",
            "himself", "herself", "man", "woman", "boy", "girl", "guy", "lady", "gentleman", "teen", "teenager",
            "toddler", "infant", "newborn", "baby", "mom", "dad", "mother", "father", "son", "daughter", "wife",
            "husband", "grandson", "granddaughter", "grandmother", "grandfather", "grandma", "grandpa", "aunt",
            "uncle", "cousin", "nephew", "niece", "sister", "brother", "boyfriend", "girlfriend", "fiance",
            "fiancé", "fiancée", "widow", "widower", "mr", "mrs", "ms", "miss", "lives", "resides", "resident",
            "neighbor", "neighbour", "roommate", "victim", "driver", "passenger", "kid", "child", "client",
            "veteran", "preemie", "twins", "triplets", "bride", "groom");

    /** Words that say the speaker is the practice: for phones, emails and addresses. */
    public static final Set<String> PRACTICE_CUES = set("us", "our", "we", "we're", "we've", "we'll", "office",
            "clinic", "practice", "front", "desk", "appointment", "appointments", "book", "booking", "schedule",
            "scheduling", "register", "registration", "rsvp", "questions", "question", "info", "information",
            "location", "locations", "hours", "open", "visit", "located", "moved", "moving", "relocating",
            "address", "directions", "parking", "entrance", "suite", "campus", "team", "staff", "main",
            "line", "hotline", "helpline", "billing", "refill", "refills", "nurse", "advice", "after-hours",
            "reach", "contact", "join", "event", "fair", "drive", "screening", "screenings", "free", "class",
            "classes", "workshop", "seminar", "talk", "walk-in", "walk-ins", "vaccines", "shots", "flu",
            "come", "stop", "drop", "tour", "celebrate", "celebration", "festival", "clinic's", "practice's");
}
