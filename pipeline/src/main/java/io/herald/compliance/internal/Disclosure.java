package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Testimonials and sponsored content that lack a disclosure. */
final class Disclosure {

    private Disclosure() {}

    private static final Pattern TESTIMONIAL = Pattern.compile("(?i)\\b(?:testimonials?|patient stor(?:y|ies)"
            + "|success stor(?:y|ies)|what (?:our|my) (?:happy |satisfied )?patients? (?:say|said|are saying|think)"
            + "|(?:one of )?our (?:happy |satisfied |amazing )?patients? (?:says|said|writes|wrote|raves|shared|told us)"
            + "|says (?:one of )?(?:our|a) (?:happy |satisfied )?patient|(?:5|five)[- ]stars? (?:review|reviews|from)"
            + "|before[- ](?:and|&)[- ]after"
            + "|changed my life|saved my life|best (?:doctor|dentist|clinic|practice|care|surgeon|experience) (?:ever|in town)"
            + "|i (?:lost|dropped) \\d+ (?:pounds|lbs|kg)|highly recommend|review from|google review|yelp review"
            + "|patient review|rave review|couldn't be happier|can't recommend .{0,20} enough)"
            + "|★★★★★|⭐⭐⭐⭐⭐|⭐️⭐️⭐️⭐️⭐️");
    /** A quotation in the first person followed by an attribution: "“I feel 20 years younger!” – Maria G." */
    private static final Pattern QUOTED_FIRST_PERSON = Pattern.compile(
            "[\"“]([^\"”]{8,280})[\"”]\\s*(?:[-–—~]\\s*|,?\\s*(?:says|said|writes|wrote|shared)\\s+)(?:[A-Z]"
            + "|(?i:(?:a|an|one|one of our|our|this|another|actual|real|verified|happy|satisfied)\\s+(?:[a-z]+\\s+){0,2}?"
            + "(?:patients?|clients?|customers?|members?|moms?|dads?|parents?)\\b))");
    /** A patient or client named as the one who said what follows: "a patient told us: “...”". */
    private static final Pattern ATTRIBUTION_BEFORE = Pattern.compile("(?i)\\b(?:patients?|clients?|customers?)"
            + "\\s+(?:told us|tells us|says|said|writes|wrote|shared|raved)\\s*[:,]?\\s*[\"“]([^\"”]{8,280})[\"”]");
    private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{8,280})[\"”]");
    /** A first-person outcome in a quotation, a testimonial even without a name: "“I was skeptical, but ...”". */
    /** Patients' word on the practice's service, which is no testimonial of results. */
    private static final Pattern FEEDBACK = Pattern.compile("(?i)\\b(?:feedback|wait(?:s|ing)?(?: times?)?|parking|survey"
            + "|suggestions?|complain(?:ed|ts?)?|asked (?:us )?for|hours|phone lines?|check-in|portal)\\b");
    private static final Pattern OUTCOME = Pattern.compile("(?i)\\b(?:skeptical|sceptical|changed my|reset my|fixed my"
            + "|cured my|saved my|healed my|transformed my|gave me my .{0,20}back|got my .{0,20}back|(?:is|was|are|were) gone"
            + "|disappeared|vanished|no more (?:pain|headaches|migraines|acne)|years younger|pain[- ]free|off (?:my|all my)"
            + " (?:meds|medications?|pills|insulin)|lost \\d+|feel(?:ing)? like a new|best decision|life[- ]changing"
            + "|never felt better|whole body|my (?:skin|pain|back|knee|energy|sleep|migraines?|headaches?) (?:is|are|has|have"
            + "|was|were) (?:finally )?(?:gone|better|cleared|fixed|transformed|amazing))");
    private static final Pattern FIRST_PERSON = Pattern.compile("(?i)\\b(?:i|i'm|i've|my|me|i was|i feel)\\b");
    private static final Pattern TESTIMONIAL_DISCLOSURE = Pattern.compile("(?i)results (?:may )?vary|individual results"
            + "|not typical|atypical results|results are not guaranteed|#ad\\b|#sponsored\\b|#paid\\b|paid (?:testimonial"
            + "|endorsement|partnership)|compensated|compensation|unpaid|disclosure|shared with (?:their|his|her|written)? ?"
            + "permission|with permission|no payment");

    private static final Pattern SPONSOR_STRONG = Pattern.compile("(?i)\\b(?:affiliate(?: links?)?|use my (?:code|link)"
            + "|my (?:promo |discount )?code|gifted|brand ambassador|ambassador for"
            + "|(?:thanks|thank you) to @?[A-Z][\\w&]* for (?:sending|gifting|the free)|swipe up|(?<!(?:registration|rsvp|booking|sign-up|signup|details|info|schedule|tickets) )link in (?:my )?bio)\\b"
            + "|#gifted\\b|#affiliate\\b|#collab\\b"
            // plain-words affiliate income still needs a clear #ad
            + "|\\b(?:we|i) (?:get|earn|make|receive) (?:a |some )?(?:small |tiny |little )?(?:commissions?|kickbacks?|cut|percentage)\\b"
            + "|(?<!\\bno )(?<!\\bzero )\\bcommissions? (?:on|from|when|if)\\b|\\bearn from qualifying purchases\\b"
            + "|\\b(?:buy|shop|purchase|order)(?:s|ing)? (?:through|via|using|with) (?:our|my) (?:affiliate )?links?\\b");
    private static final Pattern SPONSOR_PARTNER = Pattern.compile("(?i)\\b(?:partnered with|in partnership with"
            + "|collab(?:oration)? with|sent (?:me|us) (?:this|these|some|a)|our friends at|proud partner of|teamed up with|brought to you by|sponsored by"
            + "|thanks to our sponsor)\\b");
    private static final Pattern COMMERCIAL = Pattern.compile("(?i)\\b(?:buy|shop|order|discount|\\d+% off|code|deal"
            + "|sale|product|products|brand|try|store|price|purchase|favorite|favourite|new line|available at"
            + "|link|save \\d+|coupon|subscribe|check out their|grab|pick one up|get yours|serum|supplement|gummies)\\b");
    private static final Pattern SPONSOR_DISCLOSURE = Pattern.compile("(?i)#ad\\b|#ads\\b|#sponsored\\b|#paid\\b"
            + "|#partner\\b|#paidpartnership\\b|#spon\\b|paid partnership|\\bsponsored\\b(?! by)|\\badvertisement\\b"
            + "|\\bad:|\\[ad]|\\(ad\\)|\\bdisclosure\\b|#commissionsearned\\b|#affiliatelink\\b|compensated"
            + "|\\bpaid\\b|this is an ad|\\bsponsored post\\b");

    private static final Set<String> TESTIMONIAL_TRIGGERS = Lexicon.set("testimonial", "testimonials", "patient",
            "success", "what", "one", "our", "says", "5", "five", "5-star", "5-stars", "five-star", "before",
            "before-and-after", "changed", "saved", "best", "i", "highly", "review", "google", "yelp", "rave",
            "couldn't", "can't");
    private static final Set<String> SPONSOR_TRIGGERS = Lexicon.set("affiliate", "use", "my", "gifted", "brand",
            "we", "i", "commission", "commissions", "earn", "buy", "buys", "buying", "shop", "shops", "shopping",
            "purchase", "purchases", "purchasing", "order", "orders", "ordering",
            "ambassador", "sent", "thanks", "thank", "swipe", "link", "#gifted", "#affiliate", "#collab");
    private static final Set<String> PARTNER_TRIGGERS = Lexicon.set("partnered", "in", "collab", "collaboration", "our", "sent",
            "proud", "teamed", "brought", "sponsored", "thanks");
    /** Words one of which every testimonial cue contains; without them the regex is not tried. */
    private static final Set<String> TESTIMONIAL_WORDS = Lexicon.set("testimonial", "testimonials", "story", "stories",
            "say", "says", "said", "saying", "think", "writes", "wrote", "raves", "shared", "told", "stars", "star",
            "5-star", "5-stars", "five-star", "after", "before-and-after", "changed", "saved", "ever", "town", "lost",
            "dropped", "recommend", "review", "reviews", "rave", "happier", "enough");
    private static final Set<String> SPONSOR_WORDS = Lexicon.set("affiliate", "code", "gifted", "ambassador", "sent",
            "commission", "commissions", "kickback", "kickbacks", "cut", "percentage", "purchases", "link", "links",
            "sending", "gifting", "free", "swipe", "bio", "#gifted", "#affiliate", "#collab");
    private static final Set<String> PARTNER_WORDS = Lexicon.set("partnered", "partnership", "collab", "collaboration", "sent",
            "friends", "partner", "teamed", "brought", "sponsored", "sponsor");
    private static final Set<String> TESTIMONIAL_TAGS = Lexicon.set("ad", "sponsored", "paid", "testimonial");
    private static final Set<String> SPONSOR_TAGS = Lexicon.set("ad", "ads", "sponsored", "paid", "partner",
            "paidpartnership", "spon");

    static void run(Scan sc) {
        Text t = sc.t;
        testimonial(sc, t);
        sponsored(sc, t);
    }

    private static boolean taggedWith(Scan sc, Set<String> tags) {
        for (String h : sc.input.hashtags()) {
            String x = h.toLowerCase(Locale.ROOT);
            if (tags.contains(x.startsWith("#") ? x.substring(1) : x)) {
                return true;
            }
        }
        return false;
    }

    private static int[] firstAt(Text t, Pattern p, Set<String> triggers) {
        int[] hit = {-1, -1};
        t.eachAt(p, triggers, (byte) 0, m -> {
            if (hit[0] < 0) {
                hit[0] = m.start();
                hit[1] = m.end();
            }
        });
        return hit;
    }

    private static final Pattern THANKS_FOR_REVIEW = Pattern.compile("(?i)\\bthanks?(?: you)?\\b[^.!?]{0,50}?"
            + "\\b(?:for|the)\\b[^.!?]{0,30}?\\b(?:reviews?|stars|rating|kind words)\\b");

    private static void testimonial(Scan sc, Text t) {
        if (!sc.on(Rules.DISCLOSURE_TESTIMONIAL)) {
            return;
        }
        int[] hit = t.hasAny(TESTIMONIAL_WORDS) ? firstAt(t, TESTIMONIAL, TESTIMONIAL_TRIGGERS) : new int[] {-1, -1};
        if (hit[0] >= 0 && FEEDBACK.matcher(t.s).find() && !OUTCOME.matcher(t.s).find()) {
            hit = new int[] {-1, -1}; // "our patients told us waits were too long": feedback on a service, not an outcome
        }
        int st = hit[0];
        int en = hit[1];
        if (st < 0 && (t.s.indexOf('\u2605') >= 0 || t.s.indexOf('\u2B50') >= 0)) {
            Matcher stars = TESTIMONIAL.matcher(t.s);
            if (stars.find()) {
                st = stars.start();
                en = stars.end();
            }
        }
        if (st < 0 && (t.s.indexOf('"') >= 0 || t.s.indexOf('\u201C') >= 0)) {
            Matcher q = QUOTED_FIRST_PERSON.matcher(t.s);
            while (q.find()) {
                if (FIRST_PERSON.matcher(q.group(1)).find()) {
                    st = q.start();
                    en = q.end(1) + 1;
                    break;
                }
            }
        }
        if (st < 0 && (t.s.indexOf('"') >= 0 || t.s.indexOf('\u201C') >= 0)) {
            Matcher q = ATTRIBUTION_BEFORE.matcher(t.s);
            if (q.find() && FIRST_PERSON.matcher(q.group(1)).find()) {
                st = q.start();
                en = q.end();
            } else {
                q = QUOTED.matcher(t.s);
                while (q.find()) {
                    String said = q.group(1);
                    if (said.indexOf('?') < 0 && FIRST_PERSON.matcher(said).find() && OUTCOME.matcher(said).find()) {
                        st = q.start();
                        en = q.end();
                        break;
                    }
                }
            }
        }
        if (st < 0) {
            return;
        }
        if (t.s.indexOf('"') < 0 && t.s.indexOf('\u201C') < 0 && THANKS_FOR_REVIEW.matcher(t.s).find()
                && !OUTCOME.matcher(t.s).find()) {
            return; // "Thank you for the 5-star review!": thanks that quote and promise nothing
        }
        if (TESTIMONIAL_DISCLOSURE.matcher(t.s).find() || taggedWith(sc, TESTIMONIAL_TAGS)) {
            return;
        }
        sc.add(Rules.DISCLOSURE_TESTIMONIAL, st, Math.min(en, t.n), "testimonial without a disclosure (e.g. 'individual results vary')");
    }

    private static void sponsored(Scan sc, Text t) {
        if (!sc.on(Rules.DISCLOSURE_SPONSORED)) {
            return;
        }
        int[] hit = t.hasAny(SPONSOR_WORDS) ? firstAt(t, SPONSOR_STRONG, SPONSOR_TRIGGERS) : new int[] {-1, -1};
        if (hit[0] < 0 && t.hasAny(PARTNER_WORDS)) {
            int[] p = firstAt(t, SPONSOR_PARTNER, PARTNER_TRIGGERS);
            if (p[0] >= 0 && COMMERCIAL.matcher(t.s).find()) {
                hit = p;
            }
        }
        int st = hit[0];
        int en = hit[1];
        if (st < 0) {
            return;
        }
        if (SPONSOR_DISCLOSURE.matcher(t.s).find() || taggedWith(sc, SPONSOR_TAGS)) {
            return;
        }
        sc.add(Rules.DISCLOSURE_SPONSORED, st, en, "sponsored or affiliate content without a disclosure (#ad, #sponsored, 'paid partnership')");
    }
}
