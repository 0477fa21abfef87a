package io.herald.compliance.internal;

import io.herald.compliance.Rules;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts that talk to one person: a reply to a review that names the reviewer and confirms their
 * care ("Thanks, Maggie! So glad your root canal ..."), and a person's social media handle in a
 * post about their appointment or treatment. Neither needs a list of names: the shape of the
 * sentence says a person is addressed, and the rest of the post says they are a patient.
 */
final class Replies {

    private Replies() {}

    /** Someone addressed by name: "Thanks, Darla!", "Thank you so much, Dr. Pham!", "Sorry you feel that way, Jason.", "Megan, thank you". */
    private static final Pattern VOCATIVE = Pattern.compile(
            "(?:^|[.!?]\\s+|\\n)\\W*(?:(?:[Tt]hanks|[Tt]hank you|[Tt]hank u|THANK YOU)(?: so much| again| for [^,.!?\\n]{0,40})?,?\\s+"
                    + "|(?:[Ww]e're |[Ww]e are |[Ss]o |I'm |[Ss]orry )?(?:sorry|glad|thrilled|happy)[^.!?,\\n]{0,30},\\s*"
                    + "|[Ww]elcome back,?\\s+|[Hh]i,?\\s+|[Hh]ey,?\\s+|[Dd]ear\\s+)"
                    + "((?:(?:Dr|Mr|Mrs|Ms|Mx|Attorney|Coach|Pastor|Officer|Judge|Rev)\\.?\\s+)?\\p{Lu}[\\p{L}'\u2019.-]*)"
                    + "|^\\W*(\\p{Lu}[\\p{Ll}'\u2019-]+),\\s+(?:thank|thanks|we|so|sorry|congrat)");
    /** The reply confirms the person's care: "your rotator cuff", "you missed three appointments", "trusted us with". */
    private static final Pattern CONFIRMS = Pattern.compile(String.join("|",
            "\\byour (?:[\\p{L}-]+ ){0,2}(?:rotator|cuff|knee|shoulder|back|hip|ankle|wrist|tooth|teeth|root canal|filling|crown|splint|tmj|psoriasis"
                    + "|eczema|acne|rash|skin|mole|sessions?|therapy|counseling|treatment|surgery|procedure|visits?|appointments?|rehab|recovery"
                    + "|program|plan|cleaning|exam|scan|results|diagnosis|condition|pain|injury|stay|care|medications?|prescription|biologic"
                    + "|implants?|braces|aligners|dentures|delivery|birth|baby|pregnancy|labor|c-section|check|checkup|check-up|follow-up"
                    + "|infusion|chemo|radiation|bypass|stent|pacemaker|device|glasses|lenses|cataract|lasik|eyes?|vision|allerg(?:y|ies)"
                    + "|shots?|asthma|son|daughter|child|kids?|little one|mom|dad|husband|wife|migraines?|anxiety|depression|panic)\\b",
            "\\byou (?:missed|came in|were (?:in|seen|here)|visited|had your)\\b", "\\b(?:treat|treating|treated|see|seeing) (?:you|a fellow|your)\\b",
            "\\btrust(?:ed)? us with\\b", "\\b(?:his|her|their) own [\\p{L}-]+ (?:rehab|surgery|treatment|care|recovery)\\b",
            "\\bglad (?:you're|you are) (?:back|feeling|doing|home|healing)\\b", "\\bfeel better\\b", "\\bour records show\\b",
            "\\bwhen you (?:were|came) (?:here|in)\\b"), Pattern.CASE_INSENSITIVE);

    private static final Pattern APPOINTMENT = Pattern.compile(
            "\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)\\b|\\b\\d{1,2}:\\d{2}\\b|\\b(?:appointments?|appt|cleanings?|sessions?|visits?|filling|telehealth"
                    + "|rescheduled|moved to|procedure|surgery|sedation|chipped|broke|tore|sprained|diagnosed|recovery|rehab|therapy|treatment"
                    + "|x-rays?|stitches|cast|injection|infusion|scan|results)\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_ADDRESSING = Lexicon.set("thanks", "thank", "to", "with", "at", "by", "from", "via",
            "follow", "congrats", "congratulations", "partner", "partnering", "and", "&", "sponsor", "sponsored", "on", "visit",
            "check", "out", "like", "host", "hosted", "hosting", "welcome");

    private static final Set<String> LEADS = Lexicon.set("thanks", "thank", "sorry", "glad", "thrilled", "happy", "welcome",
            "hi", "hey", "dear");

    static void run(Scan sc) {
        Text t = sc.t;
        String s = t.s;
        boolean addressing = t.count > 1 && t.punct(1) == ',';
        for (int i = 0; i < t.count && !addressing; i++) {
            addressing = t.kind[i] == Text.WORD && LEADS.contains(t.lower[i]);
        }
        if (addressing && sc.on(Rules.PHI_NAME) && s.length() > 10) {
            Matcher v = VOCATIVE.matcher(s);
            while (v.find()) {
                int g = v.group(1) != null ? 1 : 2;
                String name = v.group(g);
                String[] words = name.split("\\s+");
                String last = words[words.length - 1].toLowerCase(Locale.ROOT).replaceAll("[.'\u2019]+$", "");
                boolean titled = words.length > 1;
                if (last.length() < 2 || sc.cfg.staffTokens.contains(last) || sc.cfg.practiceNameTokens.contains(last)
                        || sc.cfg.notNames.contains(last) || Lexicon.NEVER_NAMES.contains(last)) {
                    continue;
                }
                boolean initials = last.matches("(?:\\p{L}\\.)+\\p{L}?");
                boolean nameLike = initials || Lexicon.firstName(last) && (!Lexicon.english(last) || titled)
                        || titled && !Lexicon.english(last) || Lexicon.namePart(last) && !Lexicon.english(last);
                if (!nameLike || !CONFIRMS.matcher(s).find()) {
                    continue;
                }
                sc.add(Rules.PHI_NAME, v.start(g), v.end(g), "a reply that names the person it answers and confirms they were"
                        + " treated here or what for; thank them without their name and without saying what they came in for");
                break;
            }
        }
        if (sc.on(Rules.PHI_URL)) {
            for (int i = 0; i < t.count; i++) {
                if (t.kind[i] != Text.HANDLE) {
                    continue;
                }
                String h = t.lower[i].startsWith("@") ? t.lower[i].substring(1) : t.lower[i];
                if (h.length() < 3 || sc.cfg.practiceHandles.contains(h) || practicePrefix(sc.cfg, h) || i > 0 && t.kind[i - 1] == Text.WORD
                        && NOT_ADDRESSING.contains(t.lower[i - 1]) || i > 0 && t.kind[i - 1] == Text.HANDLE) {
                    continue;
                }
                if (APPOINTMENT.matcher(s).find()) {
                    sc.add(Rules.PHI_URL, t.start[i], t.end[i], "a person's social media handle in a post about their care or"
                            + " appointment; take the handle out and reach them privately");
                    break;
                }
            }
        }
    }

    private static boolean practicePrefix(GateConfig cfg, String h) {
        for (String ph : cfg.practiceHandles) {
            if (h.startsWith(ph)) {
                return true;
            }
        }
        return false;
    }
}
