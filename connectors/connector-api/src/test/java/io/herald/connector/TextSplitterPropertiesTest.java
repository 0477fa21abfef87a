package io.herald.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TextSplitterPropertiesTest {

    private static final ToIntFunction<String> CODE_POINTS = s -> s.codePointCount(0, s.length());

    @Property
    void everyPartFitsTheLimit(@ForAll("texts") String text, @ForAll @IntRange(min = 30, max = 200) int limit) {
        List<String> parts = TextSplitter.of(CODE_POINTS, limit).withCounters().split(text);

        assertThat(parts).allSatisfy(p -> assertThat(CODE_POINTS.applyAsInt(p)).isLessThanOrEqualTo(limit));
    }

    @Property
    void noWordIsLostOrReordered(@ForAll("texts") String text, @ForAll @IntRange(min = 20, max = 200) int limit) {
        List<String> parts = TextSplitter.of(CODE_POINTS, limit).split(text);

        assertThat(words(String.join(" ", parts))).isEqualTo(words(text));
    }

    @Property
    void countersNumberThePartsInOrder(@ForAll("texts") String text) {
        List<String> parts = TextSplitter.of(CODE_POINTS, 40).withCounters().split(text);

        if (parts.size() > 1) {
            for (int i = 0; i < parts.size(); i++) {
                assertThat(parts.get(i)).endsWith(" (" + (i + 1) + "/" + parts.size() + ")");
            }
        }
    }

    @Property
    void splittingIsDeterministic(@ForAll("texts") String text) {
        TextSplitter splitter = TextSplitter.of(CODE_POINTS, 50).withCounters();

        assertThat(splitter.split(text)).isEqualTo(splitter.split(text));
    }

    @Property
    void noPartIsBlankOrPadded(@ForAll("texts") String text) {
        List<String> parts = TextSplitter.of(CODE_POINTS, 25).split(text);

        if (!text.isBlank()) {
            assertThat(parts).allSatisfy(p -> assertThat(p).isNotBlank().isEqualTo(p.strip()));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("😀", "é", "Straße", "诊所", "clinic.", "today!", "why?"));
        Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "\n", "\n\n", "  ");
        return Arbitraries.integers().between(0, 120).flatMap(n -> word.list().ofSize(n).flatMap(
                words -> separator.list().ofSize(n).map(seps -> interleave(words, seps))));
    }

    private static String interleave(List<String> words, List<String> separators) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            sb.append(words.get(i)).append(separators.get(i));
        }
        return sb.toString();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toList());
    }
}
