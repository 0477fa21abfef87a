package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Context rules that need a patient or care cue next to a weak identifier: names behind non-clinical
 * titles ("Sgt.", "Pastor", "Aunt", "Big"), initials ("A.M.", "Kayla R."), wards, beds and floors,
 * towns, venues, employers, distinctive traits and dates next to a treated person, handles and
 * personal sites of patients, loosely labelled ids and spelled-out phone numbers; and the conduct,
 * claim and disclosure phrasings the word lists miss. Messages never repeat the matched text.
 */
final class Signals {

    private Signals() {}

    /** Care and treatment words: a sentence with one of these is about somebody's care. */
    static final Set<String> CARE = Lexicon.set("surgery", "surgeries", "chemo", "chemotherapy", "radiation", "rehab",
            "rehabilitation", "discharged", "admitted", "diagnosed", "diagnosis", "transplant", "recovering",
            "recovery", "recovered", "remission", "icu", "nicu", "hospice", "stroke", "pacemaker", "stitches",
            "stitched", "sutures", "pregnant", "delivered", "treatment", "therapy", "cast", "wheelchair", "tumor",
            "biopsy", "dialysis", "infusion", "hospitalized", "hospitalised", "ambulance", "overdose", "relapse",
            "seizure", "seizures", "fracture", "fractured", "broken", "amputation", "labor", "c-section",
            "operation", "procedure", "mri", "x-ray", "intubated", "ventilator", "coma", "replacement", "concussion",
            "treated", "treating", "gallbladder", "appendix", "tonsils", "cataract", "bypass", "cardiac", "ulcer",
            "mono", "allergy", "allergic", "migraine", "ct", "physio", "dressing", "isolating", "gunshot", "wound",
            "wounds", "injury", "injured", "burns", "trauma", "airlifted", "stable", "sprained", "dislocated",
            "mastectomy", "lumpectomy", "copd", "cpap", "insulin", "shots", "heals", "healed", "crutches", "splint",
            "patient", "pt", "covid", "flu", "pneumonia", "sepsis", "infection", "fever", "outbreak", "norovirus",
            "vomiting", "doxycycline", "antibiotics", "ventilator", "dialysis", "er", "unit", "heart", "kidney",
            "cancer", "leukemia", "reaction", "bee", "sting", "drowning", "near-drowning", "pain", "stress",
            "ulcers", "b12", "contrast", "chart", "swallowed", "choked", "choking", "bitten", "burned", "fell",
            "collapsed", "overdosed", "hurt", "extubated", "sedated", "fibrosis", "lymphoma", "dystrophy", "oxygen", "replaced", "knee", "hip", "shoulder", "sepsis",
            "accident");
    private static final Set<String> NAME_TITLES = Lexicon.set("rev", "reverend", "pastor", "father", "fr", "sgt",
            "sergeant", "officer", "capt", "captain", "coach", "aunt", "auntie", "uncle", "grandpa", "grandma",
            "granny", "nana", "papa", "gramps", "grandpop", "pop-pop", "poppop", "meemaw", "memaw", "mawmaw", "pawpaw",
            "gigi", "grammy", "gran", "bubbe", "abuela", "abuelo", "tia", "tio", "nonna", "nonno", "lola", "lolo", "mama", "baby", "big", "little", "lil", "deacon", "deputy",
            "trooper", "lt", "lieutenant", "cpl", "corporal", "pvt", "private", "chief", "judge", "brother",
            "sister", "rabbi", "imam", "elder", "bishop", "miss", "cousin", "granddad", "grandmother",
            "grandfather", "major", "col", "colonel", "sarge", "cap");
    private static final Set<String> STRONG_CARE = Lexicon.set("surgery", "chemo", "treated", "recovering",
            "transplant", "stitches", "cast", "icu", "dialysis", "radiation", "bypass",
            "gallbladder", "cataract", "admitted", "discharged", "diagnosed", "patient", "wound", "fracture", "crash",
            "burns", "healed", "replaced", "sepsis", "stroke", "overdose", "amputation", "coma",
            "broken", "replacement", "biopsy", "infusion", "came", "treating", "stitched", "mastectomy", "ventilator",
            "intubated", "sedated", "isolating", "isolation");
    private static final Set<String> NOT_AFTER_PATIENT = Lexicon.set("portal", "portals", "education", "resources",
            "forms", "form", "guide", "info", "information", "care", "safety", "advocate", "advocates", "experience",
            "satisfaction", "privacy", "rights", "handbook", "center", "centre", "services", "navigator", "line",
            "app", "survey", "surveys", "stories", "story", "parking", "lounge", "family", "families", "volume",
            "visits", "advisory", "council");
    private static final Set<String> GENERIC_BEFORE = Lexicon.set("your", "every", "each", "any", "all", "new", "per",
            "a", "no", "one");
    private static final Set<String> PERSON_NOUNS = Lexicon.set("patient", "guy", "man", "woman", "lady", "boy",
            "girl", "kid", "child", "toddler", "teen", "teenager", "baby", "infant", "bride", "groom", "family",
            "couple", "gentleman", "grader", "student", "mom", "dad", "he", "she", "his", "her", "him", "son",
            "daughter", "wife", "husband", "veteran", "resident", "driver", "senior", "groomsman", "bridesmaid", "hiker",
            "cyclist", "runner", "player", "worker", "skier", "swimmer", "biker", "motorcyclist", "pedestrian",
            "passenger", "victim", "golfer", "hunter", "fisherman", "camper", "surfer", "climber", "snowboarder");
    private static final Set<String> WE_TREATED = Lexicon.set("treated", "stitched", "saw", "admitted", "delivered",
            "helped", "splinted", "casted", "sewed", "patched", "resuscitated", "revived", "transferred", "airlifted");
    private static final Set<String> WISHES = Lexicon.set("get", "soon", "prayers", "congrats", "congratulations",
            "kudos", "proud", "shout-out", "shoutout", "hugs", "healing", "wishes", "rooting");
    private static final Set<String> PRONOUNS = Lexicon.set("he", "she", "his", "her", "him", "he's", "she's");
    private static final Set<String> PERSON_STATE = Lexicon.set("awake", "talking", "off", "stable", "extubated",
            "sleeping", "asleep", "improving", "doing", "resting", "comfortable", "needs", "wants", "asked", "asking",
            "critical", "intubated", "discharged", "admitted", "fine", "better", "worse", "eating", "walking");
    private static final Set<String> SECOND_PERSON = Lexicon.set("you", "your", "you're", "you've", "yours");

    // ---------------------------------------------------------------------------------- PHI patterns
    private static final Pattern INITIALS = Pattern.compile("(?<![\\w.])([A-Z])\\.([A-Z])\\.(?:[A-Z]\\.)?(?![\\w.])");
    private static final Set<String> COMMON_INITIALS = Lexicon.set("us", "dc", "ps", "rn", "md", "do", "am", "pm",
            "er", "or", "np", "pa", "bs", "ms", "uk", "la", "ny", "iv", "tv", "eu", "un", "ok", "jr", "sr", "nd",
            "ie", "eg", "ad", "bc", "ce", "ot", "pt", "ma", "ph", "st", "dr", "vs", "ed", "ba", "pe", "ac", "nj",
            "nc", "sc", "nh", "wv", "ri", "nm", "nd", "sd");
    private static final Pattern FIRST_INITIAL = Pattern.compile("\\b([A-Z][a-z]{2,})\\s([A-Z])\\.(?!\\s*[A-Z][a-z])");
    private static final Pattern HYPHEN_GIVEN = Pattern.compile("\\b([A-Z][a-z]{1,5})-([a-z]{1,5})\\b");
    private static final Set<String> HYPHEN_PREFIXES = Lexicon.set("co", "re", "pre", "post", "non", "self", "anti",
            "pro", "ex", "mid", "semi", "multi", "over", "under", "well", "all", "half", "high", "low", "long", "short",
            "de", "un", "bi", "tri", "sub", "inter", "intra", "peri", "neo", "covid", "hi", "mr", "dr", "st", "ok");
    private static final Pattern NAMED = Pattern.compile("\\b(?:grader|boy|girl|kid|child|man|woman|teen|teenager"
            + "|toddler|student|guy|lady|baby|gentleman|patient|resident|veteran|infant|senior)\\s+(?:named|called)"
            + "\\s+[A-Z][a-z]+");
    private static final Pattern YEARS_YOUNG = Pattern.compile("(?i)\\b(\\d{2,3})\\s+years?\\s+young\\b");
    private static final Pattern BED = Pattern.compile("(?i)\\b(?:bed|bay|room|rm|stretcher|cubicle|crib|isolette"
            + "|trauma bay|lot|trailer|apt|apartment|cell|bunk)\\s*#?\\s*\\d{1,4}[a-z]?\\b");
    private static final Pattern WARD = Pattern.compile("\\b\\d{1,2}\\s?(?:East|West|North|South)\\b"
            + "|(?i:\\b\\d{1,2}(?:st|nd|rd|th)[- ]floor\\b|\\bfloor\\s+\\d{1,2}\\b)");
    private static final Pattern ZIP = Pattern.compile("(?i)\\b(?:zip(?:\\s*code)?|zipcode|postal code)\\s*:?\\s*#?\\s*\\d{5}\\b");
    private static final Pattern PATIENT_IN = Pattern.compile("(?i)(?:patient|pt)\\s+(?:in|from)\\s+(?:room\\s+|bed\\s+|bay\\s+)?#?"
            + "\\d{1,4}[a-z]?\\b(?!\\s*(?:%|percent|patients|people|adults|kids|children|of|in|out|to|-))");
    private static final Pattern BIRTH_TIME = Pattern.compile("(?i)\\b(?:born|delivered|arrived)\\b[^.!?]{0,40}?\\b\\d{1,2}:\\d{2}"
            + "\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)?");
    private static final Set<String> PATIENT_AT = Lexicon.set("patient", "pt");
    private static final Set<String> BORN_AT = Lexicon.set("born", "delivered", "arrived");
    private static final Set<String> ZIP_WORDS = Lexicon.set("zip", "zipcode", "postal");
    private static final Pattern FROM_TOWN = Pattern.compile("\\b(?:from|in|of|near|outside)\\s+(?:the\\s+)?([A-Z][a-z]{3,})\\b(?!\\s+[A-Z])");
    private static final Pattern VENUE = Pattern.compile("\\b(?:[A-Z][\\w'&]+\\s+){1,3}(?:Trailer Park|Mobile Home Park"
            + "|Inn|Farm|Farms|Barn|Motel|Hotel|Apartments|Manor|Estates|Ranch|Plant|Factory|Mill|Mine|Elementary"
            + "|Middle|High|High School|Baptist|Methodist|Lutheran|Chapel|Church|Diner|Tavern|Bar|Pub|Depot|Station"
            + "|Warehouse|Mall|Casino|Resort|Campground|Marina|Prison|Jail|PD|Fire Department|Academy|U|University"
            + "|College|Tigers|Eagles|Bears|Lions|Wildcats|Panthers)\\b");
    private static final Pattern EMPLOYER = Pattern.compile("\\b(?:[Tt]he|[Aa]n?|[Oo]ur)\\s+(?:[A-Z][\\w'&]*\\s+){1,2}"
            + "(?:cashier|clerk|teacher|driver|worker|employee|barista|mechanic|bartender|waitress|waiter|janitor"
            + "|custodian|librarian|lifeguard|manager|greeter|stocker|cook|chef|server|nurse|coach|principal"
            + "|quarterback|pitcher|center|goalie|cheerleader|mascot|pastor|owner|guard|trucker|plumber|pharmacist"
            + "|electrician|carpenter|firefighter|mailman|nanny|hairdresser|stylist|receptionist|accountant|lawyer"
            + "|engineer|pilot|soldier|farmer|welder|roofer|landscaper|bouncer|butcher|baker|tailor|vet|dentist"
            + "|lineman|linebacker|point guard|striker|wrestler|boxer|fighter|jockey|bus driver|crossing guard"
            + "|checker|bagger|host|hostess|dishwasher|housekeeper|caretaker|contractor|foreman|ranger)\\b"
            + "|(?i:\\b(?:teacher|cashier|clerk|worker|employee|driver|librarian|coach|janitor|principal|center"
            + "|player|guard|mechanic|bartender|waitress|waiter|lineman|linebacker|quarterback|pitcher|goalie|striker"
            + "|cheerleader|wrestler|boxer|jockey|barista|greeter|stocker|cook|chef|server|owner|trucker|plumber"
            + "|pharmacist|electrician|carpenter|firefighter|mailman|nanny|hairdresser|stylist|receptionist|accountant"
            + "|lawyer|engineer|pilot|soldier|farmer|welder|roofer|landscaper|bouncer|butcher|baker|custodian"
            + "|lifeguard|manager|housekeeper|contractor|foreman|ranger|student|grader|senior|junior|freshman"
            + "|sophomore)\\s+(?:at|from|for|of|with)\\s+(?:the\\s+)?)[A-Z]\\w+"
            + "|\\b[Aa]n?\\s+(?:nurse|doctor|paramedic|medic|emt)\\s+(?:at|from)\\s+(?:the\\s+)?[A-Z]\\w+"
            + "|\\bfrom\\s+the\\s+[A-Z]\\w+\\s+(?:plant|factory|mill|mine|warehouse|store|dealership|depot|site|yard)\\b");
    private static final Pattern STREET = Pattern.compile("\\b(?:on|at|near|off|along)\\s+(?:the\\s+)?(?:[A-Z][a-z]+\\s+){1,2}"
            + "(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Lane|Ln|Way|Pike|Hwy|Highway|Parkway)\\b"
            + "|\\b(?:Route|Rte|Highway|Hwy|Interstate|County Road)\\s?\\d{1,3}\\b|\\bI-\\d{1,3}\\b");
    private static final Pattern TRAIT = Pattern.compile("(?i)\\bwith\\s+(?:the|a|an|that|those|his|her)\\s+(?:[\\w-]+\\s+){0,3}"
            + "(?:tattoos?|scars?|birthmarks?|piercings?|mohawk|eyepatch|dreadlocks|prosthetic leg|glass eye"
            + "|purple hair|pink hair|blue hair|green hair)\\b"
            + "|\\b(?:\\d+|six|seven)-(?:foot|ft)-(?:\\d+-)?(?:tall|\\d+)\\b");
    private static final Pattern DAY_DATE = Pattern.compile("(?i)\\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?"
            + "the\\s+\\d{1,2}(?:st|nd|rd|th)\\b(?!\\s+(?:floor|grade|graders?|century|birthday|percentile|time|annual"
            + "|street|st|avenue|ave|anniversary|year|week|day|of (?:every|each)))"
            + "|\\b(?:on|at|during|over)\\s+(?:the\\s+)?(?:Black Friday|Christmas(?: Eve| Day| morning)?|Thanksgiving"
            + "(?: Day| dinner)?|Halloween|Easter(?: Sunday)?|New Year's(?: Eve| Day)?|Mother's Day|Father's Day"
            + "|Valentine's Day|Fourth of July|July 4th|Labor Day|Memorial Day|Super Bowl Sunday|Cinco de Mayo"
            + "|St\\.? Patrick's Day)\\b"
            + "|\\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:'s| night's)\\s+(?:wedding|game|party|concert|parade"
            + "|match|race|reunion|tournament|rodeo|festival|fair|prom|fight|crash|accident|fire|meet|marathon)\\b"
            + "|\\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\\s+(?:night|morning|afternoon|evening)\\b");
    private static final Pattern LOOSE_ID = Pattern.compile("(?i)\\b(?:id|i\\.d\\.|identifier|reference|ref|case"
            + "|patient|chart|file|account|acct|member|badge|tracking|wristband|specimen|sample|accession|visit"
            + "|encounter|record)\\s*(?:number|no\\.?|num|#|code)?\\s*[:#(]?\\s*(?=[A-Z0-9-]*\\d{2})[A-Z0-9][A-Z0-9-]{4,}\\d\\b");
    private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<![\\w./:$-])\\d{2,4}-\\d{2,5}-\\d{2,5}(?:-\\d{1,5})?(?![\\w/-])");
    private static final Pattern SPELLED_PHONE = Pattern.compile("(?i)\\b(?:(?:zero|oh|one|two|three|four|five|six"
            + "|seven|eight|nine)[\\s,.-]+){6,}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\\b");
    private static final Pattern BLOG = Pattern.compile("(?i)\\b(?:blog|page|site|website|journey|recovery|story"
            + "|fundraiser|caringbridge|gofundme|updates)\\b");

    // ---------------------------------------------------------------------------- other patterns
    private static final Pattern REPLACE = Pattern.compile("(?i)\\b(?:can|will|could|should|to|may|they)\\s+"
            + "(?:safely\\s+|easily\\s+|fully\\s+|totally\\s+|completely\\s+)?(?:replace|substitute for|stand in for)"
            + "\\s+(?:your|their|the|all|any|his|her|a|my)?\\s*(?:\\w+'s\\s+)?(?:[\\w-]+\\s+){0,2}(?:vaccines?"
            + "|vaccinations?|shots|jabs|insulin|meds|medications?|medicines?|prescriptions?|chemo(?:therapy)?"
            + "|antibiotics|inhalers?|statins?|pills|treatment|surgery|immunizations?)\\b");
    private static final Pattern SKIP = Pattern.compile("(?i)\\b(?:skip|ditch|forget|refuse|stop|drop|avoid|ignore)"
            + "\\s+(?:the|your|a|all|those)\\s+(?:annual\\s+|yearly\\s+)?(?:mammograms?|colonoscopy|colonoscopies"
            + "|pap smears?|screenings?|vaccines?|vaccinations?|chemo(?:therapy)?|insulin|meds|medications?"
            + "|antibiotics|flu shots?|boosters?|statins?|biopsy|surgery|inhaler|prescriptions?)\\b");
    private static final Pattern MYTHS = Pattern.compile("(?i)\\b5g\\b[^.!?]{0,60}?\\b(?:immune|immunity|cancer|harms?"
            + "|weaken\\w*|radiation|sick|sickness|headaches?|covid|virus|viruses|damag\\w*|destroy\\w*)"
            + "|\\b(?:colloidal silver|hydrogen peroxide|bleach|turpentine|urine|essential oils?|oregano oil"
            + "|garlic|vitamin c|apple cider vinegar|baking soda|ozone)\\b[^.!?]{0,30}?\\b(?:kills?|cures?|destroys?"
            + "|eliminates?|wipes? out)\\s+(?:all\\s+)?(?:viruses|virus|bacteria|infections?|cancer|covid|the flu"
            + "|flu|pathogens|germs|hiv|lyme|diabetes)"
            + "|\\bthermography\\b[^.!?]{0,40}?\\b(?:safer|better|instead|replaces?)\\b"
            + "|\\bno (?:chemo|chemotherapy|surgery|insulin|vaccines?|radiation|meds|medication|antibiotics)"
            + " (?:needed|required|necessary)\\b"
            + "|\\bwhy bother with (?:insulin|vaccines?|vaccinations?|chemo\\w*|meds|medications?|antibiotics"
            + "|your inhaler|mammograms?|screenings?|flu shots?)\\b"
            + "|\\b(?:cancer|diabetes|autism|alzheimer'?s|heart disease|hiv|ms)\\s+(?:can|will)\\s+be\\s+(?:cured"
            + "|reversed|healed|eliminated)\\s+(?:with|by|through|using)\\b");
    private static final Pattern WEIGHT = Pattern.compile("(?i)\\bmelts?\\s+(?:away\\s+)?(?:your\\s+)?(?:belly|body"
            + "|stubborn|excess|unwanted|the)?\\s*fat\\b|\\bno (?:exercise|diet|dieting|workouts?|gym)"
            + "(?: or (?:diet|exercise|dieting))? (?:needed|required|necessary)\\b|\\bwithout (?:diet|dieting|exercise)"
            + "(?: or (?:diet|dieting|exercise))?\\b(?=[^.!?]{0,40}\\b(?:lose|weight|fat|pounds|slim))"
            + "|\\blose \\d+ (?:pounds|lbs|kg|kilos) in (?:\\d+|a|one|two) (?:days?|weeks?)\\b"
            + "|\\bfat while you sleep\\b|\\bburns? fat while\\b");
    private static final Pattern UNPROFESSIONAL = Pattern.compile("(?i)\\bprescribe\\s+(?:whatever|anything|what"
            + "|any\\s+\\w+)\\s+you\\s+(?:want|ask|like|need)"
            + "|\\b(?:prescriptions?|scripts?|opioids?|pills|xanax|adderall|oxy\\w*|percocet|meds)\\b[^.!?]{0,50}"
            + "\\bno questions asked\\b|\\bno questions asked\\b[^.!?]{0,50}\\b(?:prescri\\w*|pills|opioids?|scripts?)"
            + "|\\bdoctor'?s notes? for (?:anything|anyone|whatever)\\b|\\bno exam (?:needed|required)\\b"
            + "[^.!?]{0,40}\\b(?:prescri\\w*|pills|opioids?)");
    private static final Pattern FOR_GOOD = Pattern.compile("(?i)\\b(?:relieves?|cures?|eliminates?|ends?|fix(?:es)?|stops?"
            + "|erases?|banish(?:es)?|gets? rid of)\\s+(?:your\\s+|all\\s+)?(?:[\\w-]+\\s+){0,2}(?:pain|arthritis|migraines?"
            + "|headaches?|anxiety|depression|acne|allergies|sciatica|neuropathy|insomnia|eczema|psoriasis|tinnitus"
            + "|fibromyalgia|vertigo)\\s+(?:for good|forever|permanently|for life)\\b");
    private static final Set<String> FOR_GOOD_AT = Lexicon.set("relieve", "relieves", "cure", "cures", "eliminate",
            "eliminates", "end", "ends", "fix", "fixes", "stop", "stops", "erase", "erases", "banish", "banishes", "get",
            "gets");
    private static final Pattern BOOST = Pattern.compile("(?i)\\bboosts?\\s+(?:your\\s+)?(?:immunity|immune system|metabolism"
            + "|energy|brain power|iq)\\s+(?:by\\s+)?(?:\\d+x|\\d+%|\\d+ ?times|tenfold)");
    private static final Set<String> BOOST_AT = Lexicon.set("boost", "boosts");
    private static final Pattern ON_DEMAND = Pattern.compile("(?i)\\b(?:notes?|prescri\\w*|pills?|exams?|scripts?|refills?"
            + "|opioids?|antibiotics|xanax|adderall|oxy\\w*|painkillers?|meds)\\b");
    private static final Pattern TAKE_BACK = Pattern.compile("(?i)drop[- ]?off|take[- ]?back|dispos\\w+|return (?:your|unused)"
            + "|unused|needle exchange|syringe|naloxone|narcan|amnesty|safe haven|surrender");
    private static final Pattern SINGLE_QUOTE_TESTIMONIAL = Pattern.compile(
            "(?:^|(?<=[\\s(]))['‘]([^\\n]{8,280}?)[!.?]?['’]\\s*(?:[-–—~]\\s*|,?\\s*(?:says|said|writes|wrote)\\s+)"
                    + "(?:[A-Z]|(?:a|one|our)\\s+(?:[\\w-]+\\s+){0,3}patient)");
    private static final Pattern QUOTE_FIRST_PERSON = Pattern.compile("(?i)\\b(?:i|i'm|i've|my|me|i was|i feel)\\b");
    private static final Pattern SAYS_PATIENT = Pattern.compile("(?i)\\b(?:says|said|writes|wrote|raves)\\s+(?:one of\\s+)?"
            + "(?:a|our|one)\\s+(?:[\\w-]+\\s+){0,3}(?:patients?|clients?|customers?|mom|dad)\\b");
    private static final Pattern SPONSOR_URL = Pattern.compile("(?i)(?:[?&/]ref=|[?&]aff(?:iliate)?(?:_id)?=|\\?tag=)");
    private static final Pattern SPONSOR = Pattern.compile("(?i)\\b(?:promo|discount|coupon|referral)\\s+code\\b|\\buse\\s+(?:our\\s+|my\\s+)?code\\s+[A-Z0-9]{3,}(?=[^.!?]{0,60}(?:%|\\b(?:off|checkout|discount|save|order|shop|buy"
            + "|purchase|shipping)\\b))"
            + "|\\bwith our (?:referral |affiliate )?link\\b|\\bthrough our (?:referral |affiliate )?link\\b"
            + "|\\breferral link\\b|\\bfor sponsoring\\b(?=[^.!?]*[.!?][^.!?]*\\b(?:new|try|ask your doctor|buy"
            + "|game.changer|available|get yours|shop))|\\bget yours\\b[^.!?]{0,40}\\blink\\b");
    private static final Pattern TESTIMONIAL_DISCLOSURE = Pattern.compile("(?i)results (?:may )?vary|individual results"
            + "|not typical|#ad\\b|#sponsored\\b|paid (?:testimonial|endorsement|partnership)|compensated"
            + "|disclosure|with permission");
    private static final Pattern SPONSOR_DISCLOSURE = Pattern.compile("(?i)#ad\\b|#ads\\b|#sponsored\\b|#paid\\b"
            + "|#partner\\b|paid partnership|\\bsponsored\\b(?! by)|\\badvertisement\\b|\\bad:|\\[ad]|\\(ad\\)"
            + "|disclosure|commission|compensated|\\bpaid\\b|this is an ad");
    private static final Pattern DISPARAGE = Pattern.compile("(?i)\\b(?:eat(?:ing|s)?|live|living|lives)\\s+like\\s+"
            + "(?:garbage|trash|pigs?|slobs?|animals)\\b|\\bact(?:ing)?\\s+(?:all\\s+)?surprised\\b(?=[^.!?]{0,60}"
            + "\\b(?:diabetes|weight|sugar|cholesterol|pressure|liver|lungs?|cancer|heart|diagnosis|results|teeth))"
            + "|\\breason (?:i|we) (?:need|drink|have)\\s+(?:wine|a drink|drinks|alcohol|booze|therapy|a vacation)"
            + "|\\b(?:obese|overweight|fat|heavy)\\b[^.!?]{0,25}\\b(?:don'?t|stop|quit) (?:complain\\w*|whin\\w*)"
            + "|\\b(?:patients|people|folks|those|parents|moms|dads|mothers|fathers|smokers|vaxxers|anti-vaxxers|families"
            + "|teens|seniors|boomers|millennials|addicts|drinkers|users)\\b[^.!?]{0,80}?\\bare\\s+(?:so\\s+|really\\s+"
            + "|just\\s+|all\\s+|always\\s+|literally\\s+|honestly\\s+)?(?:selfish|the worst|ruining|trash|garbage"
            + "|trash|garbage|a joke|idiots|the problem|ridiculous|pathetic|disgusting|entitled)\\b"
            + "|\\b(?:selfish|entitled|lazy)\\s+(?:patients|people|parents|folks)\\b");

    // one hash lookup a token: which families of words it belongs to
    private static final int CARE_BIT = 1;
    private static final int STRONG_BIT = 1 << 1;
    private static final int SECOND_BIT = 1 << 2;
    private static final int PERSON_BIT = 1 << 3;
    private static final int PRONOUN_BIT = 1 << 4;
    private static final int STAFF_BIT = 1 << 5;
    private static final int WE_BIT = 1 << 6;
    private static final int BIGRAM_BIT = 1 << 7;
    private static final int DIGIT_WORD = 1 << 8;
    private static final int T_TITLE = 1 << 9;
    private static final int T_NAMED = 1 << 10;
    private static final int T_YEARS = 1 << 11;
    private static final int T_BED = 1 << 12;
    private static final int T_WARD = 1 << 13;
    private static final int T_ZIP = 1 << 14;
    private static final int T_VENUE = 1 << 15;
    private static final int T_EMPLOYER = 1 << 16;
    private static final int T_STREET = 1 << 17;
    private static final int T_TRAIT = 1 << 18;
    private static final int T_DATE = 1 << 19;
    private static final int T_ID = 1 << 20;
    private static final int T_PHONE_WORDS = 1 << 21;
    private static final int T_REPLACE = 1 << 22;
    private static final int T_SKIP = 1 << 23;
    private static final int T_MYTH = 1 << 24;
    private static final int T_WEIGHT = 1 << 25;
    private static final int T_UNPRO = 1 << 26;
    private static final int T_SAYS = 1 << 27;
    private static final int T_SPONSOR = 1 << 28;
    private static final int T_DISP = 1 << 29;
    private static final int T_HYPHEN = 1 << 30;
    private static final int T_FOR_GOOD = 1 << 31;
    private static final int T_BOOST = T_WEIGHT; // shares the bit: both are rare words

    private static final java.util.Map<String, Integer> FLAGS = new java.util.HashMap<>();

    /** The flagged words behind a bit filter (built after the static initialiser has filled FLAGS). */
    private static final class FlagKeys {
        static final LexSet KEYS = new LexSet(FLAGS.keySet());
    }

    private static void flag(int bit, Set<String> words) {
        for (String w : words) {
            FLAGS.merge(w, bit, (x, y) -> x | y);
        }
    }

    private static void flag(int bit, String... words) {
        flag(bit, Set.of(words));
    }

    static {
        flag(CARE_BIT, CARE);
        flag(STRONG_BIT, STRONG_CARE);
        flag(SECOND_BIT, SECOND_PERSON);
        flag(PERSON_BIT, PERSON_NOUNS);
        flag(PRONOUN_BIT, PRONOUNS);
        flag(STAFF_BIT, Names.STAFF_CONTEXT);
        for (String w : new String[] {"class", "classes", "join", "workshop", "workshops", "session"}) {
            FLAGS.computeIfPresent(w, (k, v) -> v & ~STAFF_BIT); // patients attend classes too
        }
        flag(WE_BIT, "we");
        flag(BIGRAM_BIT, "came", "brought", "stress");
        flag(DIGIT_WORD, "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        flag(T_TITLE, NAME_TITLES);
        flag(T_NAMED, "named", "called");
        flag(T_YEARS, "young");
        flag(T_BED, "bed", "bay", "room", "rm", "stretcher", "cubicle", "crib", "isolette", "lot", "trailer", "apt",
                "apartment", "cell", "bunk");
        flag(T_WARD, "east", "west", "north", "south", "floor");
        flag(T_ZIP, ZIP_WORDS);
        flag(T_VENUE, "park", "inn", "farm", "farms", "barn", "motel", "hotel", "apartments", "manor", "estates",
                "ranch", "plant", "factory", "mill", "mine", "elementary", "middle", "high", "baptist", "methodist",
                "lutheran", "chapel", "church", "diner", "tavern", "bar", "pub", "depot", "station", "warehouse",
                "mall", "casino", "resort", "campground", "marina", "prison", "jail", "pd", "department", "academy",
                "u", "university", "college", "tigers", "eagles", "bears", "lions", "wildcats", "panthers");
        flag(T_EMPLOYER, "cashier", "clerk", "teacher", "driver", "worker", "employee", "barista", "mechanic",
                "bartender", "waitress", "waiter", "janitor", "custodian", "librarian", "lifeguard", "manager", "greeter",
                "stocker", "cook", "chef", "server", "nurse", "coach", "principal", "quarterback", "pitcher", "center",
                "goalie", "cheerleader", "mascot", "pastor", "owner", "guard", "trucker", "plumber", "pharmacist",
                "electrician", "carpenter", "firefighter", "mailman", "nanny", "hairdresser", "stylist", "receptionist",
                "accountant", "lawyer", "engineer", "pilot", "soldier", "farmer", "welder", "roofer", "landscaper",
                "bouncer", "butcher", "baker", "tailor", "vet", "dentist", "lineman", "linebacker", "striker",
                "wrestler", "boxer", "fighter", "jockey", "checker", "bagger", "host", "hostess", "dishwasher",
                "housekeeper", "caretaker", "contractor", "foreman", "ranger", "player", "plant", "factory", "mill",
                "mine", "warehouse", "store", "dealership", "depot", "site", "yard");
        flag(T_STREET, "st", "street", "ave", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive", "lane",
                "ln", "way", "pike", "hwy", "highway", "parkway", "route", "rte", "interstate");
        flag(T_TRAIT, "tattoo", "tattoos", "scar", "scars", "birthmark", "birthmarks", "piercing", "piercings",
                "mohawk", "eyepatch", "dreadlocks", "prosthetic", "glass", "hair");
        flag(T_DATE, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "monday's",
                "tuesday's", "wednesday's", "thursday's", "friday's", "saturday's", "sunday's", "christmas",
                "thanksgiving", "halloween", "easter", "year's", "mother's", "father's", "valentine's", "fourth",
                "july", "labor", "memorial", "super", "cinco", "patrick's", "black");
        flag(T_ID, "id", "i.d", "identifier", "reference", "ref", "case", "patient", "chart", "file", "account",
                "acct", "member", "badge", "tracking", "wristband", "specimen", "sample", "accession", "visit",
                "encounter", "record");
        flag(T_REPLACE, "replace", "substitute", "stand");
        flag(T_FOR_GOOD, "good", "forever", "permanently", "life");
        flag(T_BOOST, "boost", "boosts");
        flag(T_SKIP, "skip", "ditch", "forget", "refuse", "stop", "drop", "avoid", "ignore");
        flag(T_MYTH, "5g", "thermography", "bother", "needed", "required", "necessary", "cured", "reversed", "healed",
                "eliminated", "kills", "kill", "cures", "cure", "destroys", "destroy", "eliminates", "eliminate",
                "wipes", "wipe");
        flag(T_WEIGHT, "melt", "melts", "needed", "required", "necessary", "without", "lose", "sleep", "burn", "burns");
        flag(T_UNPRO, "prescribe", "asked", "notes", "note", "exam");
        flag(T_SAYS, "says", "said", "writes", "wrote", "raves");
        flag(T_SPONSOR, "promo", "discount", "coupon", "referral", "code", "link", "sponsoring", "yours");
        flag(T_DISP, "like", "surprised", "reason", "complain", "complaining", "whining", "whine", "selfish",
                "entitled", "lazy", "who", "are");
    }

    /** Every match of p that starts at a token in triggers: {start, end, group 1 start, group 1 end}. */
    private static java.util.List<int[]> all(Text t, Pattern p, Set<String> triggers) {
        java.util.List<int[]> out = new java.util.ArrayList<>(2);
        t.eachAt(p, triggers, (byte) 0, m -> out.add(new int[] {m.start(), m.end(),
            m.groupCount() > 0 ? m.start(1) : -1, m.groupCount() > 0 ? m.end(1) : -1}));
        return out;
    }

    private static final Set<String> DISPARAGE_AT = Lexicon.set("eat", "eating", "eats", "live", "living", "lives", "act",
            "acting", "reason", "obese", "overweight", "fat", "heavy", "patients", "people", "folks", "those", "parents",
            "moms", "dads", "mothers", "fathers", "smokers", "vaxxers", "anti-vaxxers", "families", "teens", "seniors",
            "boomers", "millennials", "addicts", "drinkers", "users",
            "selfish", "entitled", "lazy");
    private static final Set<String> MYTHS_AT = Lexicon.set("5g", "colloidal", "hydrogen", "bleach", "turpentine", "urine",
            "essential", "oregano", "garlic", "vitamin", "apple", "baking", "ozone", "thermography", "no", "why", "cancer",
            "diabetes", "autism", "alzheimer's", "alzheimers", "alzheimer", "heart", "hiv", "ms");
    private static final Set<String> REPLACE_AT = Lexicon.set("can", "will", "could", "should", "to", "may", "they");
    private static final Set<String> SKIP_AT = Lexicon.set("skip", "ditch", "forget", "refuse", "stop", "drop", "avoid",
            "ignore");
    private static final Set<String> WEIGHT_AT = Lexicon.set("melt", "melts", "no", "without", "lose", "fat", "burn", "burns");
    private static final Set<String> UNPRO_AT = Lexicon.set("prescribe", "prescription", "prescriptions", "script", "scripts",
            "opioid", "opioids", "pills", "xanax", "adderall", "oxy", "oxycodone", "oxycontin", "oxys", "percocet", "meds",
            "no", "doctor's", "doctors", "doctor", "doctors'");
    private static final Set<String> SPONSOR_AT = Lexicon.set("promo", "discount", "coupon", "referral", "use", "with",
            "through", "for", "get");
    private static final Set<String> SAYS_AT = Lexicon.set("says", "said", "writes", "wrote", "raves");
    private static final Set<String> BED_AT = Lexicon.set("bed", "bay", "room", "rm", "stretcher", "cubicle", "crib",
            "isolette", "trauma", "lot", "trailer", "apt", "apartment", "cell", "bunk");
    private static final Set<String> TOWN_AT = Lexicon.set("from", "in", "of", "near", "outside");
    private static final Set<String> STREET_AT = Lexicon.set("on", "at", "near", "off", "along", "route", "rte", "highway",
            "hwy", "interstate", "county");
    private static final Set<String> TRAIT_AT = Lexicon.set("with");
    private static final Set<String> DATE_AT = Lexicon.set("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "the", "on", "at", "during", "over");
    private static final Set<String> NAMED_AT = Lexicon.set("grader", "boy", "girl", "kid", "child", "man", "woman", "teen",
            "teenager", "toddler", "student", "guy", "lady", "baby", "gentleman", "patient", "resident", "veteran",
            "infant", "senior");
    private static final Set<String> ID_AT = Lexicon.set("id", "i.d", "i", "identifier", "reference", "ref", "case",
            "patient", "chart", "file", "account", "acct", "member", "badge", "tracking", "wristband", "specimen",
            "sample", "accession", "visit", "encounter", "record");
    private static final Set<String> EMPLOYER_AT;

    static {
        java.util.Set<String> e = new java.util.HashSet<>(Lexicon.set("the", "a", "an", "our", "from"));
        for (java.util.Map.Entry<String, Integer> en : FLAGS.entrySet()) {
            if ((en.getValue() & T_EMPLOYER) != 0) {
                e.add(en.getKey());
            }
        }
        EMPLOYER_AT = java.util.Set.copyOf(e);
    }

    private static boolean ordinal(String w) {
        int n = w.length();
        if (n < 3 || n > 4 || !Character.isDigit(w.charAt(0))) {
            return false;
        }
        String suf = w.substring(n - 2);
        return suf.equals("st") || suf.equals("nd") || suf.equals("rd") || suf.equals("th");
    }

    private static boolean bigram(String w, String next) {
        return (w.equals("came") || w.equals("brought")) && next.equals("in") || w.equals("stress") && next.equals("test");
    }

    static void run(Scan sc) {
        Text t = sc.t;
        if (t.count == 0) {
            return;
        }
        boolean[] care = new boolean[Math.max(1, t.sentences)];
        boolean[] second = new boolean[care.length];
        boolean[] singular = new boolean[care.length];
        boolean[] staffCtx = new boolean[care.length];
        boolean[] pronoun = new boolean[care.length];
        boolean[] strongCare = new boolean[care.length];
        boolean anyCare = false;
        boolean anySingular = false;
        int mask = 0;
        int digitWords = 0;
        for (int i = 0; i < t.count; i++) {
            byte kind = t.kind[i];
            String w = t.lower[i];
            if (kind != Text.WORD) {
                if (kind == Text.NUMBER) {
                    if (ordinal(w)) {
                        mask |= T_DATE;
                    } else if (w.equals("5g")) {
                        mask |= T_MYTH;
                    } else if (w.contains("-foot") || w.contains("-ft")) {
                        mask |= T_TRAIT;
                    }
                }
                continue;
            }
            Integer boxed = FlagKeys.KEYS.contains(w) ? FLAGS.get(w) : null;
            int f = boxed == null ? 0 : boxed;
            if (f == 0) {
                char c0 = w.charAt(0);
                if (c0 >= '0' && c0 <= '9') {
                    if (ordinal(w)) {
                        mask |= T_DATE;
                    } else if (w.contains("-foot") || w.contains("-ft")) {
                        mask |= T_TRAIT;
                    }
                } else if (c0 == 'i' && w.length() > 2 && w.charAt(1) == '-' && Character.isDigit(w.charAt(2))) {
                    mask |= T_STREET;
                } else if (t.cap[i] && w.indexOf('-') > 0) {
                    mask |= T_HYPHEN;
                }
                continue;
            }
            mask |= f;
            if ((f & DIGIT_WORD) != 0) {
                digitWords++;
            }
            if ((f & (CARE_BIT | STRONG_BIT | SECOND_BIT | PERSON_BIT | PRONOUN_BIT | STAFF_BIT | WE_BIT | BIGRAM_BIT)) == 0) {
                continue;
            }
            int sn = Math.min(t.sent[i], care.length - 1);
            boolean isPatient = w.equals("patient") || w.equals("pt");
            boolean oneP = isPatient && singularPatient(t, i);
            if ((f & CARE_BIT) != 0 && (!isPatient || oneP) || (f & BIGRAM_BIT) != 0 && bigram(w, t.w(i + 1))) {
                care[sn] = true;
                anyCare = true;
            }
            if ((f & STRONG_BIT) != 0 && (!w.equals("came") || t.w(i + 1).equals("in")) && (!isPatient || oneP)) {
                strongCare[sn] = true;
            }
            if ((f & SECOND_BIT) != 0) {
                second[sn] = true;
            }
            boolean inOrgName = t.cap[i] && !t.sentenceInitial(i) && i + 1 < t.count && t.kind[i + 1] == Text.WORD
                    && t.cap[i + 1]; // "The Martinez Family Cancer Center"
            if ((f & PERSON_BIT) != 0 && !inOrgName && (isPatient ? oneP : !GENERIC_BEFORE.contains(t.w(i - 1)))) {
                singular[sn] = true;
                anySingular = true;
            }
            if ((f & WE_BIT) != 0 && WE_TREATED.contains(t.w(i + 1))) {
                singular[sn] = true; // "the groomsman we stitched up"
                anySingular = true;
            }
            if ((f & PRONOUN_BIT) != 0) {
                pronoun[sn] = true;
            }
            if ((f & STAFF_BIT) != 0) {
                staffCtx[sn] = true;
            }
        }
        if (digitWords >= 7) {
            mask |= T_PHONE_WORDS;
        }
        if (sc.on(Rules.PHI_NAME)) {
            names(sc, t, care, strongCare, staffCtx, pronoun, anyCare, mask);
        }
        if (sc.on(Rules.PHI_AGE) && (mask & T_YEARS) != 0) {
            String s = t.s;
            java.util.List<int[]> ages = new java.util.ArrayList<>(1);
            t.eachAt(YEARS_YOUNG, null, Text.NUMBER, mm -> ages.add(new int[] {mm.start(), mm.end(), mm.start(1), mm.end(1)}));
            for (int[] m : ages) {
                int age = Integer.parseInt(s.substring(m[2], m[3]));
                if (age > sc.cfg.maxAge && !sc.isClaimed(m[0], m[1])) {
                    sc.add(Rules.PHI_AGE, m[0], m[1], "an age over " + sc.cfg.maxAge);
                }
            }
        }
        if (anyCare) {
            places(sc, t, care, strongCare, second, singular, anySingular, mask);
        }
        identifiers(sc, t, care, singular, anyCare, mask);
        conductAndClaims(sc, t, mask);
    }

    /** "patient" meaning one patient: not "patient portal", "your patient", "patients". */
    static boolean singularPatient(Text t, int i) {
        String w = t.lower[i];
        if (!w.equals("patient") && !w.equals("pt")) {
            return false;
        }
        if (NOT_AFTER_PATIENT.contains(t.w(i + 1)) && !t.possessive[i]) {
            return false;
        }
        String p = t.w(i - 1);
        return !GENERIC_BEFORE.contains(p) || p.equals("a") && !t.w(i - 2).equals("as") && !t.w(i - 2).equals("if")
                && !t.w(i - 2).equals("when");
    }

    private static int sn(Text t, int c, int len) {
        return Math.min(t.sentenceOf(c), len - 1);
    }

    // ------------------------------------------------------------------------------------ names

    private static boolean nameLike(Scan sc, int k) {
        Text t = sc.t;
        if (k >= t.count || t.kind[k] != Text.WORD || !t.cap[k] || t.allCaps[k] && t.lower[k].length() > 1) {
            return false;
        }
        String w = t.lower[k];
        if (w.length() < 2 || sc.isClaimed(t.start[k], t.end[k])) {
            return false;
        }
        return !Lexicon.NEVER_NAMES.contains(w) && !Lexicon.MONTHS.contains(w) && !Lexicon.WEEKDAYS.contains(w)
                && !Lexicon.ORG_SUFFIXES.contains(w) && !sc.cfg.notNames.contains(w) && !CARE.contains(w)
                && !Lexicon.STAFF_TITLES.contains(w) && !Lexicon.HONORIFICS.contains(w) && !NAME_TITLES.contains(w)
                && !w.equals("sam") && !w.equals("claus") && !w.equals("flo");
    }

    private static void names(Scan sc, Text t, boolean[] care, boolean[] strongCare, boolean[] staffCtx, boolean[] pronoun,
            boolean anyCare, int mask) {
        // a title that is not a clinician's, before a name, in a sentence about somebody's care
        for (int i = 0; (mask & T_TITLE) != 0 && i + 1 < t.count; i++) {
            if (t.kind[i] != Text.WORD || !NAME_TITLES.contains(t.lower[i])) {
                continue;
            }
            int k = i + 1;
            if (t.punct(k) == '.') {
                k++;
            }
            if (!nameLike(sc, k) || k > i + 1 && t.start[k] - t.end[k - 1] > 2 || k == i + 1 && t.start[k] - t.end[i] > 2) {
                continue;
            }
            boolean titleCap = t.cap[i];
            String tw = t.lower[i];
            if (!titleCap && (tw.equals("big") || tw.equals("little") || tw.equals("baby") || tw.equals("miss")
                    || tw.equals("private") || tw.equals("major") || tw.equals("elder") || tw.equals("father")
                    || tw.equals("brother") || tw.equals("sister") || tw.equals("judge") || tw.equals("cap"))) {
                continue;
            }
            int e = k + 1;
            while (e < t.count && nameLike(sc, e) && t.start[e] - t.end[e - 1] <= 2 && !t.possessive[e - 1]) {
                e++;
            }
            // "Lincoln High", "First Baptist": a capitalised run ending in an organisation word
            if (e < t.count && t.cap[e] && Lexicon.ORG_SUFFIXES.contains(t.w(e))) {
                continue;
            }
            if (sc.cfg.publicNameIn(t, i, Math.min(t.count, e + 1))) {
                continue;
            }
            int s = Math.min(t.sent[k], care.length - 1);
            boolean pron = pronoun[s] || s + 1 < pronoun.length && pronoun[s + 1];
            boolean wishes = s + 1 < care.length && care[s + 1] && sc.sentenceHas(k, WISHES);
            if (care[s] && (strongCare[s] || !staffCtx[s] && pron) || wishes) {
                sc.add(Rules.PHI_NAME, t.start[k], t.end[e - 1],
                        "person name after a personal or rank title, in a sentence about a patient's care");
            }
        }
        String s = t.s;
        // "a 7th grader named Ava"
        if (anyCare && (mask & T_NAMED) != 0) {
            for (int[] m : all(t, NAMED, NAMED_AT)) {
                sc.add(Rules.PHI_NAME, m[0], m[1], "person named in a post about a patient's care");
            }
        }
        // dotted initials "A.M." next to a patient or care word
        if (capDot(s)) {
            Matcher m = INITIALS.matcher(s);
            while (m.find()) {
                String pair = (m.group(1) + m.group(2)).toLowerCase(java.util.Locale.ROOT);
                int before = m.start() - 1;
                while (before >= 0 && s.charAt(before) == ' ') {
                    before--;
                }
                if (before >= 0 && Character.isDigit(s.charAt(before))) {
                    continue;
                }
                int tk = t.tokenAt(m.start());
                String p1 = t.w(tk - 1);
                String p2 = t.w(tk - 2);
                boolean patientBefore = p1.equals("patient") || p1.equals("pt") || p2.equals("patient");
                boolean near = patientBefore || !COMMON_INITIALS.contains(pair) && (p1.equals("to") || p1.equals("for")
                        || p1.equals("and") || p1.equals("with") || p1.equals("meet"));
                if (near && (patientBefore || care[sn(t, m.start(), care.length)])) {
                    sc.add(Rules.PHI_NAME, m.start(), m.end(), "a person's initials in a sentence about a patient");
                }
            }
            // "Kayla R."
            m = FIRST_INITIAL.matcher(s);
            while (m.find()) {
                String first = m.group(1).toLowerCase(java.util.Locale.ROOT);
                int tk = t.tokenAt(m.start());
                if (!Lexicon.firstName(first) || Lexicon.NEVER_NAMES.contains(first) || sc.cfg.notNames.contains(first)) {
                    continue;
                }
                int pb = tk - 1;
                if (pb >= 0 && t.punct(pb) == '.') {
                    pb--;
                }
                String prev = t.w(pb);
                if (Lexicon.STAFF_TITLES.contains(prev) || Lexicon.CREDENTIALS.contains(prev)) {
                    continue;
                }
                int sn = sn(t, m.start(), care.length);
                boolean bed = BED.matcher(s).find();
                if (care[sn] || bed) {
                    sc.add(Rules.PHI_NAME, m.start(), m.end() , "given name and initial in a post about a patient");
                }
            }
        }
        // hyphenated given names "Soo-ah", "Mai-ly"
        if ((mask & T_HYPHEN) != 0) {
            Matcher m = HYPHEN_GIVEN.matcher(s);
            while (m.find()) {
                String a = m.group(1).toLowerCase(java.util.Locale.ROOT);
                String b = m.group(2);
                if (Lexicon.english(a) || HYPHEN_PREFIXES.contains(a) || Lexicon.english(a + "-" + b)
                        || a.length() + b.length() < 4 || Lexicon.NEVER_NAMES.contains(a) || sc.cfg.notNames.contains(a)
                        || Lexicon.english(b) && b.length() > 3) {
                    continue;
                }
                int sn = sn(t, m.start(), care.length);
                if (care[sn] || sn + 1 < care.length && care[sn + 1] || sn > 0 && care[sn - 1]) {
                    sc.add(Rules.PHI_NAME, m.start(), m.end(), "person name in a sentence about a patient's care");
                }
            }
        }
    }

    /** A capital letter followed by a dot: initials may be there. */
    private static boolean capDot(String s) {
        for (int c = 1; c < s.length(); c++) {
            if (s.charAt(c) == '.' && s.charAt(c - 1) >= 'A' && s.charAt(c - 1) <= 'Z'
                    && (c == 1 || !Character.isLetterOrDigit(s.charAt(c - 2)))) {
                return true;
            }
        }
        return false;
    }


    // ----------------------------------------------------------------------------------- places

    private static void places(Scan sc, Text t, boolean[] care, boolean[] strongCare, boolean[] second, boolean[] singular,
            boolean anySingular, int mask) {
        String s = t.s;
        boolean address = sc.on(Rules.PHI_ADDRESS);
        if (address) {
            for (int[] m : (mask & T_BED) != 0 ? all(t, BED, BED_AT) : java.util.List.<int[]>of()) {
                int sn = sn(t, m[0], care.length);
                int bt = t.tokenAt(m[0]);
                String before = t.w(bt - 1);
                if (before.equals("our") || before.equals("new") || before.equals("your")) {
                    continue; // "our new Bay 3 chair": the clinic's own rooms
                }
                boolean bedWord = Character.toLowerCase(s.charAt(m[0])) == 'b' || Character.toLowerCase(s.charAt(m[0])) == 's'
                        || s.regionMatches(true, m[0], "crib", 0, 4) || s.regionMatches(true, m[0], "trauma", 0, 6);
                if (care[sn] && (singular[sn] || bedWord && (strongCare[sn] || sc.sentenceHas(t.tokenAt(m[0]), PERSON_STATE)))
                        && !second[sn] && !sc.isClaimed(m[0], m[1])) {
                    sc.add(Rules.PHI_ADDRESS, m[0], m[1], "room, bed or lot number in a sentence about a patient");
                }
            }
            Matcher wm = WARD.matcher(s);
            while ((mask & T_WARD) != 0 && anySingular && wm.find()) {
                int sn = sn(t, wm.start(), care.length);
                if (anySingular && !second[sn] && !sc.isClaimed(wm.start(), wm.end())) {
                    sc.add(Rules.PHI_ADDRESS, wm.start(), wm.end(), "ward or floor in a post about one patient");
                }
            }
            if ((mask & T_ZIP) != 0) {
                wm = ZIP.matcher(s);
                while (wm.find()) {
                    if (anySingular && !sc.isClaimed(wm.start(), wm.end())) {
                        sc.add(Rules.PHI_ADDRESS, wm.start(), wm.end(), "zip code in a post about a patient");
                    }
                }
            }
            for (int[] m : anySingular ? all(t, FROM_TOWN, TOWN_AT) : java.util.List.<int[]>of()) {
                String w = s.substring(m[2], m[3]).toLowerCase(java.util.Locale.ROOT);
                int sn = sn(t, m[0], care.length);
                if (!care[sn] || !singular[sn] || second[sn] || Lexicon.english(w) || Lexicon.MONTHS.contains(w)
                        || Lexicon.WEEKDAYS.contains(w) || Lexicon.NEVER_NAMES.contains(w) || sc.cfg.notNames.contains(w)
                        || Lexicon.firstName(w) || Lexicon.STAFF_TITLES.contains(w) || CARE.contains(w)
                        || sc.isClaimed(m[2], m[3]) || practicePlace(sc, w)) {
                    continue;
                }
                int tk = t.tokenAt(m[2]);
                if (tk + 1 < t.count && t.cap[tk + 1] && t.start[tk + 1] - t.end[tk] <= 1) {
                    continue;
                }
                String before = t.w(t.tokenAt(m[0]) - 1);
                if (before.length() > 3 && before.endsWith("s") && !before.endsWith("ss") || before.equals("people")
                        || before.equals("children")) {
                    continue; // "patients from Oakdale": many people, no one singled out
                }
                sc.add(Rules.PHI_ADDRESS, m[2], m[3], "town tied to a patient in a sentence about their care");
            }
        }
        if (address) {
            for (int[] m : all(t, PATIENT_IN, PATIENT_AT)) {
                if (!sc.isClaimed(m[0], m[1])) {
                    sc.add(Rules.PHI_ADDRESS, m[0], m[1], "room or bed of a patient");
                }
            }
        }
        if (sc.on(Rules.PHI_DATE)) {
            for (int[] m : all(t, BIRTH_TIME, BORN_AT)) {
                if (!sc.isClaimed(m[0], m[1])) {
                    sc.add(Rules.PHI_DATE, m[0], m[1], "time of birth");
                }
            }
        }
        if (!sc.on(Rules.PHI_COMBINATION)) {
            return;
        }
        for (int[] m : (mask & T_EMPLOYER) != 0 ? all(t, EMPLOYER, EMPLOYER_AT) : java.util.List.<int[]>of()) {
            add(sc, t, m[0], m[1], care, second, "an employer or workplace");
        }
        Matcher tm = TRAIT.matcher(s);
        while ((mask & T_TRAIT) != 0 && tm.find()) {
            add(sc, t, tm.start(), tm.end(), care, second, "a distinctive physical trait");
        }
        if (!anySingular) {
            return;
        }
        for (int[] m : (mask & T_STREET) != 0 ? all(t, STREET, STREET_AT) : java.util.List.<int[]>of()) {
            if (!sc.isClaimed(m[0], m[1]) && !practicePlace(sc, s.substring(m[0], m[1]).toLowerCase(java.util.Locale.ROOT))) {
                add(sc, t, m[0], m[1], care, second, "a street or road");
            }
        }
        Matcher vm = VENUE.matcher(s);
        while ((mask & T_VENUE) != 0 && vm.find()) {
            if (!practicePlace(sc, s.substring(vm.start(), vm.end()).toLowerCase(java.util.Locale.ROOT))) {
                add(sc, t, vm.start(), vm.end(), care, second, "a named venue, school or workplace");
            }
        }
        for (int[] m : (mask & T_DATE) != 0 ? all(t, DAY_DATE, DATE_AT) : java.util.List.<int[]>of()) {
            add(sc, t, m[0], m[1], care, second, "a specific date or occasion");
        }
    }

    /** A quasi-identifier in a post where one person is treated, outside generic advice. */
    private static void add(Scan sc, Text t, int st, int en, boolean[] care, boolean[] second, String what) {
        int sn = sn(t, st, care.length);
        if (second[sn]) {
            return;
        }
        boolean careNear = care[sn] || sn + 1 < care.length && care[sn + 1] || sn > 0 && care[sn - 1];
        if (careNear) {
            sc.add(Rules.PHI_COMBINATION, st, en, "details that together single out a patient: " + what
                    + ", with a treatment");
        }
    }

    private static boolean practicePlace(Scan sc, String lower) {
        for (String p : sc.cfg.practicePlaces) {
            if (p.contains(lower) || lower.contains(p)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------ identifiers

    private static void identifiers(Scan sc, Text t, boolean[] care, boolean[] singular, boolean anyCare, int mask) {
        String s = t.s;
        if (sc.on(Rules.PHI_URL)) {
            for (int i = 0; i < t.count; i++) {
                byte k = t.kind[i];
                if (k != Text.HANDLE && k != Text.URL) {
                    continue;
                }
                int sn = Math.min(t.sent[i], care.length - 1);
                boolean patientHere = false;
                for (int j = t.sentenceStart(i); j < t.sentenceEnd(i); j++) {
                    if (t.kind[j] == Text.WORD && singularPatient(t, j)) {
                        patientHere = true;
                        break;
                    }
                }
                if (k == Text.HANDLE) {
                    String h = t.lower[i].substring(1);
                    if (!sc.cfg.practiceHandles.contains(h) && (patientHere || singular[sn] && care[sn])) {
                        sc.add(Rules.PHI_URL, t.start[i], t.end[i], "social media handle of a patient");
                    }
                } else {
                    String u = t.lower[i];
                    String host = u.replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
                    int slash = host.indexOf('/');
                    if (slash >= 0) {
                        host = host.substring(0, slash);
                    }
                    if (sc.cfg.isPracticeDomain(host) || host.endsWith(".gov") || host.endsWith(".edu")) {
                        continue;
                    }
                    boolean personal = patientHere || singular[sn] && BLOG.matcher(s.substring(
                            t.start[t.sentenceStart(i)], t.end[Math.max(t.sentenceStart(i), t.sentenceEnd(i) - 1)])).find();
                    if (personal && (patientHere || care[sn] || anyCare)) {
                        sc.add(Rules.PHI_URL, t.start[i], t.end[i], "personal website of a patient");
                    }
                }
            }
        }
        int digits = 0;
        for (int c = 0; c < s.length(); c++) {
            char ch = s.charAt(c);
            if (ch >= '0' && ch <= '9') {
                digits++;
            }
        }
        if (sc.on(Rules.PHI_IDENTIFIER) && digits >= 5) {
            for (int[] m : (mask & T_ID) != 0 ? all(t, LOOSE_ID, ID_AT) : java.util.List.<int[]>of()) {
                if (!sc.isClaimed(m[0], m[1]) && hasDigits(s, m[0], m[1], 5)) {
                    sc.add(Rules.PHI_IDENTIFIER, m[0], m[1], "an identifying number tied to a patient");
                    sc.claim(m[0], m[1]);
                }
            }
            if (anyCare && digits >= 7 && s.indexOf('-') >= 0) {
                Matcher m = DIGIT_GROUPS.matcher(s);
                while (m.find()) {
                    int sn = sn(t, m.start(), care.length);
                    if ((care[sn] || singular[sn]) && !sc.isClaimed(m.start(), m.end()) && hasDigits(s, m.start(), m.end(), 7)) {
                        sc.add(Rules.PHI_IDENTIFIER, m.start(), m.end(), "an identifying number in a sentence about a patient");
                        sc.claim(m.start(), m.end());
                    }
                }
            }
        }
        if (sc.on(Rules.PHI_PHONE) && (mask & T_PHONE_WORDS) != 0) {
            Matcher m = SPELLED_PHONE.matcher(s);
            while (m.find()) {
                sc.add(Rules.PHI_PHONE, m.start(), m.end(), "a phone number spelled out in words");
            }
        }
    }

    private static boolean hasDigits(String s, int st, int en, int min) {
        int d = 0;
        for (int c = st; c < en; c++) {
            if (Character.isDigit(s.charAt(c))) {
                d++;
            }
        }
        return d >= min;
    }

    // ------------------------------------------------------------------------- conduct, claims

    private static boolean negatedAt(Scan sc, int c) {
        return negatedAt(sc, c, c + 1);
    }

    private static boolean negatedAt(Scan sc, int c, int end) {
        int tk = Math.min(sc.t.tokenAt(c), sc.t.count - 1);
        if (tk < 0) {
            return false;
        }
        if (sc.negatedBefore(tk, 4)) {
            return true;
        }
        // "cannot replace", "can't replace": the negator is inside the match
        int e = Math.min(sc.t.count, Math.max(tk + 3, sc.t.tokenAt(end)));
        for (int k = tk; k < e; k++) {
            String w = sc.t.lower[k];
            if (w.equals("cannot") || w.equals("can't") || w.equals("won't") || w.equals("not") || w.equals("never")
                    || w.equals("don't") || w.equals("shouldn't") || w.equals("doesn't")) {
                return true;
            }
        }
        return false;
    }

    private static void conductAndClaims(Scan sc, Text t, int mask) {
        String s = t.s;
        if (sc.on(Rules.CONDUCT_DISPARAGING) && (mask & T_DISP) != 0) {
            for (int[] m : all(t, DISPARAGE, DISPARAGE_AT)) {
                if (!negatedAt(sc, m[0])) {
                    sc.add(Rules.CONDUCT_DISPARAGING, m[0], m[1], "disparaging remark about patients or people");
                    break;
                }
            }
        }
        if (sc.on(Rules.CONDUCT_UNPROFESSIONAL) && (mask & T_UNPRO) != 0) {
            java.util.List<int[]> ms = all(t, UNPROFESSIONAL, UNPRO_AT);
            if (!ms.isEmpty() && (negatedAt(sc, ms.get(0)[0]) || TAKE_BACK.matcher(s).find())) {
                ms.clear();
            }
            if (ms.isEmpty()) {
                int q = s.toLowerCase(java.util.Locale.ROOT).indexOf("no questions asked");
                if (q >= 0 && ON_DEMAND.matcher(s).find() && !TAKE_BACK.matcher(s).find()) {
                    ms.add(new int[] {q, q + "no questions asked".length()});
                }
            }
            if (!ms.isEmpty()) {
                sc.add(Rules.CONDUCT_UNPROFESSIONAL, ms.get(0)[0], ms.get(0)[1],
                        "unprofessional offer (prescribing on demand, no questions asked)");
            }
        }
        if (sc.on(Rules.CLAIMS_MISINFORMATION)) {
            for (int k = 0; k < 3; k++) {
                if ((mask & (k == 0 ? T_REPLACE : k == 1 ? T_SKIP : T_MYTH)) == 0) {
                    continue;
                }
                for (int[] m : all(t, k == 0 ? REPLACE : k == 1 ? SKIP : MYTHS, k == 0 ? REPLACE_AT : k == 1 ? SKIP_AT : MYTHS_AT)) {
                    if (!negatedAt(sc, m[0], m[1]) && !mythContext(s)) {
                        sc.add(Rules.CLAIMS_MISINFORMATION, m[0], m[1], "medical misinformation");
                        break;
                    }
                }
            }
        }
        if (sc.on(Rules.CLAIMS_CURE) && (mask & T_FOR_GOOD) != 0) {
            for (int[] m : all(t, FOR_GOOD, FOR_GOOD_AT)) {
                if (!negatedAt(sc, m[0], m[1])) {
                    sc.add(Rules.CLAIMS_CURE, m[0], m[1], "claim of a permanent cure");
                    break;
                }
            }
        }
        if (sc.on(Rules.CLAIMS_MIRACLE) && (mask & T_BOOST) != 0) {
            for (int[] m : all(t, BOOST, BOOST_AT)) {
                if (!negatedAt(sc, m[0], m[1])) {
                    sc.add(Rules.CLAIMS_MIRACLE, m[0], m[1], "exaggerated effect claim");
                    break;
                }
            }
        }
        if (sc.on(Rules.CLAIMS_MIRACLE) && (mask & T_WEIGHT) != 0) {
            java.util.List<int[]> ms = all(t, WEIGHT, WEIGHT_AT);
            if (!ms.isEmpty() && !negatedAt(sc, ms.get(0)[0], ms.get(0)[1]) && !mythContext(s)) {
                sc.add(Rules.CLAIMS_MIRACLE, ms.get(0)[0], ms.get(0)[1], "effortless weight-loss claim");
            }
        }
        if (sc.on(Rules.DISCLOSURE_TESTIMONIAL) && ((mask & T_SAYS) != 0 || s.indexOf('\u2018') >= 0
                || s.indexOf('\'') >= 0 && (s.indexOf('\u2013') >= 0 || s.indexOf('\u2014') >= 0 || s.contains(" - ")))) {
            int st = -1;
            int en = -1;
            if (s.indexOf('\'') >= 0 || s.indexOf('\u2018') >= 0) {
                Matcher q = SINGLE_QUOTE_TESTIMONIAL.matcher(s);
                while (q.find()) {
                    if (QUOTE_FIRST_PERSON.matcher(q.group(1)).find()) {
                        st = q.start();
                        en = q.end();
                        break;
                    }
                }
            }
            if (st < 0 && (mask & T_SAYS) != 0) {
                java.util.List<int[]> qs = all(t, SAYS_PATIENT, SAYS_AT);
                if (!qs.isEmpty() && (s.indexOf('"') >= 0 || s.indexOf('\u201C') >= 0 || s.indexOf('\'') >= 0
                        || s.indexOf('\u2018') >= 0)) {
                    st = qs.get(0)[0];
                    en = qs.get(0)[1];
                }
            }
            if (st >= 0 && !TESTIMONIAL_DISCLOSURE.matcher(s).find()) {
                sc.add(Rules.DISCLOSURE_TESTIMONIAL, st, en, "testimonial without a disclosure (e.g. 'individual results vary')");
            }
        }
        if (sc.on(Rules.DISCLOSURE_SPONSORED) && ((mask & T_SPONSOR) != 0 || s.contains("ref=") || s.contains("aff")
                || s.contains("tag="))) {
            java.util.List<int[]> ms = all(t, SPONSOR, SPONSOR_AT);
            if (ms.isEmpty() && (s.contains("ref=") || s.contains("aff") || s.contains("tag="))) {
                Matcher u = SPONSOR_URL.matcher(s);
                if (u.find()) {
                    ms.add(new int[] {u.start(), u.end()});
                }
            }
            if (!ms.isEmpty() && !SPONSOR_DISCLOSURE.matcher(s).find()) {
                int[] m = ms.get(0);
                boolean tagged = false;
                for (String h : sc.input.hashtags()) {
                    String x = h.toLowerCase(java.util.Locale.ROOT).replace("#", "");
                    tagged |= x.equals("ad") || x.equals("sponsored") || x.equals("paid") || x.equals("partner");
                }
                if (!tagged) {
                    sc.add(Rules.DISCLOSURE_SPONSORED, m[0], m[1],
                            "sponsored or affiliate content without a disclosure (#ad, #sponsored, 'paid partnership')");
                }
            }
        }
    }

    private static final Pattern MYTH_CONTEXT = Pattern.compile("(?i)\\b(?:myths?|fact ?:|fact check|false|debunk\\w*"
            + "|misinformation|not true|isn't true|no evidence|rumou?rs?|hoax|don't believe|do not believe"
            + "|claims? that|beware|scam|be wary)\\b");

    private static boolean mythContext(String s) {
        return MYTH_CONTEXT.matcher(s).find();
    }
}
