package io.herald.connector.mastodon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A status's {@code content} (HTML as Mastodon renders it) back to plain text, so that a read-back
 * can compare it with what Herald sent: paragraphs become blank lines, {@code <br>} line breaks,
 * links their full text (Mastodon splits a URL into visible and invisible spans), entities decoded.
 */
final class MastodonHtml {

    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);");

    private MastodonHtml() {
    }

    static String toText(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</p>\\s*<p[^>]*>", "\n\n")
                .replaceAll("<[^>]*>", "");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String replacement = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> "\u00a0";
                default -> new String(Character.toChars(e.startsWith("#x")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    /** Text compared loosely: white space folded, so that a server's re-rendering does not hide a match. */
    static String normalise(String text) {
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }
}
