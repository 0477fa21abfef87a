package io.herald.connector.testkit;

import io.herald.connector.Media;
import io.herald.connector.PostContent;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Contents the contract adapts and publishes: ordinary posts and the cases networks count oddly. */
public final class SampleContent {

    private SampleContent() {
    }

    /** A typical short post with a link, a hashtag and an image. */
    public static PostContent shortPost() {
        return new PostContent("Flu shots are now available at our Main Street clinic. Walk-ins welcome.",
                "https://riverside.example/flu", List.of("FluSeason"),
                List.of(new Media("https://riverside.example/flu.jpg", "A nurse giving a flu shot", "image/jpeg")));
    }

    /** Plain text of about {@code characters} characters, in numbered sentences, with no link or hashtag. */
    public static String longText(int characters) {
        int sentences = Math.max(1, characters / 60 + 1);
        return IntStream.rangeClosed(1, sentences)
                .mapToObj(i -> "Sentence " + i + " tells patients about the clinic hours this week.")
                .collect(Collectors.joining(" "));
    }

    /** A post of about {@code characters} characters, with a link and hashtags. */
    public static PostContent longPost(int characters) {
        return new PostContent(longText(characters), "https://riverside.example/flu", List.of("FluSeason", "Health"),
                List.of());
    }

    /** Emoji, accents, scripts of other languages and line breaks. */
    public static PostContent unicodePost() {
        return new PostContent("Clínica abierta 😀💉 — 诊所今天开放。\nQuestions? Ask us 👩‍⚕️ any time.", null,
                List.of("Salud"), List.of());
    }

    /** Several long URLs, which most networks count at a fixed weight. */
    public static PostContent urlHeavyPost() {
        String url = "https://riverside.example/campaigns/2026/flu/vaccination-schedule?utm_source=herald&utm_medium=social";
        return new PostContent("Schedule: " + url + " and the map at " + url + "&map=1 (see " + url + "#faq).", url,
                List.of(), List.of());
    }

    /** Every sample above, with a long post of {@code longCharacters}. */
    public static List<PostContent> all(int longCharacters) {
        return List.of(shortPost(), longPost(longCharacters), unicodePost(), urlHeavyPost(),
                PostContent.text("Short."));
    }
}
