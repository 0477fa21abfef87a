package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cure, guarantee, no-risk and miracle claims, false FDA approval, and well-known misinformation. */
final class Claims {

    private Claims() {}

    private static final Set<String> CURE_WORDS = Lexicon.set("cure", "cures", "cured", "curing", "cure-all",
            "cureall", "cure-alls");
    private static final Set<String> RESEARCH_BEFORE = Lexicon.set("for", "find", "finding", "found", "search",
            "searching", "toward", "towards", "hope", "hoping", "race", "research", "closer", "funding", "fund",
            "seek", "seeking", "working", "develop", "developing", "until", "no", "without", "day", "someday",
            "one", "raise", "raising", "support", "supporting", "walk", "run", "ride", "known", "possible",
            "potential", "pursuit", "quest", "breakthrough");
    private static final Set<String> CURED_FOODS = Lexicon.set("meat", "meats", "ham", "hams", "bacon", "salmon",
            "sausage", "sausages", "pork", "beef", "fish", "salami", "pepperoni", "jerky", "deli", "foods", "cheese");
    private static final Set<String> PASSIVE = Lexicon.set("be", "is", "are", "was", "were", "been", "being",
            "get", "gets", "got", "often", "usually", "now", "easily", "fully", "typically", "mostly");
    private static final Set<String> PROMOTION = Lexicon.set("our", "we", "we're", "we've", "us");
    private static final Pattern PERMANENCE = Pattern.compile("(?i)\\b(?:melts?|removes?|eliminates?|erases?|fix(?:es)?"
            + "|ends?|stops?|banish(?:es)?|gets? rid of|burns?|blasts?|reverses?|heals?|restores?|regrows?|clears?"
            + "|tightens?|lifts?|whitens?|straightens?)\\b[^.!?]{0,40}?\\b(?:permanently|forever|for good|for life)\\b"
            + "|\\b(?:permanently|forever)\\s+(?:melts?|removes?|eliminates?|erases?|fix(?:es)?|ends?|stops?|banish(?:es)?"
            + "|gets? rid of|burns?|reverses?|heals?|clears?|cures?)\\b");
    private static final Pattern REPORTED = Pattern.compile("(?i)\\b(?:whether|asked|asks|asking|wonder(?:s|ed|ing)?"
            + "|heard|hear|question|questions|people think|some think|many think|think that|believe that|believes that"
            + "|is it true)\\b");
    private static final Pattern REFUTATION = Pattern.compile("(?i)^\\W*(?:no\\b(?=\\s*(?:[.,!;:]|$))|nope|not\\b|false|wrong|that's not"
            + "|that is not|they can't|they cannot|it can't|it cannot|they don't|it doesn't|they do not|it does not"
            + "|this is not|that's a myth|actually|in fact|the truth|fact:|reality)");
    private static final Pattern STRONG_VERB = Pattern.compile("(?i)\\b(?:heals?|healed|reverses?|reversed|reversing"
            + "|eliminates?|eliminated|eradicates?|wipes? out|gets? rid of|flush(?:es)? out|fix(?:es)?|ends?)\\b");
    private static final Pattern STRONG_OBJECT = Pattern.compile("(?i)\\b(?:forever|permanently|completely|for good"
            + "|naturally|100%|instantly|overnight|in days|diabetes|cancer|aging|ageing|alzheimer'?s|autism|arthritis"
            + "|heart disease|toxins|any disease|all diseases?|obesity|infertility|adhd|dementia|ms|parkinson'?s"
            + "|chronic pain)\\b");
    private static final Pattern PERMANENT_WORD = Pattern.compile("(?i)forever|permanently|for good|100%");
    private static final Set<String> HEDGES = Lexicon.set("most", "many", "some", "usually", "often", "few",
            "majority", "typically", "rarely", "generally", "mostly", "commonly");
    private static final Set<String> MIRACLE_WORDS = Lexicon.set("miracle", "miracles", "miraculous",
            "miraculously");
    private static final Set<String> MIRACLE_OBJECTS = Lexicon.set("cure", "cures", "drug", "drugs", "pill", "pills",
            "treatment", "treatments", "supplement", "supplements", "tea", "teas", "cream", "creams", "results",
            "diet", "diets", "weight", "product", "products", "therapy", "therapies", "remedy", "remedies", "shot",
            "shots", "injection", "injections", "fix", "solution", "worker", "formula", "serum", "oil", "oils",
            "juice", "water", "powder", "patch", "device", "procedure", "protocol", "method", "detox", "cleanse",
            "laser", "capsule", "capsules", "vitamin", "vitamins", "herb", "herbs", "gummies", "fat", "loss",
            "medicine", "healing", "heals", "cured", "works");
    private static final Pattern FDA = Pattern.compile("(?i)\\bFDA[- ]?(approved|cleared|certified|endorsed|registered|"
            + "sanctioned|backed)\\b|\\b(approved|cleared|certified|endorsed) by (?:the )?(?:FDA|food and drug administration)\\b"
            + "|\\bFDA (approval|certification|endorsement)\\b");
    private static final Set<String> NOT_APPROVABLE = Lexicon.set("supplement", "supplements", "vitamin", "vitamins",
            "herbal", "herb", "herbs", "tea", "teas", "essential", "oil", "oils", "homeopathic", "homeopathy", "cbd",
            "hemp", "kratom", "detox", "cleanse", "cleanses", "colloidal", "stem", "drip", "drips", "nootropic",
            "nootropics", "probiotic", "probiotics", "collagen", "peptide", "peptides", "gummies", "gummy", "ozone",
            "chelation", "prolotherapy", "cupping", "clinic", "practice", "spa", "facility", "center", "centre",
            "doctors", "staff", "providers", "team", "method", "technique", "program", "protocol", "we", "we're",
            "our", "us", "powder", "shake", "shakes", "tincture", "tinctures", "balm", "salve", "crystals", "crystal",
            "magnet", "magnets", "magnetic", "cosmetic", "cosmetics", "serum", "wellness", "iv", "hydration", "juice",
            "natural", "organic", "formula", "blend", "extract", "remedy", "remedies", "cream", "lotion");
    private static final Pattern MYTH_MARKERS = Pattern.compile("(?i)\\b(?:myths?|fact ?:|facts?\\s*check|false|"
            + "debunk(?:ed|ing)?|misinformation|disinformation|not true|isn't true|is not true|no evidence|rumou?rs?"
            + "|hoax(?:es)?|misconceptions?|don't believe|do not believe|contrary to|untrue|claims? that|fake news"
            + "|myth-busting|mythbusting)");

    /** Well-known false claims: a subject, a verb and an object in that order in one sentence. */
    /**
     * A false claim pattern. {@code needs}: 0 nothing more; {@link #INSIDE} the sentence must speak of the body
     * (germs killed "inside the body", not on a counter); {@link #UNHEDGED} the sentence must not hedge ("may", "some").
     */
    private record Triple(PhraseSet subjects, PhraseSet verbs, PhraseSet objects, String what, boolean negativeClaim,
            int needs) {}

    private static final int INSIDE = 1;
    private static final int UNHEDGED = 2;

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Triple triple(List<String> s, List<String> v, List<String> o, String what) {
        return new Triple(new PhraseSet(s), new PhraseSet(v), new PhraseSet(o), what, false, 0);
    }

    private static Triple triple(List<String> s, List<String> v, List<String> o, String what, int needs) {
        return new Triple(new PhraseSet(s), new PhraseSet(v), new PhraseSet(o), what, false, needs);
    }

    private static Triple denial(List<String> s, List<String> v, List<String> o, String what) {
        return new Triple(new PhraseSet(s), new PhraseSet(v), new PhraseSet(o), what, true, 0);
    }

    /** Unproven remedies (the subjects of remedy claims). */
    private static final List<String> REMEDIES = List.of("bleach", "mms", "miracle mineral", "chlorine dioxide",
            "colloidal silver", "vitamin c", "vitamin d", "high-dose vitamin", "garlic", "essential oil", "essential oils",
            "oregano oil", "apple cider vinegar", "baking soda", "alkaline water", "alkaline diet", "alkaline",
            "turmeric", "homeopathy", "homeopathic", "juice cleanse", "juicing", "cannabis oil", "cbd", "cbd oil",
            "raw milk", "urine", "ozone", "coffee enemas", "coffee enema", "apricot seeds", "laetrile", "black salve",
            "fasting", "colloidal", "silver", "detox", "cleanse", "oil pulling", "hydrogen peroxide", "magnets",
            "crystals", "sunlight", "cayenne", "lemon water", "elderberry", "zinc", "echinacea", "herbs", "herbal",
            "supplements", "supplement", "vitamins", "keto", "ketogenic diet", "essiac", "soursop", "nosodes",
            "cinnamon", "raw vegan", "vegan diet", "raw food diet", "juice fast", "thermography", "iodine", "borax",
            "turpentine", "kerosene", "dmso", "quinine", "tonic water", "moringa", "black seed", "sea moss",
            "reiki", "chelation", "ionic foot bath",
            "hydroxychloroquine", "ivermectin", "methylene blue", "nebulized peroxide");
    /** Mainstream vaccines and medicines a remedy is claimed to equal or replace. */
    private static final List<String> MEDICINES = List.of("vaccine", "vaccines", "vaccination", "vaccinations",
            "immunization", "immunizations", "immunisations", "the shot", "shots", "jab", "jabs", "flu shot",
            "flu shots", "mmr", "booster", "boosters", "chemo", "chemotherapy", "radiation", "insulin", "antibiotics",
            "antibiotic", "medicine", "medicines", "medication", "medications", "meds", "prescription", "prescriptions",
            "prescription drugs", "metformin", "statins", "surgery", "mammogram", "mammograms", "antivirals",
            "antidepressants", "inhaler", "inhalers", "blood thinners", "any drug", "pharmaceuticals", "drugs");

    private static final List<String> STRONG_CURE_VERBS = List.of("cure", "cures", "cured", "curing", "prevent",
            "prevents", "reverse", "reverses", "reversed", "eliminate", "eliminates", "eradicate", "eradicates",
            "destroy", "destroys", "kill", "kills", "is the cure for", "is a cure for", "are the cure for",
            "starve", "starves", "get rid of", "gets rid of", "wipe out", "wipes out", "knock out", "knocks out",
            "shrink", "shrinks", "dissolve", "dissolves", "heal", "heals", "beat", "beats", "treat", "treats",
            "works better than", "work better than", "is better than", "are better than", "replace", "replaces",
            "clear", "clears", "cleared", "clear up", "clears up", "wash away", "washes away", "wash it away",
            "washes it away", "wash", "washes", "wash out", "washes out", "flush out", "flushes out", "melt away",
            "melts away", "dissolve it", "reset", "resets");

    private static final List<String> CURE_VERBS = List.of("cure", "cures", "cured", "curing", "prevent", "prevents",
            "prevented", "treat", "treats", "treated", "kill", "kills", "heal", "heals", "reverse", "reverses",
            "eliminate", "eliminates", "beat", "beats", "destroy", "destroys", "stop", "stops", "fight", "fights",
            "fix", "fixes", "protect against", "protects against", "works against", "work against", "get rid of",
            "gets rid of", "clear up", "clears up", "clear", "clears", "shrink", "shrinks", "starve", "starves",
            "is the cure for", "is a cure for", "is the answer to", "help with", "helps with", "help", "helps", "work on",
            "works on", "work for", "works for", "cure your", "treat your", "wipe out", "wipes out", "knock out",
            "knocks out", "dissolve", "dissolves", "neutralize", "neutralizes", "remove", "removes", "fights off",
            "is the best treatment for", "is the best medicine for", "is a treatment for", "is an effective treatment for",
            "is a proven treatment for", "is effective against", "is effective for", "effectively treats", "is the answer",
            "works", "work", "really works", "is safe and effective for");
    private static final List<String> BIG_DISEASES = List.of("covid", "covid-19", "covid19", "coronavirus",
            "sars-cov-2", "omicron", "cancer", "cancers", "tumor", "tumors", "tumours", "diabetes", "autism", "hiv",
            "aids", "alzheimer's", "alzheimer", "alzheimers", "dementia", "measles", "ebola", "the flu", "flu",
            "influenza", "all disease", "all diseases", "any disease", "every disease", "heart disease", "leukemia",
            "multiple sclerosis", "parkinson's", "adhd", "infections", "infection", "lyme", "hepatitis",
            "arthritis", "asthma", "herpes", "std", "stds", "sti", "stis");
    private static final List<Triple> TRIPLES = List.of(
            triple(List.of("cancer", "diabetes", "autism", "adhd", "depression", "anxiety", "covid", "covid-19",
                            "measles", "polio", "hiv", "aids", "mental illness", "addiction", "alzheimer's", "dementia",
                            "obesity", "flu", "lyme", "asthma", "chickenpox", "whooping cough", "tetanus"),
                    List.of("is just", "is only", "is really", "is really just", "is simply", "is nothing but",
                            "is nothing more than", "is basically", "is merely", "is actually", "is all", "are just"),
                    List.of("fungus", "a fungus", "a fungal", "fungal", "rash", "a rash", "cold", "a cold", "bad cold",
                            "the flu", "flu", "vitamin deficiency", "a vitamin deficiency", "deficiency", "acidity",
                            "acidic", "too much acid", "parasites", "parasite", "a parasite", "hoax", "a hoax", "myth",
                            "a myth", "made up", "in your head", "all in your head", "a scam", "scam", "laziness",
                            "bad parenting", "a choice", "a lifestyle choice", "toxins", "candida", "yeast", "weakness",
                            "attention seeking", "attention-seeking", "a mindset", "dehydration", "a toxin",
                            "childhood illness", "a harmless", "harmless"),
                    "serious disease played down as something trivial"),
            triple(List.of("natural immunity", "catching measles", "catching it", "catching the disease",
                            "chickenpox parties", "pox parties", "measles parties", "natural infection",
                            "herd immunity"),
                    List.of("is better than", "is always better than", "always better than", "better than",
                            "is safer than", "safer than", "is stronger than", "stronger than", "beats",
                            "works better than", "is more effective than", "more effective than", "is superior to",
                            "superior to", "instead of", "replaces", "is all you need"),
                    MEDICINES, "natural infection claimed to beat vaccination", UNHEDGED),
            triple(REMEDIES,
                    List.of("as effective as", "just as effective as", "more effective than", "as good as",
                            "just as good as", "works as well as", "work as well as", "better than",
                            "works better than", "work better than", "always better than", "safer than", "stronger than",
                            "replacement for", "safe replacement for", "substitute for", "safe substitute for",
                            "alternative to", "safe alternative to", "natural alternative to", "instead of", "replace",
                            "replaces", "replaced", "does the same job as", "does the same as", "beats",
                            "outperforms", "is all you need", "are all you need", "is all your", "is superior to",
                            "are superior to", "equivalent to"),
                    MEDICINES, "unproven remedy claimed to equal or replace a vaccine or medicine", UNHEDGED),
            triple(REMEDIES,
                    List.of("kill", "kills", "killed", "destroy", "destroys", "eliminate", "eliminates", "wipe out",
                            "wipes out", "clear", "clears", "cleared", "clear out", "clears out", "flush out",
                            "flushes out", "neutralize", "neutralizes", "neutralise", "neutralises", "eradicate",
                            "eradicates", "get rid of", "gets rid of", "remove", "removes", "cure", "cures"),
                    List.of("virus", "viruses", "bacteria", "germ", "germs", "parasite", "parasites", "pathogens",
                            "pathogen", "fungus", "fungi", "candida", "yeast", "worms", "mold", "microbes", "infection",
                            "infections", "any virus", "every virus", "all viruses", "any infection", "every infection"),
                    "unproven remedy claimed to kill germs inside the body", INSIDE),
            triple(List.of("vaccine", "vaccines", "vaccination", "vaccinations", "vax", "jab", "jabs", "mmr",
                            "flu shot", "flu shots", "covid vaccine", "covid vaccines", "covid shot", "mrna",
                            "immunization", "immunizations", "immunisations", "hpv vaccine", "childhood vaccines",
                            "shots", "booster", "boosters"),
                    List.of("cause", "causes", "caused", "causing", "linked to", "lead to", "leads to", "trigger",
                            "triggers", "give you", "gives you", "give", "gives", "contain", "contains", "alter",
                            "alters", "change", "changes", "modify", "modifies", "rewrite", "rewrites", "shed", "sheds",
                            "are linked to", "is linked to", "result in", "results in", "make you", "makes you",
                            "damage", "damages", "weaken", "weakens", "destroy", "destroys", "infect", "infects",
                            "spread", "spreads"),
                    List.of("autism", "infertility", "sterility", "sterile", "infertile", "sids", "the flu", "flu",
                            "the disease", "your dna", "dna", "microchip", "microchips", "chip", "chips", "tracking",
                            "tracker", "magnet", "magnets", "magnetic", "5g", "fetal tissue", "aborted", "turbo cancer",
                            "cancer", "autoimmune", "death", "deaths", "sudden death", "your immune system", "natural immunity", "immune system", "covid", "alzheimer's",
                            "shaken baby", "brain damage", "allergies", "adhd", "diabetes", "genetically", "genetic"),
                    "vaccine misinformation"),
            triple(List.of("ivermectin", "hydroxychloroquine", "hcq", "horse dewormer"),
                    concat(CURE_VERBS, List.of("effective", "treatment", "treatments", "remedy", "works")),
                    List.of("covid", "covid-19", "covid19", "coronavirus", "sars-cov-2", "omicron", "cancer", "the virus",
                            "long covid", "viral"),
                    "unproven COVID-19 or cancer treatment"),
            triple(List.of("bleach", "mms", "miracle mineral", "chlorine dioxide", "colloidal silver", "vitamin c",
                            "vitamin d", "high-dose vitamin", "garlic", "essential oil", "essential oils", "oregano oil",
                            "apple cider vinegar", "baking soda", "alkaline water", "alkaline diet", "alkaline",
                            "turmeric", "homeopathy", "homeopathic", "juice cleanse", "juicing", "cannabis oil",
                            "cbd", "cbd oil", "raw milk", "urine", "ozone", "coffee enemas", "coffee enema",
                            "apricot seeds", "laetrile", "black salve", "fasting", "colloidal", "silver", "detox",
                            "cleanse", "oil pulling", "hydrogen peroxide", "magnets", "crystals", "sunlight",
                            "cayenne", "lemon water", "elderberry", "zinc", "echinacea", "herbs", "herbal",
                            "supplements", "supplement", "vitamins", "keto", "ketogenic diet", "essiac", "soursop"),
                    STRONG_CURE_VERBS, BIG_DISEASES, "unproven remedy claimed to treat a serious disease"),
            triple(List.of("chiropractic", "chiropractor", "chiropractors", "adjustment", "adjustments",
                            "spinal adjustment", "spinal adjustments", "spinal manipulation"),
                    CURE_VERBS,
                    List.of("ear infections", "ear infection", "infections", "infection", "asthma", "colic",
                            "allergies", "autism", "adhd", "bedwetting", "diabetes", "cancer", "high blood pressure",
                            "covid", "flu", "measles", "immune", "immunity", "the immune system", "fever", "fevers",
                            "otitis", "ear aches", "earaches", "reflux", "scoliosis in", "vision", "hearing loss"),
                    "chiropractic claim beyond musculoskeletal care"),
            triple(List.of("antibiotics", "antibiotic", "amoxicillin", "z-pack", "z-pak", "zpack", "zpak",
                            "penicillin", "azithromycin"),
                    List.of("cure", "cures", "treat", "treats", "kill", "kills", "fix", "fixes", "help", "helps",
                            "help with", "helps with", "work on", "works on", "work against", "works against",
                            "fight", "fights", "are needed for", "are the answer for", "are the best treatment for",
                            "speed up recovery from", "shorten", "shortens", "knock out", "knocks out", "get rid of",
                            "gets rid of", "clear up", "clears up", "are great for", "work for", "works for",
                            "is the fix for", "are the fix for"),
                    List.of("cold", "colds", "the common cold", "common cold", "the flu", "flu", "viral", "virus",
                            "viruses", "covid", "covid-19", "coronavirus", "any infection", "every infection",
                            "all infections", "bronchitis", "a cough", "coughs", "runny nose", "sniffles", "stomach bug"),
                    "antibiotics claimed to work on viral illness"),
            triple(List.of("5g", "cell towers", "wifi", "wi-fi"),
                    List.of("cause", "causes", "caused", "spread", "spreads", "spreading", "linked to", "is linked to",
                            "gives you", "give you"),
                    List.of("covid", "covid-19", "coronavirus", "cancer", "the virus", "illness", "disease"),
                    "5G health misinformation"),
            triple(List.of("masks", "mask", "masking", "face masks", "wearing a mask"),
                    List.of("cause", "causes", "lead to", "leads to", "give you", "gives you", "result in",
                            "results in", "trap", "traps", "starve", "starves", "reduce", "reduces", "lower",
                            "lowers", "deprive", "deprives"),
                    List.of("co2", "carbon dioxide", "hypoxia", "oxygen deprivation", "low oxygen", "pneumonia",
                            "brain damage", "oxygen", "your oxygen", "oxygen levels", "bacterial pneumonia"),
                    "mask misinformation"),
            triple(List.of("fluoride", "fluoridation", "fluoridated water"),
                    List.of("is", "are", "causes", "cause", "lowers", "lower", "reduces", "damages", "calcifies",
                            "is a", "contains"),
                    List.of("poison", "a poison", "toxic", "neurotoxin", "a neurotoxin", "iq", "cancer",
                            "your pineal gland", "pineal gland", "mind control", "dangerous"),
                    "fluoride misinformation"),
            denial(List.of("hiv"),
                    List.of("doesn't cause", "does not cause", "isn't the cause of", "is not the cause of",
                            "is harmless", "is a myth"),
                    List.of("aids", "disease", "illness"),
                    "HIV/AIDS denial"),
            triple(List.of("sunscreen", "sunscreens", "deodorant", "antiperspirant", "antiperspirants", "microwaves",
                            "microwave", "cell phones", "cellphones", "cell phone", "bras", "underwire", "sugar",
                            "chemo", "chemotherapy", "statins", "insulin"),
                    List.of("cause", "causes", "caused", "feeds", "feed", "kills more", "kill more", "is poison",
                            "are poison", "is a poison", "does more harm", "do more harm", "spreads", "spread"),
                    List.of("cancer", "breast cancer", "brain cancer", "skin cancer", "tumors", "tumours",
                            "people than", "patients than", "than cancer", "than it helps", "than good"),
                    "cancer misinformation"));

    /** First words of every triple's subjects: a sentence without one cannot match. */
    private static final Set<String> SUBJECT_FIRST_WORDS = subjectFirstWords();
    /** For each subject first word, the bit set of the triples (by index) it can start. */
    private static final java.util.Map<String, Long> SUBJECT_TRIPLES = subjectTriples();
    private static final LexSet SUBJECT_KEYS = new LexSet(SUBJECT_TRIPLES.keySet());

    private static java.util.Map<String, Long> subjectTriples() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (int ti = 0; ti < TRIPLES.size(); ti++) {
            long bit = 1L << ti;
            for (String w : TRIPLES.get(ti).subjects().firstTokens()) {
                out.merge(w, bit, (a, b) -> a | b);
            }
        }
        if (TRIPLES.size() > 63) {
            throw new IllegalStateException("too many triples for a bit set");
        }
        return java.util.Map.copyOf(out);
    }

    private static Set<String> subjectFirstWords() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Triple tr : TRIPLES) {
            out.addAll(tr.subjects().firstTokens());
        }
        return Set.copyOf(out);
    }

    private static final Set<String> BACTERIAL = Lexicon.set("bacterial", "bacteria", "strep", "secondary");

    static void run(Scan sc) {
        cures(sc);
        guarantees(sc);
        noRisk(sc);
        miracles(sc);
        fda(sc);
        misinformation(sc);
    }

    // ---------------------------------------------------------------------------------- cure

    private static void cures(Scan sc) {
        if (!sc.on(Rules.CLAIMS_CURE)) {
            return;
        }
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD || !CURE_WORDS.contains(t.lower[i])) {
                continue;
            }
            if (sc.negatedBefore(i, 6) || researchBefore(t, i) || t.lower[i].equals("cured") && CURED_FOODS.contains(t.w(i + 1))
                    || t.lower[i].equals("cure") && t.w(i + 1).equals("research")) {
                continue;
            }
            if (t.lower[i].equals("cured") && PASSIVE.contains(t.w(i - 1)) && !sc.sentenceHas(i, PROMOTION)) {
                continue; // "hepatitis C can be cured" is education; "cured at our clinic" is a claim
            }
            sc.add(Rules.CLAIMS_CURE, t.start[i], t.end[i], "claim of a cure ('" + t.lower[i] + "')");
        }
        t.eachAt(STRONG_VERB, STRONG_VERB_TRIGGERS, (byte) 0, m -> strongCure(sc, m));
    }

    private static final Set<String> STRONG_VERB_TRIGGERS = Lexicon.set("heal", "heals", "healed", "reverse", "reverses",
            "reversed", "reversing", "eliminate", "eliminates", "eliminated", "eradicate", "eradicates", "wipe", "wipes",
            "get", "gets", "flush", "flushes", "fix", "fixes", "end", "ends");
    private static final Set<String> PERMANENCE_TRIGGERS = Lexicon.set("melt", "melts", "remove", "removes", "eliminate",
            "eliminates", "erase", "erases", "fix", "fixes", "end", "ends", "stop", "stops", "banish", "banishes", "get",
            "gets", "burn", "burns", "blast", "blasts", "reverse", "reverses", "heal", "heals", "restore", "restores",
            "regrow", "regrows", "clear", "clears", "tighten", "tightens", "lift", "lifts", "whiten", "whitens",
            "straighten", "straightens", "permanently", "forever");
    private static final Set<String> PERMANENT_WORDS = Lexicon.set("permanently", "forever", "good", "life");
    private static final Set<String> MYTH_WORDS = Lexicon.set("myth", "myths", "fact", "facts", "false", "debunk",
            "debunked", "debunking", "misinformation", "disinformation", "true", "evidence", "rumor", "rumors", "rumour",
            "rumours", "hoax", "hoaxes", "misconception", "misconceptions", "believe", "contrary", "untrue", "claim",
            "claims", "fake", "myth-busting", "mythbusting", "check");
    private static final Set<String> REPORT_WORDS = Lexicon.set("whether", "asked", "asks", "asking", "wonder",
            "wonders", "wondered", "wondering", "heard", "hear", "question", "questions", "think", "believe", "believes",
            "true");
    private static final Set<String> FDA_TRIGGERS = Lexicon.set("fda", "approved", "cleared", "certified", "endorsed",
            "fda-approved", "fda-cleared", "fda-certified", "fda-endorsed", "fda-registered", "fda-sanctioned",
            "fda-backed");
    private static final Set<String> DETOX_TRIGGERS = Lexicon.set("detox", "detoxes", "detoxing", "detoxify",
            "detoxifies", "detoxification", "cleanse", "cleanses", "cleansed", "cleansing", "flush", "flushes",
            "flushing");
    private static final Set<String> TOXIN_WORDS = Lexicon.set("toxin", "toxins");

    private static void strongCure(Scan sc, Matcher m) {
        Text t = sc.t;
        {
            int tok = t.tokenAt(m.start());
            if (tok >= t.count) {
                return;
            }
            int sentEnd = t.sentenceEnd(tok);
            int endChar = sentEnd > 0 ? t.end[sentEnd - 1] : t.n;
            Matcher o = STRONG_OBJECT.matcher(t.s).region(m.end(), Math.min(endChar, m.end() + 60));
            if (o.find() && !sc.negatedBefore(tok, 6)) {
                String verb = m.group().toLowerCase(Locale.ROOT);
                if ((verb.startsWith("fix") || verb.startsWith("end")) && !PERMANENT_WORD.matcher(o.group()).matches()) {
                    return;
                }
                sc.add(Rules.CLAIMS_CURE, m.start(), o.end(), "claim of a cure ('" + verb + " ... "
                        + o.group().toLowerCase(Locale.ROOT) + "')");
            }
        }
    }

    private static boolean researchBefore(Text t, int i) {
        int from = Math.max(t.sentenceStart(i), i - 3);
        for (int k = i - 1; k >= from; k--) {
            if (t.kind[k] == Text.WORD && RESEARCH_BEFORE.contains(t.lower[k])) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- guarantee and no-risk

    private static final PhraseSet GUARANTEES = new PhraseSet(List.of("guarantee", "guarantees", "guaranteed",
            "guaranteeing", "money-back", "money back", "100% success", "100% effective", "100 % effective",
            "100% results", "100% satisfaction", "100% of patients", "100% of our patients", "100% cure",
            "100% cure rate", "100% recovery", "100% success rate", "100 percent effective", "100 percent success",
            "works every time", "works for everyone", "works for everybody", "always works", "never fails",
            "never fail", "permanent results", "permanent cure", "permanent fix", "permanent relief",
            "permanently cure", "permanently cures", "permanently removes", "permanently eliminates",
            "permanently fixes", "instant results", "instant relief", "overnight results", "results overnight",
            "proven to cure", "clinically proven", "scientifically proven", "lose weight fast", "no more pain",
            "pain-free forever", "pain free forever", "never get sick", "never be sick", "never get sick again",
            "never catch a cold", "never have to worry", "works 100%", "one treatment is all",
            "only one treatment", "results in days", "results in just", "best results guaranteed", "risk-free trial",
            "no failures", "zero failures", "failure-proof", "foolproof"));
    private static final PhraseSet NO_RISK = new PhraseSet(List.of("no side effects", "no side-effects",
            "zero side effects", "without side effects", "without any side effects", "side-effect free",
            "side effect free", "side-effect-free", "free of side effects", "no-risk", "risk-free", "risk free",
            "zero risk", "zero risks", "no risks", "no risk at all", "no risk whatsoever", "without any risk",
            "without risk", "completely safe", "100% safe", "totally safe", "perfectly safe", "absolutely safe",
            "entirely safe", "completely harmless", "totally harmless", "100% harmless", "perfectly harmless",
            "no downside", "no downsides", "safe for everyone", "safe for everybody", "no complications",
            "zero complications", "nothing to lose", "no adverse effects", "no danger", "100% natural and safe",
            "all natural so", "natural means safe", "can't hurt", "cannot hurt", "can't harm", "cannot harm",
            "no pain", "painless and permanent"));

    private static void guarantees(Scan sc) {
        phrases(sc, Rules.CLAIMS_GUARANTEE, GUARANTEES, "guarantee or certainty claim");
        if (sc.on(Rules.CLAIMS_GUARANTEE) && sc.t.hasAny(PERMANENT_WORDS)) {
            sc.t.eachAt(PERMANENCE, PERMANENCE_TRIGGERS, (byte) 0, m -> {
                int tok = sc.t.tokenAt(m.start());
                if (tok < sc.t.count && !sc.negatedBefore(tok, 5)) {
                    sc.add(Rules.CLAIMS_GUARANTEE, m.start(), m.end(), "claim of permanent results");
                }
            });
        }
        phrases(sc, Rules.CLAIMS_GUARANTEE, sc.cfg.claims, "unsupported claim");
    }

    private static void noRisk(Scan sc) {
        if (!sc.on(Rules.CLAIMS_NO_RISK)) {
            return;
        }
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            int len = NO_RISK.matchAt(t, i);
            if (len == 0) {
                continue;
            }
            String first = t.lower[i];
            if (first.equals("no") || first.equals("zero") || first.equals("without")) {
                // "most people have no side effects" is education, "no side effects!" is a claim
                if (hedgedBefore(t, i, 5) || negatorBefore(t, i, 3)) {
                    i += len - 1;
                    continue;
                }
            } else if (sc.negatedBefore(i, 5) || hedgedBefore(t, i, 4)) {
                i += len - 1;
                continue;
            }
            if (first.equals("no") && t.w(i + 1).equals("pain") && !hasClaimContext(t, i)) {
                i += len - 1;
                continue;
            }
            sc.add(Rules.CLAIMS_NO_RISK, t.start[i], t.end[i + len - 1], "claim of no risk ('"
                    + t.s.substring(t.start[i], t.end[i + len - 1]).toLowerCase(Locale.ROOT) + "')");
            i += len - 1;
        }
    }

    private static boolean hasClaimContext(Text t, int i) {
        for (int k = t.sentenceStart(i); k < t.sentenceEnd(i); k++) {
            String w = t.w(k);
            if (w.equals("guaranteed") || w.equals("forever") || w.equals("permanent") || w.equals("ever")) {
                return true;
            }
        }
        return false;
    }

    private static void phrases(Scan sc, String rule, PhraseSet set, String what) {
        if (!sc.on(rule) || set.size() == 0) {
            return;
        }
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            int len = set.matchAt(t, i);
            if (len == 0) {
                continue;
            }
            if (!sc.negatedBefore(i, 5) && !hedgedBefore(t, i, 3) && !serviceGuarantee(t, i, len)) {
                sc.add(rule, t.start[i], t.end[i + len - 1], what + " ('"
                        + t.s.substring(t.start[i], t.end[i + len - 1]).toLowerCase(Locale.ROOT) + "')");
            }
            i += len - 1;
        }
    }

    /** What a practice may promise: a service, not an outcome ("we guarantee you a slot today"). */
    private static final Set<String> SERVICES = Lexicon.set("slot", "slots", "appointment", "appointments", "visit",
            "visits", "callback", "call-back", "listen", "seen", "spot", "reply", "response", "privacy", "confidentiality",
            "same-day", "parking", "wait", "seat", "time");
    private static final Set<String> OUTCOMES = Lexicon.set("results", "result", "cure", "cured", "relief", "lose",
            "loss", "success", "recovery", "heal", "healed", "outcome", "outcomes", "improvement", "works", "work");

    private static boolean serviceGuarantee(Text t, int i, int len) {
        if (len != 1 || !t.lower[i].startsWith("guarantee")) {
            return false;
        }
        boolean service = false;
        for (int k = i + 1; k < Math.min(t.sentenceEnd(i), i + 6); k++) {
            if (t.kind[k] == Text.WORD) {
                if (OUTCOMES.contains(t.lower[k])) {
                    return false;
                }
                service |= SERVICES.contains(t.lower[k]);
            }
        }
        return service;
    }

    private static boolean hedgedBefore(Text t, int i, int window) {
        int from = Math.max(t.sentenceStart(i), i - window);
        for (int k = i - 1; k >= from; k--) {
            if (t.kind[k] == Text.WORD && HEDGES.contains(t.lower[k])) {
                return true;
            }
        }
        return false;
    }

    private static boolean negatorBefore(Text t, int i, int window) {
        int from = Math.max(t.sentenceStart(i), i - window);
        for (int k = i - 1; k >= from; k--) {
            if (t.kind[k] == Text.WORD) {
                String w = t.lower[k];
                if (w.equals("not") || w.endsWith("n't") || w.equals("never") || w.equals("myth") || w.equals("nothing")
                        || w.equals("no") || w.equals("cannot")) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------ miracle

    private static final PhraseSet MIRACLE_PHRASES = new PhraseSet(List.of("magic pill", "magic pills",
            "magic bullet", "magic cure", "wonder drug", "wonder pill", "secret cure", "secret remedy", "secret formula",
            "one weird trick", "breakthrough cure", "miracle cure", "miracle drug", "cure-all", "panacea",
            "fountain of youth", "doctors hate", "doctors don't want you to know", "big pharma doesn't want"));

    private static void miracles(Scan sc) {
        if (!sc.on(Rules.CLAIMS_MIRACLE)) {
            return;
        }
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            int len = MIRACLE_PHRASES.matchAt(t, i);
            if (len > 0) {
                if (!sc.negatedBefore(i, 5)) {
                    sc.add(Rules.CLAIMS_MIRACLE, t.start[i], t.end[i + len - 1], "miracle claim ('"
                            + t.s.substring(t.start[i], t.end[i + len - 1]).toLowerCase(Locale.ROOT) + "')");
                }
                i += len - 1;
                continue;
            }
            if (MIRACLE_WORDS.contains(t.lower[i]) && !sc.negatedBefore(i, 5)) {
                int s0 = Math.max(t.sentenceStart(i), i - 4);
                int s1 = Math.min(t.sentenceEnd(i), i + 5);
                if (sc.anyWord(s0, s1, MIRACLE_OBJECTS)) {
                    sc.add(Rules.CLAIMS_MIRACLE, t.start[i], t.end[i], "miracle claim ('" + t.lower[i] + "')");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------- FDA

    private static void fda(Scan sc) {
        if (!sc.on(Rules.CLAIMS_FDA)) {
            return;
        }
        Text t = sc.t;
        if (!t.hasAny(FDA_FIRST)) {
            return;
        }
        t.eachAt(FDA, FDA_TRIGGERS, (byte) 0, m -> fdaClaim(sc, m));
    }

    private static final Set<String> FDA_FIRST = Lexicon.set("fda", "fda-approved", "fda-cleared", "fda-certified",
            "fda-endorsed", "fda-registered", "fda-sanctioned", "fda-backed");

    private static void fdaClaim(Scan sc, Matcher m) {
        Text t = sc.t;
        {
            int tok = t.tokenAt(m.start());
            if (tok >= t.count || sc.negatedBefore(tok, 5)) {
                return;
            }
            String kind = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            kind = kind.toLowerCase(Locale.ROOT);
            boolean neverIssued = kind.startsWith("certif") || kind.startsWith("endorse") || kind.equals("sanctioned")
                    || kind.equals("backed");
            if (neverIssued || notApprovableIn(t, tok)) {
                sc.add(Rules.CLAIMS_FDA, m.start(), m.end(), neverIssued
                        ? "claims an FDA " + kind + " status the FDA does not give"
                        : "claims FDA approval for something the FDA does not approve (supplement, remedy, clinic or service)");
            }
        }
    }

    /** The sentence names something the FDA does not approve; "US" the country is not "us" the practice. */
    private static boolean notApprovableIn(Text t, int tok) {
        for (int k = t.sentenceStart(tok); k < t.sentenceEnd(tok); k++) {
            if (t.kind[k] == Text.WORD && NOT_APPROVABLE.contains(t.lower[k]) && !(t.allCaps[k] && t.lower[k].equals("us"))) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------ misinformation

    private static void misinformation(Scan sc) {
        if (!sc.on(Rules.CLAIMS_MISINFORMATION)) {
            return;
        }
        Text t = sc.t;
        boolean myth = false;
        boolean mythKnown = false;
        if (t.hasAny(POISON_WORDS)) {
            myth = t.hasAny(MYTH_WORDS) && MYTH_MARKERS.matcher(t.s).find();
            mythKnown = true;
            if (!myth) {
                poisoning(sc, t);
            }
        }
        if (t.hasAny(SKIP_VERBS)) {
            if (!mythKnown) {
                myth = t.hasAny(MYTH_WORDS) && MYTH_MARKERS.matcher(t.s).find();
                mythKnown = true;
            }
            if (!myth) {
                skipTreatment(sc, t);
            }
        }
        for (int sn = 0; sn < t.sentences; sn++) {
            int from = t.sentFirst[sn];
            int to = t.sentLast[sn];
            long candidates = 0;
            for (int i = from; i < to; i++) {
                if (t.kind[i] == Text.WORD) {
                    Long bits = SUBJECT_KEYS.contains(t.lower[i]) ? SUBJECT_TRIPLES.get(t.lower[i]) : null;
                    if (bits != null) {
                        candidates |= bits;
                    }
                }
            }
            if (candidates == 0) {
                continue;
            }
            boolean bacterial = sc.anyWord(from, to, BACTERIAL);
            for (int ti = 0; ti < TRIPLES.size(); ti++) {
                if ((candidates & (1L << ti)) == 0) {
                    continue; // no subject of this triple starts in the sentence
                }
                Triple tr = TRIPLES.get(ti);
                if (bacterial && tr.what().startsWith("antibiotics")) {
                    continue;
                }
                int[] hit = triple(sc, tr, from, to);
                if (hit != null && tr.needs() == INSIDE && (!sc.anyWord(from, to, INSIDE_WORDS)
                        || sc.anyWord(from, to, SURFACE_WORDS))) {
                    continue;
                }
                if (hit != null && tr.needs() == UNHEDGED && sc.anyWord(from, to, CLAIM_HEDGES)) {
                    continue;
                }
                if (hit != null) {
                    if (!mythKnown) {
                        myth = t.hasAny(MYTH_WORDS) && MYTH_MARKERS.matcher(t.s).find();
                        mythKnown = true;
                    }
                    // myth-busting posts quote the myth to refute it; "a patient asked whether ..." reports it
                    if (!myth && !reportedOrRefuted(t, sn)) {
                        sc.add(Rules.CLAIMS_MISINFORMATION, t.start[hit[0]], t.end[hit[1]],
                                "medical misinformation: " + tr.what());
                    }
                    break;
                }
            }
        }
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.WORD && DETOX_TRIGGERS.contains(t.lower[i]) && t.hasAny(TOXIN_WORDS)) {
                if (!reportedOrRefuted(t, t.sent[i]) && !sc.negatedBefore(i, 4)) {
                    sc.add(Rules.CLAIMS_MISINFORMATION, t.start[i], t.end[i],
                            "medical misinformation: detox products claimed to remove toxins");
                }
                break;
            }
        }
        for (int i = 0; i < t.count; i++) {
            int len = sc.cfg.misinformation.matchAt(t, i);
            if (len > 0) {
                if (!mythKnown) {
                    myth = t.hasAny(MYTH_WORDS) && MYTH_MARKERS.matcher(t.s).find();
                    mythKnown = true;
                }
                if (!myth && !sc.negatedBefore(i, 4) && !reportedOrRefuted(t, t.sent[i])) {
                    sc.add(Rules.CLAIMS_MISINFORMATION, t.start[i], t.end[i + len - 1], "medical misinformation ('"
                            + t.s.substring(t.start[i], t.end[i + len - 1]).toLowerCase(Locale.ROOT) + "')");
                }
                i += len - 1;
            }
        }
    }

    private static final Set<String> INSIDE_WORDS = Lexicon.set("drink", "drinking", "drinks", "drank", "swallow",
            "swallowing", "ingest", "ingesting", "ingested", "internally", "inside", "body", "bloodstream", "blood", "gut",
            "every", "all", "any", "each", "drops", "orally", "sip", "dose", "doses", "take", "taking", "kids", "child",
            "children", "your", "you");
    private static final Set<String> SURFACE_WORDS = Lexicon.set("surface", "surfaces", "counter", "counters",
            "countertop", "countertops", "floor", "floors", "laundry", "clean", "cleaning", "disinfect", "disinfecting",
            "disinfectant", "wipe", "wipes", "spray", "toilet", "toilets", "sink", "sinks", "kitchen", "bathroom", "toys",
            "dishes", "mop", "bucket", "diluted", "household", "cleaner");
    private static final Set<String> CLAIM_HEDGES = Lexicon.set("may", "might", "some", "studies", "study", "research",
            "evidence", "trial", "trials", "possibly", "perhaps", "could", "sometimes");

    // "X is poisoning you": a vaccine, medicine or public-health measure called poison
    private static final Set<String> POISON_WORDS = Lexicon.set("poison", "poisons", "poisoning", "poisoned",
            "poisonous");
    private static final Set<String> POISON_SUBJECTS = Lexicon.set("fluoride", "fluoridation", "vaccine", "vaccines",
            "vaccination", "vaccinations", "vax", "jab", "jabs", "shot", "shots", "chemo", "chemotherapy", "statin",
            "statins", "sunscreen", "sunscreens", "insulin", "medication", "medications", "meds", "antibiotics",
            "antidepressants", "ssris", "mammograms", "mammogram", "immunizations", "boosters", "booster", "mrna",
            "pharmaceuticals", "metformin", "amalgam", "fillings", "chemotherapies");
    private static final Set<String> POISON_BEFORE = Lexicon.set("is", "are", "slowly", "literally", "quietly",
            "secretly", "basically", "pure", "just", "a", "actually", "really", "silently", "been", "was", "were",
            "toxic");

    private static void poisoning(Scan sc, Text t) {
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD || !POISON_WORDS.contains(t.lower[i])) {
                continue;
            }
            String w = t.lower[i];
            boolean verb = w.equals("poisons") || w.equals("poisoning") && !t.w(i + 1).isEmpty()
                    && !t.w(i + 1).equals("is") && !t.w(i + 1).equals("can") && !t.w(i + 1).equals("from");
            if (!POISON_BEFORE.contains(t.w(i - 1)) && !verb) {
                continue;
            }
            if (w.equals("poisoning") && !(t.w(i - 1).equals("is") || t.w(i - 1).equals("are")
                    || t.w(i - 1).equals("slowly") || t.w(i - 1).equals("literally") || t.w(i - 1).equals("quietly")
                    || t.w(i - 1).equals("secretly") || t.w(i - 1).equals("silently") || t.w(i - 1).equals("been"))) {
                continue; // "fluoride poisoning from toothpaste is rare", "lead poisoning"
            }
            int from = Math.max(t.sentenceStart(i), i - 8);
            int subj = -1;
            for (int k = i - 1; k >= from; k--) {
                if (t.kind[k] == Text.WORD && POISON_SUBJECTS.contains(t.lower[k])) {
                    subj = k;
                    break;
                }
            }
            if (subj < 0 || negatedBetween(t, subj, i) || sc.negatedBefore(subj, 3) || reportedOrRefuted(t, t.sent[i])) {
                continue;
            }
            sc.add(Rules.CLAIMS_MISINFORMATION, t.start[subj], t.end[i],
                    "medical misinformation: a vaccine, medicine or public-health measure called poison");
        }
    }

    // "skip the shot", "refuse the chemo": telling people to go without proven care
    private static final Set<String> SKIP_VERBS = Lexicon.set("skip", "avoid", "refuse", "ditch", "forget", "decline",
            "stop", "quit", "toss", "trash", "say", "throw", "dump", "reject");
    private static final Set<String> SKIP_BEFORE_OK = Lexicon.set("so", "just", "and", "then", "simply", "totally",
            "definitely", "always", "instead", "better", "should", "must", "to", "now", "please", "seriously", "honestly",
            "therefore", "thus");
    private static final Set<String> SKIP_FILLER = Lexicon.set("the", "your", "that", "this", "their", "my", "all",
            "those", "these", "any", "every", "his", "her", "our", "a", "an", "flu", "covid", "covid-19", "mmr", "hpv",
            "annual", "yearly", "next", "recommended", "childhood", "second", "first", "2nd", "prescribed", "blood",
            "pressure", "cholesterol", "diabetes", "thyroid", "heart", "daily", "toxic", "dangerous", "taking", "using",
            "no", "to", "out", "away", "kid's", "child's", "kids'", "baby's", "routine", "screening", "useless", "pharma",
            "big", "rsv", "tetanus", "polio", "measles", "shingles", "pneumonia", "whooping", "cough", "chemo", "mrna",
            "kids", "children's", "new");
    private static final Set<String> SKIP_OBJECTS = Lexicon.set("shot", "shots", "jab", "jabs", "vaccine", "vaccines",
            "vaccination", "vaccinations", "vax", "booster", "boosters", "chemo", "chemotherapy", "insulin", "mammogram",
            "mammograms", "statin", "statins", "meds", "medication", "medications", "medicine", "antibiotics", "inhaler",
            "inhalers", "immunization", "immunizations", "immunisations", "colonoscopy", "radiation", "metformin",
            "antidepressants", "antibiotic", "prescription", "prescriptions", "pills", "pap", "smear", "biopsy",
            "dialysis", "epipen", "surgery");
    private static final Set<String> SKIP_CONDITIONS = Lexicon.set("if", "unless", "allergic", "allergy", "allergies",
            "until", "consult", "while", "before", "after", "who", "when", "why", "whether", "without", "ask", "talk");

    private static void skipTreatment(Scan sc, Text t) {
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD || !SKIP_VERBS.contains(t.lower[i])) {
                continue;
            }
            String w = t.lower[i];
            int j = i + 1;
            if (w.equals("say") || w.equals("throw")) {
                String nx = t.w(j);
                if (!(w.equals("say") && nx.equals("no") && t.w(j + 1).equals("to") || w.equals("throw")
                        && (nx.equals("out") || nx.equals("away")))) {
                    continue;
                }
            }
            String prev = t.w(i - 1);
            boolean imperative = t.sentenceInitial(i) || i > 0 && t.kind[i - 1] == Text.PUNCT || SKIP_BEFORE_OK.contains(prev);
            if (!imperative) {
                continue;
            }
            int obj = -1;
            for (int k = j; k < Math.min(t.sentenceEnd(i), j + 5); k++) {
                if (t.kind[k] != Text.WORD) {
                    break;
                }
                if (SKIP_OBJECTS.contains(t.lower[k])) {
                    obj = k;
                    break;
                }
                if (!SKIP_FILLER.contains(t.lower[k])) {
                    break;
                }
            }
            if (obj < 0 || sc.negatedBefore(i, 4) || sc.sentenceHas(i, SKIP_CONDITIONS) || reportedOrRefuted(t, t.sent[i])) {
                continue;
            }
            sc.add(Rules.CLAIMS_MISINFORMATION, t.start[i], t.end[obj],
                    "medical misinformation: telling people to go without a vaccine, medicine or screening");
        }
    }

    /** The sentence reports a question or belief, or the next sentence refutes it. */
    private static boolean reportedOrRefuted(Text t, int sn) {
        int first = t.sentFirst[sn];
        int last = t.sentLast[sn];
        if (last <= first) {
            return false;
        }
        int a = t.start[first];
        int b = t.end[last - 1];
        if (t.anyWordIn(first, last, REPORT_WORDS) && REPORTED.matcher(t.s).region(a, b).find()) {
            return true;
        }
        for (int k = last - 1; k >= first && t.kind[k] == Text.PUNCT; k--) {
            if (t.s.charAt(t.start[k]) == '?') {
                return true;
            }
        }
        if (sn + 1 < t.sentences && t.sentFirst[sn + 1] < t.count) {
            int c = t.start[t.sentFirst[sn + 1]];
            int e = t.sentLast[sn + 1] > 0 ? t.end[t.sentLast[sn + 1] - 1] : t.n;
            return REFUTATION.matcher(t.s).region(c, e).lookingAt();
        }
        return false;
    }

    /** Token span [subject start, object end] of the triple in tokens [from, to), or null. */
    private static int[] triple(Scan sc, Triple tr, int from, int to) {
        Text t = sc.t;
        for (int i = from; i < to; i++) {
            int sl = tr.subjects().matchAt(t, i);
            if (sl == 0) {
                continue;
            }
            for (int v = i + sl; v < Math.min(to, i + sl + 6); v++) {
                int vl = tr.verbs().matchAt(t, v);
                if (vl == 0) {
                    continue;
                }
                if (!tr.negativeClaim() && negatedBetween(t, i, v + vl) || sc.negatedBefore(i, 3)) {
                    return null;
                }
                for (int o = v + vl; o < Math.min(to, v + vl + 5); o++) {
                    int ol = tr.objects().matchAt(t, o);
                    if (ol > 0) {
                        return new int[] {i, o + ol - 1};
                    }
                }
            }
        }
        return null;
    }

    private static boolean negatedBetween(Text t, int a, int b) {
        for (int k = a; k < b; k++) {
            if (t.kind[k] == Text.WORD) {
                String w = t.lower[k];
                if (w.equals("not") || w.endsWith("n't") || w.equals("never") || w.equals("cannot") || w.equals("no")
                        || w.equals("nothing") || w.equals("dont") || w.equals("doesnt") || w.equals("cant")) {
                    return true;
                }
            }
        }
        return false;
    }
}
