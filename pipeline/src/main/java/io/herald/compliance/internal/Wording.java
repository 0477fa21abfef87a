package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conduct and claims by the shape of the wording rather than by a list of known phrases: hiring
 * posts that exclude people by age, sex, origin, religion or health; contempt and sarcasm
 * towards groups of patients or other providers; advice that tells people to drop standard care
 * or that promises one thing is all they need; partners, promo codes and incentives without a
 * disclosure. Each finding quotes its span and says what to write instead.
 */
final class Wording {

    private Wording() {}

    private static final int F = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    // ----------------------------------------------------------------------------- hiring
    private static final Pattern EXCLUDING = Pattern.compile(String.join("|",
            "\\byoung(?:er)?,?\\s+(?:man|men|woman|women|lady|ladies|guy|guys|gal|gals|face|faces|person|people|blood|and energetic|energetic|pretty)\\b",
            "\\b(?:under|below|no older than|not over|younger than)\\s+(?:the age of\\s+)?[2-6]\\d\\b",
            "\\b(?:early|mid|late)[- ](?:20s|30s|twenties|thirties)\\b",
            "\\bin (?:their|your) (?:20s|twenties|30s|thirties)\\b",
            "\\b(?:female|male|women|men|woman|man|ladies|gentlemen|girls|guys)\\b[^.!?\\n]{0,40}\\b(?:preferred|only|need not apply|not for you|strongly preferred)\\b",
            "\\b(?:preferred|only)\\b[^.!?\\n]{0,15}\\b(?:female|male|women|men|ladies)\\b",
            "\\bladies\\b[^.!?\\n]{0,30}\\bnot for you\\b",
            "\\b(?:american|us|u\\.s\\.)[- ]born\\b", "\\benglish[- ]only\\b", "\\bnative[- ](?:english[- ])?speakers?\\s+only\\b",
            "\\b(?:neutral|american|no|without an?|without any)\\s+(?:american\\s+)?accents?\\b", "\\bforeign accents?\\b",
            "\\b(?:christian|muslim|jewish|catholic|hindu|believers?|church-going|churchgoing)\\b[^.!?\\n]{0,60}\\b(?:need not apply|only|preferred|shares our values|share our values)\\b",
            "\\bnon-believers\\b", "\\bneed not apply\\b",
            "\\b(?:don't|do not|please don't|please do not)\\s+apply if you (?:have|are|had)\\b",
            "\\bdigital natives?\\b", "\\brecent grads?\\b[^.!?\\n]{0,20}\\b(?:preferred|only|ideal)\\b",
            "\\bpretty\\b", "\\battractive\\b", "\\b(?:no|without) (?:kids|children|family obligations)\\b",
            "\\b(?:not pregnant|pregnant women|childless|single (?:preferred|only))\\b",
            "\\b(?:own )?mental health history\\b", "\\b(?:healthy|able-bodied|stable),? (?:healthy )?(?:clinicians|applicants|candidates|people) only\\b",
            "\\b(?:send|dm|email) us (?:a|your) (?:photo|picture|selfie)\\b", "\\bwho can lift\\b[^.!?\\n]{0,30}\\bwithout complaining\\b"), F);

    // ----------------------------------------------------------------------------- contempt
    private static final Pattern MOCKING = Pattern.compile(String.join("|",
            "[\\x{1F602}\\x{1F923}\\x{1F644}\\x{1F60F}\\x{1F922}\\x{1F92E}\\x{1F612}\\x{1F62C}\\x{1F926}]",
            "\\btoughen up\\b", "\\bget it together\\b", "\\bgrow up\\b", "\\bman up\\b", "\\bsuck it up\\b",
            "\\bwe(?:'re| are) (?:laughing|begging you)\\b", "\\bjust a thought\\b", "\\bmaybe try\\b", "\\bwho think they're\\b",
            "(?:,|please,?|—|-)\\s*(?:grandpa|grandma|gramps|old man|sweetie|princess)\\b", "\\bsee you [^.!?\\n]{0,25} with your\\b"), F);
    /** Contempt that needs no group word: ridicule of symptoms or of people who seek help. */
    private static final Pattern DISMISSIVE = Pattern.compile(String.join("|",
            "\\b(?:are|is|being|were)\\s+(?:just\\s+)?(?:soft|weak|dramatic|drama queens?|attention[- ]seekers?|babies|crybabies)\\b",
            "\\b(?:just|usually|only|all)\\s+(?:just\\s+)?(?:looking|asking|begging) for attention\\b", "\\bfor attention\\b",
            "\\benables? (?:addicts|junkies|users|drug users)\\b", "\\bsafety net for bad choices\\b", "\\bbad choices\\b",
            "\\btoughen up\\b", "\\bshake it off\\b", "\\bplay(?:ed)? through it\\b",
            "\\b(?:grown adults|grown men|grown women) crying\\b"), F);

    // ----------------------------------------------------------------------------- competitors

    // ----------------------------------------------------------------------------- advice
    private static final String STANDARD_CARE = "(?:sunscreen|spf|brushing|flossing|floss|vaccines?|vaccinations?|shots?|boosters?|medications?|meds|antibiotics|insulin|inhalers?"
            + "|chemo(?:therapy)?|doctors?|cardiologist|pediatrician|dentist|retinoids?|moisturizers?|skin checks?|check-?ups?|screenings?|mammograms?"
            + "|physical therapy|exercise|prescriptions?|treatment|therapy|stitches|x-rays?|fluoride)";
    private static final Pattern DROP_CARE = Pattern.compile(String.join("|",
            "(?:^|[.!?:\\n]\\s*|\\p{So}\\s*|\\bjust\\s+|\\bsimply\\s+|\\byou can (?:honestly |safely |just )?|\\bso you can\\s+)(?:skip|ignore|stop|ditch|forget|avoid|throw out|toss|quit)\\s+(?:the\\s+|your\\s+|all\\s+)?(?:[\\p{L}-]+\\s+){0,2}" + STANDARD_CARE + "\\b",
            "\\b(?:told you to|tells you to|says to)\\b[^.!?\\n]{0,60}[.,;]\\s*(?:just\\s+)?ignore (?:it|them|him|her|that)\\b",
            "\\b(?:is|are)\\s+all (?:you|your [\\p{L}]+) (?:really\\s+)?needs?\\b", "\\bavoid all (?:exercise|activity|movement|weight-bearing)\\b",
            "\\b(?:don't|do not|never) need (?:sunscreen|spf|vaccines?|a dentist|a doctor|to brush|to floss)\\b",
            "\\b(?:don't|do not|never) (?:get|develop) (?:skin cancer|cancer|cavities|melanoma|concussions?|stds?)\\b",
            "\\bnobody needs it\\b", "\\boutdated nonsense\\b", "\\bnever\\b[^.!?\\n]{0,80}[.!]\\s*ever\\b",
            "\\bbuilt-in spf\\b", "\\bnatural spf\\b", "\\bbase tan\\b[^.!?\\n]{0,40}\\b(?:smart|protect|safe|good idea)\\b",
            "\\bstrict bed rest\\b", "\\bjust lie flat\\b", "\\bdon't move\\b", "\\bonly heat\\b", "\\bstunts? (?:their |your |a child's )?growth\\b",
            "\\bplant the idea\\b", "\\blinked to (?:breast |)cancer and\\b", "\\bpoisoning your (?:whole )?body\\b",
            "\\bbenzocaine\\b[^.!?\\n]{0,40}\\b(?:baby|babies|infant|gums|teething)\\b", "\\bworks like magic\\b"), F);

    /** The post sets a claim up to refute it ("Myth: ...", "the FDA advises against ..."). */
    private static final Pattern REFUTED = Pattern.compile(
            "\\bmyths?\\b|\\bfacts?\\b|\\bfalse\\b|\\bnot true\\b|\\bisn't (?:true|a reason)\\b|\\bagainst\\b|\\bdebunk|\\bactually,? no\\b|\\bwrong\\b|\\bat higher risk\\b", F);

    // ----------------------------------------------------------------------------- disclosure
    private static final Pattern PARTNER = Pattern.compile(
            "\\b(?:partner(?:ed|ing|s|ship)?|sponsor(?:ed|s)?|collab(?:oration)?|ambassadors?|brand deal)\\b", F);
    private static final Pattern PERK = Pattern.compile(
            "\\b(?:discounts?|promo|coupon|deal|deals|savings|save \\$?\\d+|off your|the only [\\p{L} -]{0,30}(?:we|our [\\p{L}]+) (?:recommend|use|trust))\\b|%\\s*off", F);
    private static final Pattern CODE = Pattern.compile("\\b(?:promo|discount|coupon|referral)\\s+code\\b|\\b(?:use|with|enter)\\s+code\\s+[\\p{L}\\d]{3,}\\b", F);
    private static final Pattern DISCLOSED = Pattern.compile(
            "#ad\\b|#sponsored|#paid|#partner\\b|#affiliate|\\bpaid (?:partnership|promotion|sponsorship)\\b|\\baffiliate\\b|\\bdisclos|\\bsponsored by\\b"
                    + "|\\bwe (?:earn|receive|get|make) (?:a )?(?:small )?(?:commission|fee|payment|share)\\b|\\bcompensat|\\bwe (?:are|were) paid\\b|\\bin exchange for\\b|^\\W*sponsored\\b|\\bsponsored:|\\bmade possible by\\b|\\bfunded by\\b|\\bgrant\\b", F);
    private static final Pattern INCENTIVE = Pattern.compile(
            "\\b(?:no need to|don't|do not|you don't have to)\\s+(?:mention|disclose|say|tell)\\b[^.!?\\n]{0,30}\\b(?:deal|discount|free|gift|offer|paid|promo)\\b"
                    + "|\\b(?:review|post|tag|selfie)\\b[^.!?\\n]{0,60}\\b(?:and|for)\\b[^.!?\\n]{0,20}\\b(?:we'll give you|get|receive|earn)\\s+(?:a\\s+)?(?:free|\\$\\d+|\\d+% off)", F);

    // ------------------------------------------------------------------------ cheap triggers
    private static final int T_HIRING = 1;
    private static final int T_DISMISS = 1 << 1;
    private static final int T_GROUP = 1 << 2;
    private static final int T_SLUR = 1 << 3;
    private static final int T_DROP = 1 << 4;
    private static final int T_ALL = 1 << 5;
    private static final int T_NEED = 1 << 6;
    private static final int T_NEG = 1 << 7;
    private static final int T_GET = 1 << 8;
    private static final int T_DISEASE = 1 << 9;
    private static final int T_NEVER = 1 << 10;
    private static final int T_EVER = 1 << 11;
    private static final int T_PROMO = 1 << 12;
    private static final int T_INCENTIVE = 1 << 13;
    private static final int T_AVOID = 1 << 14;
    private static final int T_OTHERS = 1 << 15;
    private static final java.util.Map<String, Integer> TRIGGERS = new java.util.HashMap<>();

    private static void trig(int bit, String... words) {
        for (String w : words) {
            TRIGGERS.merge(w, bit, (x, y) -> x | y);
        }
    }

    static {
        trig(T_HIRING, "hiring", "hire", "applicants", "applicant", "candidates", "candidate", "apply", "recruiting");
        trig(T_DISMISS, "soft", "weak", "dramatic", "drama", "attention", "attention-seekers", "attention-seeker", "babies",
                "crybabies", "enables", "enable", "choices", "toughen", "shake", "play", "played", "crying");
        trig(T_GROUP, "addicts", "boomers", "millennials", "zoomers", "bros", "wearers", "eaters", "warriors", "adults",
                "people", "folks", "parents", "moms", "dads", "teens", "smokers", "vapers", "drinkers", "lifters", "runners",
                "golfers", "karens", "snowflakes", "hypochondriacs", "complainers", "whiners");
        trig(T_SLUR, "butcher", "butchers", "hacks", "quack", "quacks", "mill", "mills", "amateurs", "bottom-of-the-barrel",
                "bottom", "botched", "lazy", "fraud", "frauds", "scam", "scams", "scammers", "charlatan", "charlatans", "cowboys",
                "incompetent", "wannabe", "wannabes", "weekend-course", "candy", "hazard", "burnt-out", "burned-out", "burnt",
                "clueless", "so-called");
        trig(T_DROP, "skip", "ignore", "ditch", "forget", "toss", "quit", "nobody", "nonsense",
                "spf", "tan", "bed", "flat", "heat", "stunt", "stunts", "idea", "linked", "poisoning", "benzocaine", "magic");
        trig(T_AVOID, "avoid", "move");
        trig(T_ALL, "all");
        trig(T_NEED, "need", "needs");
        trig(T_NEG, "don't", "dont", "not", "never", "doesn't");
        trig(T_GET, "get", "develop");
        trig(T_DISEASE, "cancer", "melanoma", "cavities", "concussion", "concussions", "stds");
        trig(T_NEVER, "never");
        trig(T_EVER, "ever");
        trig(T_PROMO, "partner", "partnered", "partnering", "partners", "partnership", "sponsor", "sponsored", "sponsors",
                "collab", "collaboration", "ambassador", "ambassadors", "promo", "discount", "coupon", "code", "referral",
                "deal", "brand");
        trig(T_INCENTIVE, "mention", "disclose", "review", "post", "tag", "selfie");
        trig(T_OTHERS, "other", "those", "these", "that", "their", "they", "they're", "them", "competitor", "competitors",
                "surgeons", "dentists", "doctors", "chiropractors", "orthodontists", "dermatologists", "therapists", "providers",
                "apps", "companies", "specialists", "clinics", "spas", "clinicians", "practices", "offices");
    }

    /** A group noun among the first four words of its sentence ("Gym bros with ...", "Boomers who ..."). */
    private static int groupAtSentenceStart(Text t) {
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.WORD && i - t.sentenceStart(i) <= 3) {
                Integer f = TRIGGERS.get(t.lower[i]);
                if (f != null && (f & T_GROUP) != 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static final java.util.Set<String> SLUR_ALONE = Lexicon.set("butcher", "butchers", "hacks", "quack", "quacks",
            "amateurs", "bottom-of-the-barrel", "botched", "lazy", "fraud", "frauds", "scam", "scams", "scammers", "charlatan",
            "charlatans", "cowboys", "incompetent", "wannabe", "wannabes", "weekend-course", "burnt-out", "burned-out", "clueless",
            "so-called");

    /** The token of a slur: a word of contempt, or the last word of "pill mill", "like candy", "health hazard", "bottom of the barrel". */
    private static int slur(Text t) {
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] != Text.WORD) {
                continue;
            }
            String w = t.lower[i];
            if (w.equals("cowboys") && (t.cap[i] || i > 0 && t.possessive[i - 1])) {
                continue; // "Montana's cowboys", the "Cowboys": ranch hands and a team, not a slur
            }
            if (SLUR_ALONE.contains(w) || (w.equals("mill") || w.equals("mills")) && t.w(i - 1).equals("pill")
                    || w.equals("candy") && t.w(i - 1).equals("like") || w.equals("hazard") && t.w(i - 1).equals("health")
                    || w.equals("barrel") && t.w(i - 2).equals("the") || w.equals("burnt") && t.w(i + 1).equals("out")) {
                return i;
            }
        }
        return -1;
    }

    static void run(Scan sc) {
        String s = sc.t.s;
        if (s.length() < 12) {
            return;
        }
        Text t = sc.t;
        int mask = 0;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.WORD || t.kind[i] == Text.HASHTAG) {
                Integer f = TRIGGERS.get(t.lower[i]);
                if (f != null) {
                    mask |= f;
                }
            }
        }
        if (mask == 0) {
            return;
        }
        boolean drop = (mask & T_DROP) != 0 || (mask & (T_ALL | T_NEED)) == (T_ALL | T_NEED)
                || (mask & (T_NEED | T_NEG)) == (T_NEED | T_NEG) || (mask & (T_GET | T_DISEASE | T_NEG)) == (T_GET | T_DISEASE | T_NEG)
                || (mask & (T_NEVER | T_EVER)) == (T_NEVER | T_EVER) || (mask & (T_AVOID | T_ALL)) == (T_AVOID | T_ALL)
                || (mask & (T_AVOID | T_NEG)) == (T_AVOID | T_NEG);
        if ((mask & T_HIRING) != 0 && sc.on(Rules.CONDUCT_UNPROFESSIONAL)) {
            Matcher m = EXCLUDING.matcher(s);
            if (m.find()) {
                sc.add(Rules.CONDUCT_UNPROFESSIONAL, m.start(), m.end(), "hiring wording that excludes people by age, sex, origin,"
                        + " religion, looks or health ('" + s.substring(m.start(), m.end()) + "'); describe the job's duties and"
                        + " the skills it needs instead");
            }
        }
        if (sc.on(Rules.CONDUCT_DISPARAGING)) {
            Matcher d = DISMISSIVE.matcher(s);
            Matcher mk;
            if ((mask & T_DISMISS) != 0 && d.find()) {
                sc.add(Rules.CONDUCT_DISPARAGING, d.start(), d.end(), "wording that dismisses or ridicules people ('"
                        + s.substring(d.start(), d.end()) + "'); say what you want people to do, without judging them");
            } else if ((mask & T_GROUP) != 0) {
                int gi = groupAtSentenceStart(t);
                if (gi >= 0 && (mk = MOCKING.matcher(s)).find()) {
                    sc.add(Rules.CONDUCT_DISPARAGING, mk.start(), mk.end(), "sarcasm or mockery aimed at a group of people ('"
                            + t.tok(gi) + "' with '" + s.substring(mk.start(), mk.end())
                            + "'); make the point kindly, without laughing at anyone");
                }
            }
            int sl = (mask & T_SLUR) != 0 && (mask & T_OTHERS) != 0 ? slur(t) : -1;
            if (sl >= 0) {
                sc.add(Rules.CONDUCT_DISPARAGING, t.start[sl], t.end[sl], "disparaging words about other providers or people ('"
                        + t.tok(sl) + "'); say what your practice offers without running others down");
            }
        }
        if (drop && sc.on(Rules.CLAIMS_MISINFORMATION)) {
            Matcher m = DROP_CARE.matcher(s);
            if (m.find() && !REFUTED.matcher(s).find()) {
                sc.add(Rules.CLAIMS_MISINFORMATION, m.start(), m.end(), "advice that contradicts established guidance or tells"
                        + " people to drop standard care ('" + s.substring(m.start(), m.end()) + "'); check it against the"
                        + " guidance of a professional body and say what it recommends");
            }
        }
        if ((mask & T_PROMO) != 0 && sc.on(Rules.DISCLOSURE_SPONSORED) && !DISCLOSED.matcher(s).find()) {
            Matcher p = PARTNER.matcher(s);
            Matcher c = CODE.matcher(s);
            boolean perk = PERK.matcher(s).find();
            if (c.find() && perk) {
                sc.add(Rules.DISCLOSURE_SPONSORED, c.start(), c.end(), "a promo code with no disclosure ('" + s.substring(c.start(), c.end())
                        + "'); say plainly whether the practice is paid or gets something for it (#ad, 'paid partnership')");
            } else if (p.find() && perk) {
                sc.add(Rules.DISCLOSURE_SPONSORED, p.start(), p.end(), "a partner or sponsor with an offer and no disclosure ('"
                        + s.substring(p.start(), p.end()) + "'); say plainly what the practice gets from it (#ad, 'paid partnership', 'affiliate link')");
            }
        }
        if ((mask & T_INCENTIVE) != 0 && sc.on(Rules.DISCLOSURE_TESTIMONIAL)) {
            Matcher m = INCENTIVE.matcher(s);
            if (m.find()) {
                sc.add(Rules.DISCLOSURE_TESTIMONIAL, m.start(), m.end(), "posts or reviews paid for with a reward that people are"
                        + " told not to mention ('" + s.substring(m.start(), m.end()) + "'); ask that the reward be disclosed, or drop it");
            }
        }
    }
}
