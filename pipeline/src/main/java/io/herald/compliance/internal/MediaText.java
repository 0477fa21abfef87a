package io.herald.compliance.internal;

import io.herald.compliance.Action;
import io.herald.compliance.ComplianceInput;
import io.herald.compliance.Finding;
import io.herald.compliance.MediaInfo;
import io.herald.compliance.Rules;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patient identifiers outside the body: in a media item's alt text (read by the same identifier and
 * name rules as the body, plus what only a picture's description says: a face shown, a patient's
 * name on a whiteboard, a schedule or a screenshot) and in the paths of media URLs and links
 * ({@code /gallery/jane-doe-after.jpg}). Each finding has no span in the body and says which media
 * item or link to change.
 */
final class MediaText {

    private MediaText() {}

    /** "face visible", "face fully visible", "her face shown": the picture shows who it is. */
    private static final Pattern FACE = Pattern.compile(
            "\\bfaces?\\s+(?:is\\s+|are\\s+)?(?:fully\\s+|clearly\\s+|partly\\s+|partially\\s+)?(?:visible|shown|showing|in view|recognizable|recognisable|identifiable)\\b"
                    + "|\\b(?:full|visible|recognizable|recognisable|identifiable)\\s+faces?\\b|\\bface\\s+(?:to|toward|towards)\\s+the\\s+camera\\b",
            Pattern.CASE_INSENSITIVE);
    /** "patient Liam Fairbanks", "client Jasmine", "resident Mr. Ortiz": a person named as one in care. */
    private static final Pattern NAMED_PATIENT = Pattern.compile(
            "\\b(?:patient|client|resident|pt)(?:'s)?\\s+(?:name\\s+)?['\u2018\u201c\"]?(?:(?:Mr|Mrs|Ms|Mx)\\.?\\s+)?\\p{Lu}[\\p{L}'\u2019-]+");
    /** A schedule's entry: "8:00 Brennan –", "9am Alvarez -", "10 Pierce med check". */
    private static final Pattern SCHEDULE = Pattern.compile(
            "\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?\\s+\\p{Lu}[\\p{Ll}'\u2019-]+(?:\\s+\\p{Lu}[\\p{Ll}'\u2019-]+)?\\s*(?:[\u2013\u2014:-]|\\s+(?:intake|new|follow|f/u|med|consult|eval|exam|recheck|visit|post-op|post|pre-op|session|appt)\\b)",
            0);
    /** A message from a person shown: "text from 'Paul Everett'", "message from Brenda Lutz", "sign-in sheet". */
    private static final Pattern MESSAGE_FROM = Pattern.compile(
            "\\b(?:text|message|email|e-mail|dm|note|letter|card|review)s?\\s+(?:thread\\s+)?(?:from|by|with|to)\\s+['\u2018\u201c\"]?\\p{Lu}[\\p{L}'\u2019-]+"
                    + "|\\b(?:sign-in|sign in|signup|sign-up)\\s+(?:sheet|list)\\b.*\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\p{Ll}+|\\b(?:name|(?<!(?i:bar |pie |line |flow |size |growth |seating |eye |body ))chart|wristband|label)\\s+(?:reading|reads|that reads|showing|shows)\\b");

    static void run(Scan sc) {
        if (!sc.on(Rules.PHI_NAME) && !sc.on(Rules.PHI_URL) && !sc.on(Rules.PHI_PHOTO)) {
            return;
        }
        List<MediaInfo> media = sc.input.media();
        for (int k = 0; k < media.size(); k++) {
            MediaInfo m = media.get(k);
            if (m == null) {
                continue;
            }
            String which = "media " + (k + 1);
            boolean consent = m.hasConsent() || sc.consentInText;
            if (m.hasAltText() && !consent) {
                altText(sc, which, m.altText());
            }
            if (m.url() != null && !consent) {
                path(sc, which + " url", m.url());
            }
        }
        String link = sc.input.link();
        if (link != null && !link.isBlank()) {
            path(sc, "the link", link);
        }
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.URL) {
                path(sc, "the link at " + t.start[i] + "-" + t.end[i], t.tok(i));
            }
        }
    }

    private static final Pattern PUBLIC_IMAGE = Pattern.compile("(?i)\\b(?:historical|historic|archival|archive|vintage"
            + "|public|press|file|stock|official|famous)\\s+(?:photo|photograph|portrait|image|picture|painting|footage)");

    /**
     * The alt text says the image is a historical, archival, press or stock picture ("Historical portrait of
     * President Calvin Coolidge"): a public image, not a patient's face. Never when it mentions a patient.
     */
    static boolean publicImage(String alt) {
        return alt != null && PUBLIC_IMAGE.matcher(alt).find() && !alt.toLowerCase(java.util.Locale.ROOT).contains("patient");
    }

    private static void altText(Scan sc, String which, String alt) {
        String where = which + " alt text";
        if (sc.on(Rules.PHI_PHOTO) && FACE.matcher(alt).find() && !publicImage(alt)) {
            sc.add(Rules.PHI_PHOTO, -1, -1, where + " says a face is shown and the media has no consent reference;"
                    + " use a photo where nobody can be recognised, or add the person's signed consent");
        }
        if (sc.on(Rules.PHI_NAME)) {
            Matcher np = NAMED_PATIENT.matcher(alt);
            if (np.find() && !staffWord(sc.cfg, np.group())) {
                sc.add(Rules.PHI_NAME, -1, -1, where + " names a patient; take the name out of the description and"
                        + " make sure the picture shows none");
                return;
            }
            Matcher sm = SCHEDULE.matcher(alt);
            int entries = 0;
            while (sm.find()) {
                entries++;
            }
            if (entries >= 2) {
                sc.add(Rules.PHI_NAME, -1, -1, where + " describes a schedule or list with patients' names;"
                        + " use a picture in which no schedule, chart or list can be read");
                return;
            }
            if (MESSAGE_FROM.matcher(alt).find()) {
                sc.add(Rules.PHI_NAME, -1, -1, where + " describes a message, card, list or label that names a person;"
                        + " blur or crop it so no name can be read, and say so in the alt text");
                return;
            }
        }
        // the body's own rules over the description, as if it were a post
        Text at = new Text(alt);
        Scan sub = new Scan(sc.cfg, ComplianceInput.of(sc.input.id(), alt), at);
        Identifiers.run(sub);
        PlacesAndDates.run(sub);
        Names.run(sub);
        Signals.run(sub);
        for (Finding f : sub.findings) {
            if (f.action() == Action.BLOCK && f.rule().startsWith("phi.")) {
                String span = f.start() >= 0 && f.end() <= alt.length() ? " ('" + alt.substring(f.start(), f.end()) + "')" : "";
                sc.add(f.rule(), -1, -1, where + span + ": " + f.message() + "; take it out of the description and the picture");
                return;
            }
        }
    }

    private static boolean staffWord(GateConfig cfg, String match) {
        String[] w = match.split("\\s+");
        String last = w[w.length - 1].replaceAll("[^\\p{L}-]", "").toLowerCase(Locale.ROOT);
        return cfg.staffTokens.contains(last) || cfg.practiceNameTokens.contains(last);
    }

    /**
     * A URL's path that spells a person's name: a common given name followed by a word that is
     * no ordinary English word ("/smiles/aubrey-lindgren-after.jpg", "?user=nora.feldkamp").
     */
    private static void path(Scan sc, String which, String url) {
        if (!sc.on(Rules.PHI_URL)) {
            return;
        }
        String u = url.toLowerCase(Locale.ROOT);
        int s = u.indexOf("://");
        int from = s >= 0 ? s + 3 : 0;
        int slash = u.indexOf('/', from);
        int q = u.indexOf('?', from);
        int p = slash < 0 ? q : q < 0 ? slash : Math.min(slash, q);
        if (p < 0) {
            return;
        }
        String[] words = u.substring(p).split("[^a-z]+");
        for (int i = 0; i + 1 < words.length; i++) {
            String a = words[i];
            String b = words[i + 1];
            if (a.length() >= 3 && b.length() >= 3 && Lexicon.firstName(a) && !Lexicon.english(a) && !Lexicon.english(b)
                    && !sc.cfg.staffTokens.contains(a) && !sc.cfg.staffTokens.contains(b)
                    && !sc.cfg.practiceNameTokens.contains(b) && !FILE_WORDS.contains(b)) {
                sc.add(Rules.PHI_URL, -1, -1, which + " spells a person's name in its path ('" + a + "-" + b
                        + "'); rename the file or link so that it names nobody");
                return;
            }
        }
    }

    private static final java.util.Set<String> FILE_WORDS = Lexicon.set("jpg", "jpeg", "png", "gif", "webp", "mp4", "mov",
            "pdf", "html", "htm", "php", "aspx", "heic", "svg", "avif", "webm");
}
