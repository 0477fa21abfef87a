package io.herald.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    private static final ToIntFunction<String> CODE_POINTS = s -> s.codePointCount(0, s.length());

    @Test
    void shouldReturnShortTextWholeWithoutCounter() {
        TextSplitter splitter = TextSplitter.of(String::length, 50).withCounters();

        assertThat(splitter.split("  Flu shots are available.\n")).containsExactly("Flu shots are available.");
    }

    @Test
    void shouldReturnTextOfExactlyTheLimitAsOnePart() {
        String text = "a".repeat(10);

        assertThat(TextSplitter.of(String::length, 10).split(text)).containsExactly(text);
    }

    @Test
    void shouldSplitAtWordBoundariesWithinTheLimit() {
        String text = "one two three four five six seven eight nine ten";

        List<String> parts = TextSplitter.of(String::length, 15).split(text);

        assertThat(parts).containsExactly("one two three", "four five six", "seven eight", "nine ten");
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(15));
    }

    @Test
    void shouldPreferSentenceEndWhenPartStaysHalfFull() {
        String text = "Walk-ins are welcome today. Bring your insurance card and arrive early please.";

        List<String> parts = TextSplitter.of(String::length, 40).split(text);

        assertThat(parts.get(0)).isEqualTo("Walk-ins are welcome today.");
    }

    @Test
    void shouldIgnoreSentenceEndThatLeavesPartLessThanHalfFull() {
        String text = "Hi. Walk-ins are welcome at the clinic all day long on weekdays.";

        List<String> parts = TextSplitter.of(String::length, 40).split(text);

        assertThat(parts.get(0)).isNotEqualTo("Hi.").startsWith("Hi. Walk-ins");
    }

    @Test
    void shouldPreferParagraphBreak() {
        String text = "First paragraph is here\n\nSecond paragraph follows with more words";

        List<String> parts = TextSplitter.of(String::length, 40).split(text);

        assertThat(parts).containsExactly("First paragraph is here", "Second paragraph follows with more words");
    }

    @Test
    void shouldKeepLineBreaksInsideAPart() {
        String text = "Line one\nLine two " + "word ".repeat(20);

        List<String> parts = TextSplitter.of(String::length, 60).split(text);

        assertThat(parts.get(0)).startsWith("Line one\nLine two");
    }

    @Test
    void shouldAppendCountersCountedAgainstTheLimit() {
        String text = IntStream.range(0, 30).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        List<String> parts = TextSplitter.of(String::length, 40).withCounters().split(text);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(40));
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i)).endsWith(" (" + (i + 1) + "/" + parts.size() + ")");
        }
    }

    @Test
    void shouldWidenCounterWhenThreadReachesTenParts() {
        String text = IntStream.range(0, 200).mapToObj(i -> "w" + (i % 10)).collect(Collectors.joining(" "));

        List<String> parts = TextSplitter.of(String::length, 20).withCounters().split(text);

        assertThat(parts.size()).isGreaterThanOrEqualTo(10);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(20));
        assertThat(parts.get(parts.size() - 1)).endsWith("/" + parts.size() + ")");
    }

    @Test
    void shouldUseCustomCounterFormat() {
        List<String> parts = TextSplitter.of(String::length, 13).withCounters("\n%d/%d").split("aaaa bbbb cccc dddd");

        assertThat(parts).containsExactly("aaaa bbbb\n1/2", "cccc dddd\n2/2");
    }

    @Test
    void shouldMeasureWithTheGivenLengthFunction() {
        // a network that counts every URL as 5, whatever its length
        ToIntFunction<String> urlsCountFive = s -> s.replaceAll("https?://\\S+", "xxxxx").length();
        String url = "https://riverside.example/a/very/long/path/that/is/longer/than/the/limit";

        List<String> parts = TextSplitter.of(urlsCountFive, 20).split("See " + url + " for details today");

        assertThat(parts.get(0)).isEqualTo("See " + url + " for");
    }

    @Test
    void shouldCountCodePointsNotCharsWhenAsked() {
        String text = "😀".repeat(8) + " " + "😀".repeat(8);

        List<String> parts = TextSplitter.of(CODE_POINTS, 10).split(text);

        assertThat(parts).containsExactly("😀".repeat(8), "😀".repeat(8));
    }

    @Test
    void shouldFailOnWordLongerThanLimit() {
        TextSplitter splitter = TextSplitter.of(String::length, 10);

        assertThatThrownBy(() -> splitter.split("short " + "x".repeat(11)))
                .isInstanceOf(AdaptException.class)
                .hasMessageContaining("word of 11 characters does not fit the limit of 10");
    }

    @Test
    void shouldBreakLongWordWhenAsked() {
        List<String> parts = TextSplitter.of(CODE_POINTS, 5).breakingLongWords().split("😀😀😀😀😀😀 ab");

        assertThat(parts).containsExactly("😀😀😀😀😀", "😀 ab");
    }

    @Test
    void shouldBreakALongWordOnlyWhereTheBoundariesAllow() {
        // two-code-point units stand for grapheme clusters: a cut may fall only between them
        java.util.function.Function<String, java.util.function.IntUnaryOperator> pairs = text -> i -> Math.min(text.length(), i + 2);

        List<String> parts = TextSplitter.of(String::length, 5).breakingLongWordsAt(pairs).split("aAbBcCdD");

        assertThat(parts).containsExactly("aAbB", "cCdD");
    }

    @Test
    void shouldFailWhenCounterLeavesNoRoom() {
        TextSplitter splitter = TextSplitter.of(String::length, 5).withCounters();

        assertThatThrownBy(() -> splitter.split("aa bb cc dd"))
                .isInstanceOf(AdaptException.class)
                .hasMessageContaining("no room for the thread counter");
    }

    @Test
    void shouldRejectNonPositiveLimit() {
        assertThatThrownBy(() -> TextSplitter.of(String::length, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be greater than 0, but was 0");
    }

    @Test
    void shouldRejectCounterFormatWithoutBothNumbers() {
        TextSplitter splitter = TextSplitter.of(String::length, 100);

        assertThatThrownBy(() -> splitter.withCounters(" (%2$d)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must show both the part and the total");
        assertThatThrownBy(() -> splitter.withCounters(" (%s/%d/%d)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must take two integers");
    }

    @Test
    void shouldStayImmutable() {
        TextSplitter plain = TextSplitter.of(String::length, 12);
        plain.withCounters();

        assertThat(plain.split("aaaa bbbb cccc dddd")).containsExactly("aaaa bbbb", "cccc dddd");
        assertThat(plain.limit()).isEqualTo(12);
        assertThat(plain.lengthOf("abc")).isEqualTo(3);
    }
}
