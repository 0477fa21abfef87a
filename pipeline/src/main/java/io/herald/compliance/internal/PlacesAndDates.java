package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Places smaller than a state, dates tied to a person, ages over 89, and identifying combinations. */
final class PlacesAndDates {

    private PlacesAndDates() {}

    private static final String SUFFIX = "(?:Street|St|Avenue|Ave|Av|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Way"
            + "|Place|Pl|Circle|Cir|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Alley|Loop|Row|Pike"
            + "|Crescent|Plaza|Path|Expressway|Expy|Freeway|Turnpike|Tpke|Crossing|Heights|Hts|Commons|Close|Mews"
            + "|Landing|Lndg|Cove|Hollow|Run|Ridge|Point|Pt)";
    private static final Pattern STREET_ADDRESS = Pattern.compile(
            "(?<![\\w$.,/-])\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?\\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?\\s+)?"
                    + "(?:(?:[A-Z][A-Za-z'\u2019.-]*|\\d{1,3}(?:st|nd|rd|th))\\s+){1,4}?" + SUFFIX + "\\b\\.?"
                    + "(?:,?\\s*(?:Apt|Apartment|Unit|Suite|Ste|#|Floor|Fl|Room|Rm|Bldg|Building|Lot)\\.?\\s*#?\\s*[A-Za-z0-9-]+)?"
                    + "(?:,\\s*[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?(?=[,.;!?\\s]|$))?"
                    + "(?:,?\\s*[A-Z]{2}(?:\\s+\\d{5}(?:-\\d{4})?)?(?![\\w]))?");
    private static final Pattern PO_BOX = Pattern.compile("(?i)\\bP\\.?\\s?O\\.?\\s*Box\\s+\\d+");
    private static final Pattern ROOM = Pattern.compile(
            "(?i)\\b(?:room|rm\\.?|bed|bay|cubicle|bed space|exam room|pod|isolette|crib)\\s*#?\\s*(\\d{1,4}[A-Za-z]?|[A-Za-z]\\d{1,3})\\b");
    private static final Pattern LIVES_IN = Pattern.compile(
            "\\b(?:lives|living|resides|residing|resident of|from|hometown(?: of| is)?|native of|grew up in|moved here from)"
                    + "\\s+(?:in\\s+|on\\s+|at\\s+|near\\s+|over\\s+in\\s+)?(?:the\\s+)?"
                    + "([A-Z][a-z]+(?:[\\s-][A-Z][a-z]+)?)");
    private static final Pattern ZIP = Pattern.compile("(?i)\\b(?:zip(?: code)?|postal code)\\s*:?\\s*(\\d{5}(?:-\\d{4})?)\\b");

    private static final Pattern NUM_DATE = Pattern.compile(
            "(?<![\\w/.:-])(?:0?[1-9]|1[0-2])([/.-])(?:0?[1-9]|[12]\\d|3[01])\\1(?:(?:19|20)\\d{2}|\\d{2})(?![\\w/-]|[.:]\\d)");
    private static final Pattern DMY_DATE = Pattern.compile(
            "(?<![\\w/.:-])(?:1[3-9]|2\\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\\1(?:19|20)\\d{2}(?![\\w/-]|[.:]\\d)");
    private static final Pattern ISO_DATE = Pattern.compile(
            "(?<![\\w-])(?:19|20)\\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?![\\w-])");
    private static final Pattern MD_DATE = Pattern.compile(
            "(?<![\\w/.:$-])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])(?![\\w/%]|[.:]\\d)");
    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern TEXT_DATE = Pattern.compile(
            "\\b" + MONTH + "\\.?\\s+(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2})?(?![\\w:])"
                    + "|\\b(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b\\.?(?:,?\\s+(?:19|20)\\d{2})?"
                    + "|\\b" + MONTH + "\\.?\\s+(?:19|20)\\d{2}\\b");

    private static final Pattern STRONG_DATE_CUE = Pattern.compile("(?i)\\b(?:dob|d\\.o\\.b|date of birth|birth ?date"
            + "|birthday|bday|b-day|born|admitted|admit date|discharged|died|passed away|passed on|deceased|dod"
            + "|date of death|date of service|date of injury|diagnosed|dx|date of visit|visit date|seen on"
            + "|treated on|operated on|surgery date)\\b");
    private static final Pattern WEAK_DATE_CUE = Pattern.compile("(?i)\\b(?:visit|appointment|appt|surgery|procedure"
            + "|seen|treated|checkup|check-up|follow-up|scan|labs?|test(?:ed)?|vaccinated|shot|fell|fall|accident|injury"
            + "|injured|transplant|stroke|heart attack|biopsy|mri|ct|x-ray|er|icu|hospitalized|hospitalised|intubated"
            + "|rehab|delivered|delivery|birth|arrived|came in|brought in|admission|discharge|death|passed|expired"
            + "|reminder)\\b");
    /** First words of the date cues: the regexes run only when one is near the date. */
    private static final Set<String> STRONG_CUE_WORDS = Lexicon.set("dob", "d", "date", "birth", "birthdate", "birthday",
            "bday", "b-day", "born", "admitted", "admit", "discharged", "died", "passed", "deceased", "dod", "diagnosed",
            "dx", "visit", "seen", "treated", "operated", "surgery");
    private static final Set<String> WEAK_CUE_WORDS = Lexicon.set("visit", "appointment", "appt", "surgery",
            "procedure", "seen", "treated", "checkup", "check-up", "follow-up", "scan", "lab", "labs", "test", "tested",
            "vaccinated", "shot", "fell", "fall", "accident", "injury", "injured", "transplant", "stroke", "heart",
            "biopsy", "mri", "ct", "x-ray", "er", "icu", "hospitalized", "hospitalised", "intubated", "rehab",
            "delivered", "delivery", "birth", "arrived", "came", "brought", "admission", "discharge", "death", "passed",
            "expired", "reminder");
    private static final Pattern DEADLINE = Pattern.compile(
            "(?i)\\b(?:before|by|until|till|through|starting|from|after|no later than|deadline|due)\\s+(?:on\\s+)?$");
    private static final Pattern POPULATION_BORN = Pattern.compile("(?i)\\b(?:born|birth)\\s+(?:before|after|between|since|prior|in|during|from|on or)\\b");

    private static final Pattern AGE = Pattern.compile("(?i)\\b(?:"
            + "(\\d{2,3})\\s*(?:-\\s*|\\s)?(?:years?|yrs?)\\s*-?\\s*old"
            + "|(\\d{2,3})\\s*-?\\s*(?:y/o|y\\.o\\.|yo|yr old|yrs old)(?![\\w])"
            + "|(?:age|aged|ages?:)\\s*:?\\s*(\\d{2,3})(?![\\w%])"
            + "|(\\d{2,3})(?:st|nd|rd|th)\\s+(?:birthday|bday|b-day)"
            + "|turn(?:s|ed|ing)?\\s+(\\d{2,3})(?!\\s*(?:days|weeks|months|minutes|percent|%|years? (?:of|since|in|as|with)))(?![\\w%])"
            + "|celebrat(?:es|ed|ing)\\s+(?:(?:his|her|their)\\s+)?(\\d{2,3})(?:st|nd|rd|th)?(?:\\s+(?:birthday|years))"
            + "|(\\d{2,3})-year-old)");
    private static final Pattern AGGREGATE_AFTER = Pattern.compile(
            "(?i)^\\s*(?:\\+|plus|(?:and|or|&)\\s+(?:older|over|above|up|beyond))");
    private static final Pattern AGGREGATE_BEFORE = Pattern.compile(
            "(?i)(?:over|above|older than|at least|beyond|ages|aged over|ages of|from|under|between|and|to|-|–)\\s*$");
    private static final Pattern AGE_WORDS = Pattern.compile("(?i)\\b(?:centenarian|nonagenarian|supercentenarian)\\b(?!s)");

    private static final Set<String> STATES = Lexicon.set("alabama", "alaska", "arizona", "arkansas", "california",
            "colorado", "connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana",
            "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
            "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "new", "north", "ohio",
            "oklahoma", "oregon", "pennsylvania", "rhode", "south", "tennessee", "texas", "utah", "vermont",
            "virginia", "washington", "west", "wisconsin", "wyoming", "america", "usa", "mexico", "canada",
            "the", "our", "all", "across", "around", "dr", "mr", "mrs", "ms", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december", "home", "school", "work");

    private static final Set<String> AGE_WORD_TRIGGERS = Lexicon.set("centenarian", "nonagenarian", "supercentenarian");
    private static final Set<String> PO_TRIGGERS = Lexicon.set("p", "po", "p.o");
    private static final Set<String> ZIP_TRIGGERS = Lexicon.set("zip", "postal");
    private static final Set<String> ROOM_TRIGGERS = Lexicon.set("room", "rm", "bed", "bay", "cubicle", "exam", "pod",
            "isolette", "crib");
    private static final Set<String> LIVES_TRIGGERS = Lexicon.set("lives", "living", "resides", "residing", "resident",
            "from", "hometown", "native", "grew", "moved");
    private static final Set<String> AGE_TRIGGERS = Lexicon.set("age", "aged", "ages", "turn", "turns", "turned",
            "turning", "celebrates", "celebrated", "celebrating");

    static void run(Scan sc) {
        String s = sc.t.s;
        boolean digits = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
                break;
            }
        }
        if (digits) {
            addresses(sc);
            rooms(sc);
            dates(sc);
            ages(sc);
            olderAges(sc);
            birthYears(sc);
        }
        ageWords(sc);
        towns(sc);
        sc.t.eachAt(AGE_WORDS, AGE_WORD_TRIGGERS, (byte) 0, w -> {
            if (sc.personCueInSentence(w.start())) {
                sc.add(Rules.PHI_AGE, w.start(), w.end(), "word that puts a person's age over " + sc.cfg.maxAge);
            }
        });
        Combination.run(sc);
    }

    // ------------------------------------------------------------------------------ addresses

    private static final Pattern VENUE = Pattern.compile("(?i)(?:\\b(?:library|park|center|centre|church|school|gym|gymnasium"
            + "|fairgrounds?|hall|field|stadium|arena|museum|gardens?|plaza|ymca|ywca|expo|festival|market|branch|high|elementary"
            + "|auditorium|pavilion|recreation|rec|theater|theatre|club|complex|ballpark|rink|pool|temple|mosque|synagogue|college"
            + "|university|campus|courthouse|fire station|station|zoo|farm|brewery|mall|square|commons|hotel|convention|community|civic"
            + "|centro|\\w*plex|coliseum|amphitheat(?:er|re)|armory|grange|legion)\\b|\u2192|\\x{1F4CD})");

    private static final Pattern DAY_AFTER_MONTH = Pattern.compile("(?i)\\b" + MONTH + "\\.?\\s*(?:\\d{1,2}\\s*[\u2013-]\\s*)?$");

    /** A public place's name (or a location pin) just before an address on its line. */
    private static boolean publicVenueBefore(String s, int st) {
        int from = Math.max(0, st - 60);
        int nl = s.lastIndexOf('\n', st - 1);
        if (nl >= from) {
            from = nl + 1;
        }
        return VENUE.matcher(s).region(from, st).find();
    }

    private static void addresses(Scan sc) {
        String s = sc.t.s;
        sc.t.eachAt(STREET_ADDRESS, Text.NUMBER, (t, i) -> {
            int len = t.end[i] - t.start[i];
            int d = t.digits(i);
            return d >= 1 && d <= 6 && len <= d + 6 && i + 1 < t.count && t.kind[i + 1] == Text.WORD && t.cap[i + 1];
        }, m -> {
            int st = m.start();
            int en = m.end();
            if (sc.isClaimed(st, en)) {
                return;
            }
            String norm = Addresses.normalise(m.group());
            boolean practice = false;
            for (String a : sc.cfg.practiceAddresses) {
                if (norm.startsWith(a) || a.startsWith(norm)) {
                    practice = true;
                    break;
                }
            }
            sc.claim(st, en);
            if (practice) {
                return;
            }
            if (DAY_AFTER_MONTH.matcher(s).region(Math.max(0, st - 12), st).find()) {
                int sp = norm.indexOf(' ');
                String street = sp > 0 ? norm.substring(sp + 1) : "";
                for (String pl : sc.cfg.practicePlaces) {
                    if (!street.isEmpty() && (pl.equals(street) || pl.startsWith(street + " ") || pl.endsWith(" " + street) || street.startsWith(pl + " "))) {
                        return; // "closed Jan 1 Hendersonville Rd: open ...": a day, then the practice's own street
                    }
                }
            }
            boolean person = sc.personCueInSentence(st) || livesNear(s, st);
            if (!person && sc.practiceCueInSentence(st)) {
                return; // "our new address is ...", "health fair at ..."
            }
            if (!person && publicVenueBefore(s, st)) {
                return; // "Holmes Lake Park, 3701 South 70th Street": an event at a public place
            }
            sc.add(Rules.PHI_ADDRESS, st, en, "street address that is not the practice's"
                    + (person ? " in a sentence about a person" : ""));
        });
        sc.t.eachAt(PO_BOX, PO_TRIGGERS, (tx, i) -> tx.digitWithin(i, 5), b -> {
            if (!sc.isClaimed(b.start(), b.end()) && sc.personCueInSentence(b.start())) {
                sc.claim(b.start(), b.end());
                sc.add(Rules.PHI_ADDRESS, b.start(), b.end(), "post office box of a person");
            }
        });
        sc.t.eachAt(ZIP, ZIP_TRIGGERS, (tx, i) -> tx.digitWithin(i, 4), z -> {
            if (!sc.isClaimed(z.start(1), z.end(1)) && sc.personCueInSentence(z.start())) {
                sc.claim(z.start(1), z.end(1));
                sc.add(Rules.PHI_ADDRESS, z.start(1), z.end(1), "ZIP code of a person");
            }
        });
    }

    private static boolean livesNear(String s, int pos) {
        int from = Math.max(0, pos - 40);
        String before = s.substring(from, pos).toLowerCase(Locale.ROOT);
        return before.contains("lives") || before.contains("living at") || before.contains("home")
                || before.contains("house") || before.contains("resid") || before.contains("apartment");
    }

    private static void rooms(Scan sc) {
        sc.t.eachAt(ROOM, ROOM_TRIGGERS, (tx, i) -> tx.digitWithin(i, 3), m -> {
            // "Room 214 keeps pressing the call button ... We love him": a room that opens its sentence stands
            // for the person in it
            int tok = sc.t.tokenAt(m.start());
            boolean roomIsSubject = sc.t.sentenceInitial(tok) && sc.personCueAnywhere();
            if (!sc.isClaimed(m.start(1), m.end(1)) && (roomIsSubject || sc.personCueInSentence(m.start()))) {
                sc.claim(m.start(1), m.end(1));
                sc.add(Rules.PHI_ADDRESS, m.start(), m.end(), "room or bed number of a patient");
            }
        });
    }

    private static void towns(Scan sc) {
        String s = sc.t.s;
        if (!sc.personCueAnywhere()) {
            return;
        }
        sc.t.eachAt(LIVES_IN, LIVES_TRIGGERS, (tx, i) -> capitalWithin(tx, i, 4), m -> town(sc, m));
    }

    private static final Set<String> TRAINED_AT = Lexicon.set("university", "college", "school", "hospital", "academy",
            "institute", "residency", "fellowship", "clinic", "medical");

    private static void town(Scan sc, Matcher m) {
        {
            String town = m.group(1);
            String first = town.split("[\\s-]")[0].toLowerCase(Locale.ROOT);
            if (STATES.contains(first) || Lexicon.NEVER_NAMES.contains(first) || Lexicon.MONTHS.contains(first)
                    || Lexicon.WEEKDAYS.contains(first) || Lexicon.STAFF_TITLES.contains(first)
                    || Lexicon.HONORIFICS.contains(first) || sc.cfg.notNames.contains(first)) {
                return;
            }
            String norm = Addresses.normalise(town);
            boolean practice = false;
            for (String p : sc.cfg.practicePlaces) {
                if (p.contains(norm)) {
                    practice = true;
                    break;
                }
            }
            if (practice || !singlePersonCue(sc, m.start())) {
                return;
            }
            if (TRAINED_AT.contains(first)) {
                return; // "joins us from the University of Colorado": where staff trained or worked
            }
            int subject = sc.t.sentenceStart(sc.t.tokenAt(m.start()));
            if (subject < sc.t.count && sc.t.kind[subject] == Text.WORD && sc.cfg.staffTokens.contains(sc.t.lower[subject])) {
                return; // "Noelle grew up in Breaux Bridge": a staff member's biography
            }
            // "from" needs the person right before it ("a patient from Salem"), not "a card from Salem"
            if (m.group().startsWith("from") && !personJustBefore(sc.t, m.start())) {
                return;
            }
            sc.add(Rules.PHI_ADDRESS, m.start(1), m.end(1), "town or place where a patient lives");
        }
    }

    private static boolean capitalWithin(Text t, int i, int window) {
        for (int k = i + 1; k <= Math.min(t.count - 1, i + window); k++) {
            if (t.kind[k] == Text.WORD && t.cap[k]) {
                return true;
            }
        }
        return false;
    }

    private static boolean singlePersonCue(Scan sc, int pos) {
        return sc.personCueInSentence(pos);
    }

    private static boolean personJustBefore(Text t, int c) {
        int i = t.tokenAt(c) - 1;
        for (int k = i; k >= Math.max(0, i - 3); k--) {
            if (t.kind[k] == Text.WORD && Lexicon.PERSON_CUES.contains(t.lower[k])) {
                return true;
            }
        }
        return false;
    }

    // ----------------------------------------------------------------------------------- dates

    private static void dates(Scan sc) {
        Text t = sc.t;
        Text.TokenFilter twoSeparators = (tx, i) -> separators(tx, i) == 2;
        t.eachAt(NUM_DATE, Text.NUMBER, twoSeparators, m -> date(sc, m));
        t.eachAt(DMY_DATE, Text.NUMBER, twoSeparators, m -> date(sc, m));
        t.eachAt(ISO_DATE, Text.NUMBER, twoSeparators, m -> date(sc, m));
        t.eachAt(TEXT_DATE, Lexicon.MONTHS, (byte) 0, m -> date(sc, m));
        t.eachAt(TEXT_DATE, Text.NUMBER, (tx, i) -> tx.digits(i) <= 2
                && (Lexicon.MONTHS.contains(tx.w(i + 1)) || tx.w(i + 1).equals("of") && Lexicon.MONTHS.contains(tx.w(i + 2))),
                m -> date(sc, m));
        t.eachAt(MD_DATE, Text.NUMBER, (tx, i) -> separators(tx, i) == 1 && tx.lower[i].indexOf('/') > 0, m -> date(sc, m));
    }

    /** Count of '/', '-' and '.' inside token i. */
    private static int separators(Text t, int i) {
        int k = 0;
        for (int c = t.start[i]; c < t.end[i]; c++) {
            char ch = t.s.charAt(c);
            if (ch == '/' || ch == '-' || ch == '.') {
                k++;
            }
        }
        return k;
    }

    /** The practice's name follows the date right after a colon or dash. */
    private static boolean practiceNamedNext(Scan sc, int en) {
        Text t = sc.t;
        int k = t.tokenAt(en);
        while (k < t.count && t.start[k] < en) {
            k++;
        }
        if (k >= t.count || t.kind[k] != Text.PUNCT || ":\u2014-".indexOf(t.s.charAt(t.start[k])) < 0) {
            return false;
        }
        int w = k + 1;
        return w + 1 < t.count && t.kind[w] == Text.WORD && t.cap[w] && sc.cfg.practiceNameTokens.contains(t.lower[w])
                && t.kind[w + 1] == Text.WORD && sc.cfg.practiceNameTokens.contains(t.lower[w + 1]);
    }

    /** "1/4 ... 2/4 ...": the parts of a thread, numbered, not a date. */
    private static boolean threadNumber(String s, int st, int en) {
        String d = s.substring(st, en);
        int slash = d.indexOf('/');
        if (slash < 1 || slash > 2 || d.length() - slash - 1 < 1 || d.length() - slash - 1 > 2) {
            return false;
        }
        try {
            int n = Integer.parseInt(d.substring(0, slash));
            int m = Integer.parseInt(d.substring(slash + 1));
            if (n < 1 || n >= m) {
                return n == m && s.contains((n - 1) + "/" + m + " ") && n > 1;
            }
            return s.contains((n + 1) + "/" + m + " ") || s.contains((n + 1) + "/" + m + "\n");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void date(Scan sc, Matcher m) {
        String s = sc.t.s;
        {
            int st = m.start();
            int en = m.end();
            if (sc.isClaimed(st, en)) {
                return;
            }
            if (threadNumber(s, st, en)) {
                return;
            }
            Text t = sc.t;
            int sn = t.sentenceOf(st);
            int sentStartChar = t.start[t.sentFirst[sn]];
            int sentEndTok = t.sentLast[sn];
            int sentEndChar = sentEndTok > 0 ? t.end[sentEndTok - 1] : s.length();
            int from = Math.max(sentStartChar, st - 45);
            int to = Math.min(sentEndChar, en + 25);
            int tf = t.tokenAt(from);
            int tt = Math.min(t.count, t.tokenAt(to) + 1);
            String cue = t.anyWordIn(tf, tt, STRONG_CUE_WORDS) ? findCue(STRONG_DATE_CUE, s, from, to, st, en) : null;
            boolean population = cue != null && (cue.startsWith("born") || cue.startsWith("birth"))
                    && POPULATION_BORN.matcher(s.substring(from, st)).find();
            String why = null;
            int before = t.tokenAt(st) - 1;
            if (cue == null && before >= 0 && t.w(before).equals("on")) {
                before--;
            }
            if (cue == null && before >= 0 && SEEN_RIGHT_BEFORE.contains(t.w(before)) && t.sentenceInitial(before)) {
                cue = t.w(before); // a case note: "Seen 4/22/2027: 45M, chest tightness"
            }
            if (cue != null && !population) {
                why = "'" + cue.toLowerCase(Locale.ROOT) + "'";
            } else if (t.anyWordIn(tf, tt, WEAK_CUE_WORDS) && sc.personCueInSentence(st)) {
                String weak = findCue(WEAK_DATE_CUE, s, from, to, st, en);
                if (weak != null && !DEADLINE.matcher(s.substring(from, st)).find()) {
                    why = "'" + weak.toLowerCase(Locale.ROOT) + "' of a person";
                }
            }
            sc.claim(st, en);
            if (why != null && practiceNamedNext(sc, en)) {
                why = null; // "Born on 3/15/2011: Bayou Women's Health!": the practice's own birthday
            }
            if (why != null && (historical(s, st, en) || sc.publicNameInSentence(st))) {
                why = null; // history: "Florence Nightingale was born on May 12, 1820"
            }
            if (why != null) {
                sc.add(Rules.PHI_DATE, st, en, "date tied to a person (" + why + ")");
            }
        }
    }

    /** The date names a year before 1900: nobody it could identify is alive or recently dead. */
    private static boolean historical(String s, int st, int en) {
        for (int i = st; i + 4 <= en; i++) {
            if ((i == st || !Character.isDigit(s.charAt(i - 1))) && (i + 4 == en || !Character.isDigit(s.charAt(i + 4)))
                    && s.charAt(i) == '1' && Character.isDigit(s.charAt(i + 1)) && Character.isDigit(s.charAt(i + 2))
                    && Character.isDigit(s.charAt(i + 3))) {
                int year = Integer.parseInt(s.substring(i, i + 4));
                return year < 1900;
            }
        }
        return false;
    }

    /** Things with birthdays and anniversaries that are not people. */
    private static final Set<String> INSTITUTIONS = Lexicon.set("library", "school", "church", "hospital", "town",
            "city", "county", "company", "museum", "park", "clinic", "practice", "department", "university", "college",
            "club", "society", "bridge", "theater", "theatre", "festival", "fair", "parade", "newspaper", "station",
            "foundation", "association", "building", "chapter");

    private static final Set<String> SEEN_RIGHT_BEFORE = Lexicon.set("seen", "visited", "admitted", "discharged", "treated");

    private static String findCue(Pattern cue, String s, int from, int to, int st, int en) {
        Matcher c = cue.matcher(s).region(from, st);
        String found = null;
        while (c.find()) {
            found = c.group();
        }
        if (found != null) {
            return found;
        }
        if (en < to) {
            Matcher a = cue.matcher(s).region(en, to);
            if (a.find()) {
                return a.group();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------ ages

    private static void ages(Scan sc) {
        int max = sc.cfg.maxAge;
        sc.t.eachAt(AGE, Text.NUMBER, (t, i) -> {
            int v = t.leadingInt(i);
            return v > max && v <= 125;
        }, m -> age(sc, m));
        sc.t.eachAt(AGE, AGE_TRIGGERS, (tx, i) -> tx.digitWithin(i, 3), m -> age(sc, m));
    }

    /** "At 92, our patient", "At 101 she's", "104 and still coming in", "93 years young". */
    private static final Pattern AT_AGE = Pattern.compile("(?i)at\\s+(\\d{2,3})(?:\\s*,|\\s+(?=(?:she|he|our|my|this|the|they)\\b))");
    private static final Pattern NUM_AGE = Pattern.compile("(?i)(\\d{2,3})(?:\\s+years?\\s+young\\b"
            + "|\\s+and\\s+still\\b|\\s*-?\\s*years?\\s+of\\s+age\\b)");
    private static final Pattern WORD_AGE = Pattern.compile("(?i)(?:(?:turn(?:s|ed|ing)?|aged?|at)\\s+(?:ninety"
            + "(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one|a) hundred(?:[- ]and[- ]\\w+)?)\\b(?![- ](?:degrees|percent|miles|days|minutes|times|patients|people|dollars))"
            + "|(?:ninety|one[- ]hundred|a hundred)(?:[- ](?:one|two|three"
            + "|four|five|six|seven|eight|nine|and[- ]\\w+))?[- ](?:years?[- ](?:old|young)|year[- ]old|something)\\b)");
    private static final Set<String> AT_TRIGGERS = Lexicon.set("at");
    private static final Set<String> WORD_AGE_TRIGGERS = Lexicon.set("turn", "turns", "turned", "turning", "age", "aged", "at", "ninety", "one", "a", "one-hundred", "ninety-one",
            "ninety-two", "ninety-three", "ninety-four", "ninety-five", "ninety-six", "ninety-seven", "ninety-eight",
            "ninety-nine", "ninety-something", "one-hundred-year-old", "hundred");

    private static void olderAges(Scan sc) {
        int max = sc.cfg.maxAge;
        sc.t.eachAt(AT_AGE, AT_TRIGGERS, (tx, i) -> i + 1 < tx.count && tx.kind[i + 1] == Text.NUMBER
                && tx.leadingInt(i + 1) > max && tx.leadingInt(i + 1) <= 125, m -> {
                    if (sc.personCueInSentence(m.start())) {
                        oldAge(sc, m);
                    }
                });
        Text t = sc.t;
        for (int i = 2; i + 1 < t.count; i++) {
            // "Our oldest patient, 103, got her booster": an age in apposition to a person
            if (t.kind[i] == Text.NUMBER && t.punct(i - 1) == ',' && t.punct(i + 1) == ',' && t.kind[i - 2] == Text.WORD
                    && (Lexicon.PERSON_CUES.contains(t.lower[i - 2]) || t.cap[i - 2] && !t.sentenceInitial(i - 2)
                            && Lexicon.namePart(t.lower[i - 2]))) {
                int v = t.leadingInt(i);
                if (v > max && v <= 125 && t.end[i] - t.start[i] <= 3 && !sc.isClaimed(t.start[i], t.end[i])) {
                    sc.claim(t.start[i], t.end[i]);
                    sc.add(Rules.PHI_AGE, t.start[i], t.end[i], "age over " + max);
                }
            }
        }
        sc.t.eachAt(NUM_AGE, Text.NUMBER, (tx, i) -> tx.leadingInt(i) > max && tx.leadingInt(i) <= 125, m -> {
            if (!m.group(0).toLowerCase(java.util.Locale.ROOT).contains("still") || sc.personCueInSentence(m.start())) {
                oldAge(sc, m);
            }
        });
    }

    private static void ageWords(Scan sc) {
        // number words name ages in the nineties and up only
        sc.t.eachAt(WORD_AGE, WORD_AGE_TRIGGERS, (byte) 0, m -> {
            if (!sc.isClaimed(m.start(), m.end()) && sc.cfg.maxAge < 90 && sc.personCueInSentence(m.start())) {
                sc.claim(m.start(), m.end());
                sc.add(Rules.PHI_AGE, m.start(), m.end(), "age over " + sc.cfg.maxAge + " in words");
            }
        });
    }

    private static void oldAge(Scan sc, Matcher m) {
        String before = sc.t.s.substring(Math.max(0, m.start() - 14), m.start());
        if (AGGREGATE_BEFORE.matcher(before).find() || sc.isClaimed(m.start(), m.end())) {
            return;
        }
        sc.claim(m.start(), m.end());
        sc.add(Rules.PHI_AGE, m.start(), m.end(), "age over " + sc.cfg.maxAge);
    }

    /** "b. 1929", "born in 1931", "born on Leap Day 1944": a birth year tied to a person. */
    private static final Pattern BIRTH_YEAR = Pattern.compile("(?:b\\.\\s*|(?i:born)\\s+(?:(?i:in|on)\\s+)?"
            + "(?:[A-Z][a-z]+\\s+){0,2}(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?)((?:18|19|20)\\d{2})\\b");
    private static final Set<String> POPULATION = Lexicon.set("people", "patients", "adults", "anyone", "those",
            "seniors", "children", "kids", "babies", "everyone", "women", "men", "residents", "members", "veterans",
            "individuals", "persons", "folks", "generation", "boomers");
    private static final Set<String> BIRTH_TRIGGERS = Lexicon.set("b", "born");

    private static void birthYears(Scan sc) {
        int year = java.time.LocalDate.now().getYear();
        sc.t.eachAt(BIRTH_YEAR, BIRTH_TRIGGERS, (byte) 0, m -> {
            String lead = sc.t.s.substring(m.start(), Math.min(sc.t.n, m.start() + 20));
            int tok = sc.t.tokenAt(m.start());
            if (sc.sentenceHas(tok, POPULATION) || !sc.personCueInSentence(m.start()) || sc.isClaimed(m.start(), m.end())) {
                return;
            }
            int y = Integer.parseInt(m.group(1));
            if (y > year) {
                return;
            }
            sc.claim(m.start(), m.end());
            sc.add(Rules.PHI_DATE, m.start(), m.end(), "birth year of a person");
            if (year - y > sc.cfg.maxAge) {
                sc.add(Rules.PHI_AGE, m.start(), m.end(), "birth year that puts a person's age over " + sc.cfg.maxAge);
            }
        });
    }

    private static void age(Scan sc, Matcher m) {
        String s = sc.t.s;
        {
            String num = null;
            int gs = -1;
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    num = m.group(g);
                    gs = m.start(g);
                    break;
                }
            }
            if (num == null) {
                return;
            }
            int age = Integer.parseInt(num);
            if (age <= sc.cfg.maxAge || age > 125) {
                return;
            }
            String after = s.substring(m.end(), Math.min(s.length(), m.end() + 16));
            String before = s.substring(Math.max(0, gs - 14), gs);
            if (AGGREGATE_AFTER.matcher(after).find() || AGGREGATE_BEFORE.matcher(before).find()) {
                return; // "90 and older" is the aggregate Safe Harbor allows
            }
            if (sc.isClaimed(m.start(), m.end())) {
                return;
            }
            if (m.group(5) != null && !sc.personCueInSentence(m.start()) && sc.practiceCueInSentence(m.start())) {
                return; // "Our clinic turns 90 this year"
            }
            if (!sc.personCueInSentence(m.start()) && sc.sentenceHas(sc.t.tokenAt(m.start()), INSTITUTIONS)) {
                return; // "Happy 100th birthday to the Springfield Public Library!"
            }
            sc.claim(m.start(), m.end());
            sc.add(Rules.PHI_AGE, m.start(), m.end(), "age over " + sc.cfg.maxAge);
        }
    }
}
