package io.herald.compliance.internal;

import io.herald.compliance.MediaInfo;
import io.herald.compliance.Rules;
import java.util.List;
import java.util.Locale;

/** Patient-friendly checks: reading grade, alt text, https links; and media or link identifiers. */
final class Friendly {

    private Friendly() {}

    static void run(Scan sc) {
        readability(sc);
        media(sc);
        links(sc);
    }

    // --------------------------------------------------------------------------- readability

    private static void readability(Scan sc) {
        if (!sc.on(Rules.READABILITY_GRADE)) {
            return;
        }
        Text t = sc.t;
        int words = 0;
        int syllables = 0;
        int sentences = 0;
        for (int sn = 0; sn < t.sentences; sn++) {
            int w0 = words;
            for (int i = t.sentFirst[sn]; i < t.sentLast[sn]; i++) {
                if (t.kind[i] == Text.WORD) {
                    words++;
                    syllables += syllables(t.lower[i]);
                } else if (t.kind[i] == Text.NUMBER) {
                    words++;
                    syllables += 1;
                }
            }
            if (words > w0) {
                sentences++;
            }
        }
        if (words == 0 || words < sc.cfg.gradeMinWords) {
            return;
        }
        double grade = grade(words, sentences, syllables);
        if (grade > sc.cfg.maxGrade) {
            sc.add(Rules.READABILITY_GRADE, 0, t.n, String.format(Locale.ROOT,
                    "Flesch-Kincaid grade %.1f is above %s (%d words, %d sentence%s; URLs and hashtags not counted)",
                    grade, trim(sc.cfg.maxGrade), words, sentences, sentences == 1 ? "" : "s"));
        }
    }

    /** Flesch-Kincaid grade level. */
    static double grade(int words, int sentences, int syllables) {
        return 0.39 * words / Math.max(1, sentences) + 11.8 * syllables / words - 15.59;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Syllables of a lower-case English word, by vowel groups with the usual corrections. */
    static int syllables(String w) {
        int n = w.length();
        int end = n;
        while (end > 0 && !Character.isLetter(w.charAt(end - 1))) {
            end--;
        }
        if (end <= 3) {
            return 1;
        }
        int count = 0;
        boolean prevVowel = false;
        for (int i = 0; i < end; i++) {
            char c = w.charAt(i);
            if (c == '-') {
                prevVowel = false;
                continue;
            }
            boolean v = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' && i > 0;
            if (v && !prevVowel) {
                count++;
            }
            prevVowel = v;
        }
        char last = w.charAt(end - 1);
        char before = w.charAt(end - 2);
        if (last == 'e' && !(before == 'l' && end > 2 && !isVowel(w.charAt(end - 3))) && count > 1) {
            count--; // silent e ("make"), but "table"
        } else if (last == 's' && before == 'e' && end > 3 && count > 1) {
            char b2 = w.charAt(end - 3);
            if (b2 != 's' && b2 != 'x' && b2 != 'z' && b2 != 'c' && b2 != 'g' && !(b2 == 'h' && end > 4)) {
                count--; // "makes", but "boxes", "pages"
            }
        } else if (last == 'd' && before == 'e' && end > 3 && count > 1) {
            char b2 = w.charAt(end - 3);
            if (b2 != 't' && b2 != 'd') {
                count--; // "walked", but "wanted"
            }
        }
        return Math.max(1, count);
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    }

    // --------------------------------------------------------------------------------- media

    private static void media(Scan sc) {
        List<MediaInfo> media = sc.input.media();
        for (int k = 0; k < media.size(); k++) {
            MediaInfo m = media.get(k);
            if (m == null) {
                continue;
            }
            String which = "media " + (k + 1);
            if (m.showsFace() && !m.hasConsent() && !sc.consentInText && !MediaText.publicImage(m.altText())) {
                sc.add(Rules.PHI_PHOTO, -1, -1, which + " is marked as showing a face and has no consent reference");
            }
            if (m.isImage() && !m.hasAltText()) {
                sc.add(Rules.ACCESSIBILITY_ALT_TEXT, -1, -1, which + " is an image without alt text");
            }
            if (m.url() != null && m.url().trim().toLowerCase(Locale.ROOT).startsWith("http://")) {
                sc.add(Rules.SECURITY_HTTPS, -1, -1, which + " url is not https");
            }
            if (m.url() != null) {
                String why = Identifiers.personalUrl(sc.cfg, m.url());
                if (why != null) {
                    sc.add(why.contains("IP") ? Rules.PHI_IP : Rules.PHI_URL, -1, -1, which + " url: " + why);
                }
            }
        }
    }

    // --------------------------------------------------------------------------------- links

    private static void links(Scan sc) {
        Text t = sc.t;
        for (int i = 0; i < t.count; i++) {
            if (t.kind[i] == Text.URL && t.lower[i].startsWith("http://")) {
                sc.add(Rules.SECURITY_HTTPS, t.start[i], t.end[i], "link in the body is not https");
            }
        }
        String link = sc.input.link();
        if (link != null && !link.isBlank()) {
            String l = link.trim();
            if (l.toLowerCase(Locale.ROOT).startsWith("http://")) {
                sc.add(Rules.SECURITY_HTTPS, -1, -1, "link is not https");
            }
            String why = Identifiers.personalUrl(sc.cfg, l);
            if (why != null) {
                sc.add(why.contains("IP") ? Rules.PHI_IP : Rules.PHI_URL, -1, -1, "link: " + why);
            }
        }
    }
}
