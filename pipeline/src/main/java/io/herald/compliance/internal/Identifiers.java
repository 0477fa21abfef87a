package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Safe Harbor identifiers that are numbers or addresses: phone and fax numbers, email addresses,
 * SSNs, record / plan / account / licence numbers, device and vehicle ids, personal URLs, IP
 * addresses and other identifying numbers.
 */
final class Identifiers {

    private Identifiers() {}

    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+/.-])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}(?![\\w/-]|\\.\\d)"
                    + "|(?<![\\w+/.-])\\+?1?\\d{10}(?![\\w/-]|\\.\\d)");
    private static final Pattern LOCAL_PHONE = Pattern.compile("(?<![\\w+/.-])\\d{3}[-.]\\d{4}(?![\\w/-]|\\.\\d)");
    private static final Pattern PHONE_WORD = Pattern.compile(
            "(?i)\\b(?:call|phone|tel|text|cell|mobile|fax|number|reach|dial|ph|contact)\\b");
    private static final Pattern BARE_TEN = Pattern.compile("\\+?1?\\d{10}");
    private static final Pattern FAX_WORD = Pattern.compile("(?i)\\bfax\\b");

    private static final Pattern SSN = Pattern.compile("(?<![\\w-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\w-])");
    private static final Pattern SSN_CUE = Pattern.compile(
            "(?i)\\b(?:ssn|ss#|social security(?: number| no\\.?| #)?|social sec(?:urity)?\\.?(?: #| no\\.?)?|soc\\.? sec\\.?)");

    private static final Pattern RECORD_CUE = Pattern.compile("(?i)\\b(?:"
            + "(?<mrn>mrn|m\\.r\\.n\\.?|medical[- ]record(?:s)?(?: number| no\\.?| num| #| id)?|chart (?:number|no\\.?|#|id)"
            + "|patient (?:id|number|no\\.?|account(?: number)?|acct)|pt\\.? ?(?:id|#|no\\.?)|record (?:number|no\\.?|#|id)"
            + "|encounter (?:id|number|no\\.?|#)|visit (?:id|number|no\\.?|#)|accession (?:number|no\\.?|#)"
            + "|specimen (?:id|number|no\\.?|#)|lab (?:id|number|#))"
            + "|(?<plan>member(?:ship)? (?:id|number|no\\.?|#)|subscriber (?:id|number|no\\.?|#)|policy (?:number|no\\.?|#|id)"
            + "|group (?:number|no\\.?|#|id)|insurance (?:id|number|no\\.?|#|card(?: number)?)|(?:health )?plan (?:id|number|no\\.?|#)"
            + "|beneficiary (?:id|number|no\\.?|#)|medicare (?:id|number|no\\.?|#|card(?: number)?)"
            + "|medicaid (?:id|number|no\\.?|#|card(?: number)?)|mbi|hicn|id card(?: number)?)"
            + "|(?<account>account (?:number|no\\.?|#|num|id)|acct\\.?(?: number| no\\.?| #)?|claim (?:number|no\\.?|#|id)"
            + "|invoice (?:number|no\\.?|#)|billing (?:id|number|#)|rx ?#|rx (?:number|no\\.?)|prescription (?:number|no\\.?|#)"
            + "|case (?:number|no\\.?|#|id)|employee (?:id|number|no\\.?|#)|student (?:id|number|no\\.?|#))"
            + "|(?<licence>(?:driver'?s |drivers )?licen[cs]e(?: number| no\\.?| #| id)?|dl ?#|dl (?:number|no\\.?)"
            + "|passport(?: number| no\\.?| #)?|certificate(?: number| no\\.?| #)?|birth certificate"
            + "|(?:state )?id (?:number|no\\.?|#))"
            + ")(?:(?<=[#.])|(?![\\w-]))");
    private static final Pattern DEVICE_CUE = Pattern.compile("(?i)\\b(?:"
            + "(?<device>serial(?: number| no\\.?| num| #)?|s/n|sn|device (?:id|serial|number|no\\.?|#)|udi|imei|meid"
            + "|mac address|implant (?:id|serial|number|#)|model (?:and|&) serial)"
            + "|(?<vehicle>vin|vehicle identification number|vehicle id|licen[cs]e plate(?: number| no\\.?| #)?|plate (?:number|no\\.?|#)"
            + "|plates?|tag number)"
            + ")(?:(?<=[#.])|(?![\\w-]))");
    /** After a cue: optional "is", ":" or "#", then the identifier itself. */
    private static final Pattern ID_AFTER = Pattern.compile(
            "(?i)[\\s:#=.\\-]*(?:(?:is|was|of|number|no\\.?|ending in|ends in|last four|last 4|looks like|reads|says"
                    + "|shows|appears to be|seems to be)[\\s:#]*)?(?:(?-i:[A-Z]{2,5})\\s+(?=\\d))?"
                    + "([A-Za-z0-9](?:[A-Za-z0-9]|[-/](?=[A-Za-z0-9]))*)");
    private static final Pattern VIN = Pattern.compile("\\b(?=[A-HJ-NPR-Z0-9]*\\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\\b");

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])"
                    + "|(?<![\\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}(?![\\w:])");

    private static final Pattern LONG_DIGITS = Pattern.compile("(?<![\\w,.$-])\\d{7,}(?![\\w,]|\\.\\d)");
    private static final Pattern CODE = Pattern.compile(
            "(?<![\\w-])(?=[A-Za-z0-9-]*\\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\\w-])");
    private static final Pattern PATIENT_NUMBER = Pattern.compile(
            "(?i)\\b(?:patient|pt\\.?|client|case|bed|ticket)\\s*(?:#|no\\.?|number)\\s*\\d{2,}");

    private static final Set<String> TOLL_FREE = Set.of("800", "888", "877", "866", "855", "844", "833", "822");

    private static final Set<String> ROLE_MAILBOXES = Set.of("info", "billing", "appointments", "appointment",
            "appts", "contact", "hello", "help", "support", "office", "frontdesk", "front.desk", "front-desk",
            "scheduling", "schedule", "records", "medicalrecords", "medical.records", "careers", "jobs", "hr",
            "press", "media", "marketing", "admin", "team", "referrals", "referral", "pharmacy", "refills",
            "nurse", "nurses", "clinic", "care", "patientcare", "patient.care", "patientservices",
            "patient.services", "feedback", "questions", "ask", "events", "volunteer", "volunteers", "donate",
            "giving", "privacy", "compliance", "webmaster", "noreply", "no-reply", "news", "newsletter",
            "reception", "intake", "triage", "finance", "accounts", "customerservice", "service", "services",
            "community", "outreach", "communications", "comms", "wellness", "vaccines", "flu", "covid",
            "portal", "mychart", "it", "security", "legal", "director", "practice", "manager", "social");
    private static final Set<String> FREEMAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "ymail.com",
            "outlook.com", "hotmail.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com",
            "protonmail.com", "proton.me", "pm.me", "gmx.com", "gmx.net", "mail.com", "comcast.net",
            "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net", "zoho.com",
            "yandex.com", "hey.com", "fastmail.com", "tutanota.com", "rocketmail.com", "earthlink.net");

    private static final Set<String> SOCIAL_HOSTS = Set.of("facebook.com", "fb.com", "m.facebook.com",
            "instagram.com", "twitter.com", "x.com", "tiktok.com", "linkedin.com", "youtube.com", "threads.net",
            "bsky.app", "reddit.com", "pinterest.com", "snapchat.com", "tumblr.com", "medium.com", "substack.com",
            "venmo.com", "cash.app", "paypal.me", "linktr.ee", "onlyfans.com", "patreon.com", "myspace.com",
            "flickr.com", "vimeo.com", "twitch.tv", "mastodon.social");
    private static final Set<String> FUNDRAISER_HOSTS = Set.of("gofundme.com", "caringbridge.org", "mealtrain.com",
            "givesendgo.com", "fundly.com", "giveforward.com", "lotsahelpinghands.com", "takethemameal.com",
            "spotfund.com", "youcaring.com", "givebutter.com");
    private static final Set<String> GENERIC_PATHS = Set.of("", "share", "sharer", "sharer.php", "watch", "hashtag",
            "explore", "events", "groups", "pages", "search", "help", "about", "policies", "legal", "privacy",
            "terms", "intent", "home", "login", "signup", "i", "p", "reel", "reels", "status", "shorts", "playlist",
            "channel", "results", "feed", "discover", "tag", "tags", "topics", "trending", "jobs", "company",
            "school", "learning", "news", "pulse");

    /** The post says the person shown agreed: "shared with her written permission", "release on file". */
    private static final Pattern CONSENT = Pattern.compile(
            "(?i)\\bconsent(?:\\s+form)?[\\s(,;]*(?:ref(?:erence)?\\.?|no\\.?|number|#|id)"
                    + "|\\b(?:shared|posted|used|published)\\s+with\\s+(?:[\\w.'\u2019-]+\\s+){0,3}(?:permission|consent)"
                    + "|\\b(?:signed|written)\\s+(?:photo\\s+)?(?:consent|release)\\s+(?:is\\s+)?on\\s+file"
                    + "|\\brelease\\s+on\\s+file"
                    + "|\\bwith\\s+(?:the\\s+)?(?:[\\w.'\u2019-]+\\s+){0,3}(?:written|signed|full)\\s+(?:permission|consent|authori[sz]ation)"
                    + "|\\bwith\\s+(?:the\\s+)?(?:permission|consent)\\s+(?:of|from)\\b"
                    + "|\\b(?:gave|given|signed)\\s+(?:us\\s+)?(?:their\\s+|her\\s+|his\\s+)?(?:written\\s+)?(?:permission|consent)(?:\\s*\\([^)]{1,40}\\))?\\s+(?:to|for)\\s+(?:share|post|tell|feature)");
    /** A consent form's reference just after a consent statement: "(ref CONS-2026-0412)"; not an identifier. */
    private static final Pattern CONSENT_REF = Pattern.compile(
            "(?i)\\G[\\s(,;:]*(?:consent\\s+)?(?:ref(?:erence)?\\.?|no\\.?|number|#|id)?\\s*[:#]?\\s*([A-Z0-9][A-Z0-9-]{2,24})");

    static void run(Scan sc) {
        Text t = sc.t;
        String s = t.s;
        if ((s.indexOf("onsent") >= 0 || s.indexOf("ermission") >= 0
                || s.indexOf("elease") >= 0)) {
            Matcher c = CONSENT.matcher(s);
            while (c.find()) {
                sc.consentInText = true;
                Matcher ref = CONSENT_REF.matcher(s).region(c.end(), Math.min(s.length(), c.end() + 40));
                if (ref.lookingAt() && ref.group(1).chars().anyMatch(Character::isDigit)) {
                    sc.claim(ref.start(1), ref.end(1));
                }
            }
        }
        boolean hasDigit = false;
        for (int i = 0; i < t.n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                hasDigit = true;
                break;
            }
        }
        if (hasDigit) {
            ssn(sc);
            phones(sc);
            recordNumbers(sc, RECORD_CUE, Rules.PHI_RECORD_NUMBER);
            recordNumbers(sc, DEVICE_CUE, Rules.PHI_VEHICLE_DEVICE);
            ips(sc);
            otherNumbers(sc);
        }
        for (int i = 0; i < t.count; i++) {
            byte k = t.kind[i];
            if (k == Text.EMAIL) {
                email(sc, i);
            } else if (k == Text.URL) {
                String u = s.substring(t.start[i], t.end[i]);
                String why = personalUrl(sc.cfg, u);
                if (why == null && idLikePath(u) && patientBefore(sc, i)) {
                    why = "URL with a record-like id next to a patient";
                }
                if (why != null) {
                    sc.add(Rules.PHI_URL, t.start[i], t.end[i], why);
                }
            } else if (k == Text.HANDLE) {
                String h = t.lower[i].substring(1);
                if (!sc.cfg.practiceHandles.contains(h) && sc.personCueInSentence(t.start[i])
                        && !sc.practiceCueInSentence(t.start[i])) {
                    sc.add(Rules.PHI_URL, t.start[i], t.end[i], "social media handle of a person in a sentence about a patient");
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------- SSN

    private static final Set<String> SSN_TRIGGERS = Lexicon.set("ssn", "ss", "social", "soc");

    private static void ssn(Scan sc) {
        String s = sc.t.s;
        sc.t.eachAt(SSN, Text.NUMBER, (t, i) -> {
            int d = t.digits(i);
            return d == 9 || d == 3 && t.charAfter(i) == ' ';
        }, m -> {
            if (m.group(1).equals(" ") && !cueBefore(s, m.start(), SSN_CUE, 30)) {
                return;
            }
            sc.claim(m.start(), m.end());
            sc.add(Rules.PHI_SSN, m.start(), m.end(), "social security number (9 digits)");
        });
        sc.t.eachAt(SSN_CUE, SSN_TRIGGERS, (tx, i) -> tx.digitWithin(i, 8), c -> {
            Matcher id = ID_AFTER.matcher(s).region(c.end(), Math.min(s.length(), c.end() + 30));
            if (id.lookingAt()) {
                String v = id.group(1);
                int d = digitCount(v);
                if (d >= 4 && !sc.isClaimed(id.start(1), id.end(1))) {
                    sc.claim(id.start(1), id.end(1));
                    sc.add(Rules.PHI_SSN, id.start(1), id.end(1),
                            d >= 9 ? "social security number after an SSN cue" : "part of a social security number ("
                                    + d + " digits) after an SSN cue");
                }
            }
        });
    }

    // --------------------------------------------------------------------------------- phones

    private static final Set<String> PHONE_STARTS = Lexicon.set("(", "+");

    private static void phones(Scan sc) {
        String s = sc.t.s;
        Text.OnMatch onPhone = m -> phone(sc, m.start(), m.end(), false);
        sc.t.eachAt(PHONE, Text.NUMBER, (t, i) -> {
            int d = t.digits(i);
            char after = t.charAfter(i);
            return d >= 10 || (d == 3 || d == 1) && (after == ' ' || after == '.' || after == '-');
        }, onPhone);
        sc.t.eachAt(PHONE, PHONE_STARTS, (byte) 0, onPhone);
        sc.t.eachAt(LOCAL_PHONE, Text.NUMBER, (t, i) -> t.digits(i) == 7 && t.end[i] - t.start[i] == 8, l -> {
            if (!sc.isClaimed(l.start(), l.end()) && cueBefore(s, l.start(), PHONE_WORD, 25)) {
                phone(sc, l.start(), l.end(), true);
            }
        });
    }

    private static void phone(Scan sc, int start, int end, boolean local) {
        if (sc.isClaimed(start, end)) {
            return;
        }
        String s = sc.t.s;
        String digits = GateConfig.lastTen(GateConfig.digits(s.substring(start, end)));
        if (!local && digits.length() == 10 && BARE_TEN.matcher(s).region(start, end).matches()
                && !cueBefore(s, start, PHONE_WORD, 25)) {
            return; // ten bare digits with no phone word: left to the identifier rule
        }
        sc.claim(start, end);
        boolean fax = cueBefore(s, start, FAX_WORD, 20);
        String kind = fax ? "fax number" : "phone number";
        if (sc.cfg.practicePhones.contains(digits)) {
            return;
        }
        if (local) {
            for (String p : sc.cfg.practicePhones) {
                if (p.endsWith(digits)) {
                    return;
                }
            }
        }
        if (digits.length() == 10 && TOLL_FREE.contains(digits.substring(0, 3))) {
            return; // hotlines and national lines are not somebody's number
        }
        boolean personal = sc.personCueInSentence(start) || sc.personCueAnywhere();
        if (!personal && sc.practiceCueInSentence(start)) {
            return;
        }
        if (!personal && digits.length() == 10) {
            for (String p : sc.cfg.practicePhones) {
                if (p.length() == 10 && p.regionMatches(0, digits, 0, 8)) {
                    return; // another line of the practice's own block: "fax 555-014-7739" beside 555-014-7730
                }
            }
        }
        sc.add(Rules.PHI_PHONE, start, end, kind + " that is not on the practice's list"
                + (personal ? " in a post about a person" : ""));
    }

    // ------------------------------------------------------------------------------- emails

    private static void email(Scan sc, int tok) {
        Text t = sc.t;
        String e = t.lower[tok];
        int at = e.indexOf('@');
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        if (sc.cfg.practiceEmails.contains(e) || sc.cfg.isPracticeDomain(domain)) {
            return;
        }
        if (ROLE_MAILBOXES.contains(local) && !FREEMAIL.contains(domain) && !sc.personCueInSentence(t.start[tok])) {
            return; // an organisation's mailbox, not a person's
        }
        sc.add(Rules.PHI_EMAIL, t.start[tok], t.end[tok], "email address that is not the practice's"
                + (FREEMAIL.contains(domain) ? " (personal mail provider)" : ""));
    }

    // ---------------------------------------------------------------------- record numbers

    private static final Set<String> RECORD_TRIGGERS = Lexicon.set("mrn", "m", "medical", "chart", "patient", "pt",
            "record", "encounter", "visit", "accession", "specimen", "lab", "member", "membership", "subscriber",
            "policy", "group", "insurance", "health", "plan", "beneficiary", "medicare", "medicaid", "mbi", "hicn",
            "id", "account", "acct", "claim", "invoice", "billing", "rx", "prescription", "case", "employee",
            "student", "driver", "drivers", "licence", "license", "dl", "passport", "certificate", "birth", "state");
    private static final Set<String> DEVICE_TRIGGERS = Lexicon.set("serial", "s", "sn", "device", "udi", "imei", "meid",
            "mac", "implant", "model", "vin", "vehicle", "license", "licence", "plate", "plates", "tag");

    private static void recordNumbers(Scan sc, Pattern cue, String rule) {
        String s = sc.t.s;
        Text.TokenFilter digitSoon = (tx, i) -> tx.digitWithin(i, 7);
        sc.t.eachAt(cue, rule.equals(Rules.PHI_RECORD_NUMBER) ? RECORD_TRIGGERS : DEVICE_TRIGGERS, digitSoon, c -> {
            Matcher id = ID_AFTER.matcher(s).region(c.end(), Math.min(s.length(), c.end() + 32));
            if (!id.lookingAt()) {
                return;
            }
            String v = id.group(1);
            int d = digitCount(v);
            boolean idLike = d >= 3 || (d >= 2 && v.length() >= 5);
            if (rule.equals(Rules.PHI_VEHICLE_DEVICE) && c.group("vehicle") != null && c.group().toLowerCase(Locale.ROOT).startsWith("plate")) {
                idLike = d >= 1 && v.length() >= 4 && hasLetter(v);
            }
            if (!idLike || sc.isClaimed(id.start(1), id.end(1))) {
                return;
            }
            sc.claim(id.start(1), id.end(1));
            String kind = kindOf(c);
            sc.add(rule, id.start(1), id.end(1), kind + " (" + v.length() + " characters) after '"
                    + c.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + "'");
        });
        if (rule.equals(Rules.PHI_VEHICLE_DEVICE)) {
            Text t = sc.t;
            for (int i = 0; i < t.count; i++) {
                if (t.end[i] - t.start[i] == 17 && (t.kind[i] == Text.WORD || t.kind[i] == Text.NUMBER)) {
                    Matcher v = t.matcher(VIN).region(t.start[i], t.end[i]);
                    if (v.matches() && !sc.isClaimed(v.start(), v.end())) {
                        sc.claim(v.start(), v.end());
                        sc.add(rule, v.start(), v.end(), "vehicle identification number (17 characters)");
                    }
                }
            }
        }
    }

    private static String kindOf(Matcher c) {
        for (String g : new String[] {"mrn", "plan", "account", "licence", "device", "vehicle"}) {
            try {
                if (c.group(g) != null) {
                    return switch (g) {
                        case "mrn" -> "medical record number";
                        case "plan" -> "health plan number";
                        case "account" -> "account number";
                        case "licence" -> "licence or certificate number";
                        case "device" -> "device identifier or serial number";
                        default -> "vehicle identifier";
                    };
                }
            } catch (IllegalArgumentException ignored) {
                // group not in this pattern
            }
        }
        return "identifier";
    }

    // ---------------------------------------------------------------------------------- IPs

    private static void ips(Scan sc) {
        String s = sc.t.s;
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.NUMBER && t.lower[i].indexOf('.') > 0) {
                Matcher m = t.matcher(IPV4).region(t.start[i], t.end[i]);
                if (m.matches() && !sc.isClaimed(m.start(), m.end())) {
                    sc.claim(m.start(), m.end());
                    sc.add(Rules.PHI_IP, m.start(), m.end(), "IPv4 address");
                }
            }
        }
        if (s.contains("::") || colons(s) >= 7) {
            Matcher m = IPV6.matcher(s);
            while (m.find()) {
                if (!sc.isClaimed(m.start(), m.end()) && digitCount(m.group()) > 0) {
                    sc.claim(m.start(), m.end());
                    sc.add(Rules.PHI_IP, m.start(), m.end(), "IPv6 address");
                }
            }
        }
    }

    // ------------------------------------------------------------------- other identifiers

    private static final Set<String> PATIENT_NUMBER_TRIGGERS = Lexicon.set("patient", "pt", "client", "case", "bed",
            "ticket");

    private static void otherNumbers(Scan sc) {
        Text t = sc.t;
        t.eachAt(PATIENT_NUMBER, PATIENT_NUMBER_TRIGGERS, (tx, i) -> tx.digitWithin(i, 3), p -> {
            if (!sc.isClaimed(p.start(), p.end())) {
                sc.claim(p.start(), p.end());
                sc.add(Rules.PHI_IDENTIFIER, p.start(), p.end(), "number that identifies a patient or case");
            }
        });
        t.eachAt(LONG_DIGITS, Text.NUMBER, (tx, i) -> {
            int d = tx.digits(i);
            return d >= 7 && d == tx.end[i] - tx.start[i];
        }, m -> {
            if (!sc.isClaimed(m.start(), m.end())) {
                sc.claim(m.start(), m.end());
                sc.add(Rules.PHI_IDENTIFIER, m.start(), m.end(),
                        "long number (" + (m.end() - m.start()) + " digits) that could identify a person");
            }
        });
        Matcher c = null;
        int after = -1;
        for (int i = 0; i < t.count; i++) {
            byte k = t.kind[i];
            if (t.start[i] < after || k != Text.WORD && k != Text.NUMBER || !hasDigit(t.lower[i])) {
                continue;
            }
            if (c == null) {
                c = t.matcher(CODE);
            }
            c.region(t.start[i], t.n);
            if (!c.lookingAt()) {
                continue;
            }
            after = c.end();
            String v = c.group();
            int d = digitCount(v);
            if (v.length() < 6 || d < 4 || sc.isClaimed(c.start(), c.end())) {
                continue;
            }
            if (!sc.personCueInSentence(c.start())) {
                continue; // product codes, promo codes, form numbers
            }
            sc.claim(c.start(), c.end());
            sc.add(Rules.PHI_IDENTIFIER, c.start(), c.end(),
                    "identifying code (" + v.length() + " characters) in a sentence about a person");
        }
    }

    private static boolean hasDigit(String v) {
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch >= '0' && ch <= '9') {
                return true;
            }
        }
        return false;
    }

    private static int colons(String s) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ':') {
                c++;
            }
        }
        return c;
    }

    // ------------------------------------------------------------------------------ helpers

    private static final Pattern HAS_SCHEME = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://.*");

    /** Why a URL is personal (a social profile, a fundraiser), or null when it is not. */
    static String personalUrl(GateConfig cfg, String url) {
        String u = url.trim();
        if (!HAS_SCHEME.matcher(u).matches()) {
            u = "https://" + u;
        }
        URI uri;
        try {
            uri = URI.create(u.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        // a loopback address names this machine, never a person (the sandbox serves its sample images there;
        // outside the sandbox media fetching refuses loopback addresses anyway)
        if (IPV4.matcher(host).matches() && !host.startsWith("127.")) {
            return "URL that points at an IP address";
        }
        if (cfg.isPracticeDomain(host)) {
            return null;
        }
        String bare = host.startsWith("www.") ? host.substring(4) : host;
        if (bare.startsWith("m.")) {
            bare = bare.substring(2);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segs = path.split("/");
        String first = segs.length > 1 ? segs[1].toLowerCase(Locale.ROOT) : "";
        if (FUNDRAISER_HOSTS.contains(bare) && !first.isEmpty()) {
            return "personal fundraiser or care page URL";
        }
        if (SOCIAL_HOSTS.contains(bare) || bare.endsWith(".substack.com") || bare.endsWith(".tumblr.com")) {
            if (bare.endsWith(".substack.com") || bare.endsWith(".tumblr.com")) {
                first = bare.substring(0, bare.indexOf('.'));
            }
            String handle = first.startsWith("@") ? first.substring(1) : first;
            if (bare.equals("linkedin.com") && first.equals("in") && segs.length > 2) {
                handle = segs[2].toLowerCase(Locale.ROOT);
            } else if (bare.equals("linkedin.com")) {
                return null;
            }
            if (bare.equals("bsky.app") && first.equals("profile") && segs.length > 2) {
                handle = segs[2].toLowerCase(Locale.ROOT);
            }
            if (handle.isEmpty() || GENERIC_PATHS.contains(handle) || cfg.practiceHandles.contains(handle)) {
                return null;
            }
            for (String ph : cfg.practiceHandles) {
                if (handle.startsWith(ph)) {
                    return null;
                }
            }
            return "personal social media profile URL";
        }
        return null;
    }

    /** A path segment or query value of digits that is no year: "/p/88213", "?id=773321". */
    static boolean idLikePath(String u) {
        int q = u.indexOf("://");
        int slash = u.indexOf('/', q < 0 ? 0 : q + 3);
        if (slash < 0) {
            return false;
        }
        int run = 0;
        int letters = 0;
        for (int c = slash; c <= u.length(); c++) {
            char ch = c < u.length() ? u.charAt(c) : '/';
            if (ch >= '0' && ch <= '9') {
                run++;
            } else if (Character.isLetter(ch)) {
                letters++;
            } else {
                if (run >= 4 && letters == 0) {
                    String d = u.substring(c - run, c);
                    boolean year = run == 4 && (d.startsWith("19") || d.startsWith("20"));
                    if (!year) {
                        return true;
                    }
                }
                run = 0;
                letters = 0;
            }
        }
        return false;
    }

    private static final java.util.Set<String> PATIENT_WORDS = Lexicon.set("patient", "patient's", "pt");

    /** A courtesy title or "patient" in the dozen tokens before the URL, in its sentence or the one before. */
    private static boolean patientBefore(Scan sc, int i) {
        Text t = sc.t;
        for (int k = i - 1; k >= Math.max(0, i - 12); k--) {
            if (t.kind[k] == Text.WORD && (Lexicon.HONORIFICS.contains(t.lower[k]) || PATIENT_WORDS.contains(t.lower[k]))) {
                return true;
            }
        }
        return false;
    }

    static boolean cueBefore(String s, int pos, Pattern cue, int window) {
        int from = Math.max(0, pos - window);
        Matcher m = cue.matcher(s).region(from, pos);
        return m.find();
    }

    static int digitCount(String v) {
        int d = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch >= '0' && ch <= '9') {
                d++;
            }
        }
        return d;
    }

    private static boolean hasLetter(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isLetter(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
