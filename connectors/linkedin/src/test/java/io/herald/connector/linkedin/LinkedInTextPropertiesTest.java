package io.herald.connector.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sandbox.linkedin.LittleText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** LinkedIn's little text: escaping is pure, reversible, complete, and shows what was meant. */
class LinkedInTextPropertiesTest {

    @Property(tries = 500)
    void unescapingAnEscapedTextGivesItBack(@ForAll("littleTexts") String text) {
        assertThat(LinkedInText.unescape(LinkedInText.escape(text))).isEqualTo(text);
    }

    @Property(tries = 500)
    void unescapingACommentaryGivesTheTextBack(@ForAll("littleTexts") String text) {
        assertThat(LinkedInText.unescape(LinkedInText.commentary(text))).isEqualTo(text);
    }

    @Property(tries = 500)
    void everyReservedCharacterIsEscaped(@ForAll("littleTexts") String text) {
        String escaped = LinkedInText.escape(text);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\') {
                i++; // an escape and the character it escapes
                continue;
            }
            assertThat(LinkedInText.isReserved(c)).as("unescaped '%s' at %d of %s", c, i, escaped).isFalse();
        }
    }

    @Property(tries = 500)
    void aCommentaryLeavesOnlyHashtagsUnescaped(@ForAll("littleTexts") String text) {
        String commentary = LinkedInText.commentary(text);
        for (int i = 0; i < commentary.length(); i++) {
            char c = commentary.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (LinkedInText.isReserved(c)) {
                assertThat(c).as("only a hashtag's # stays unescaped in %s", commentary).isEqualTo('#');
                assertThat(Character.isLetterOrDigit(commentary.codePointAt(i + 1))).isTrue();
            }
        }
    }

    /** The stand-in, written apart from the connector, shows exactly the text Herald meant: nothing cut. */
    @Property(tries = 500)
    void linkedInShowsTheWholeTextOfACommentary(@ForAll("littleTexts") String text) {
        assertThat(LittleText.shown(LinkedInText.commentary(text))).isEqualTo(text);
        assertThat(LittleText.shown(LinkedInText.escape(text))).isEqualTo(text);
    }

    @Property(tries = 300)
    void aCommentaryIsNeverShorterThanItsText(@ForAll("littleTexts") String text) {
        assertThat(LinkedInText.length(LinkedInText.commentary(text))).isGreaterThanOrEqualTo(text.length());
    }

    @Example
    void shouldEscapeTheCharactersThatWouldCutThePost() {
        assertThat(LinkedInText.commentary("Flu shots (free) for ages 6+ at clinic_2 #FluSeason <today> ~ *now*"))
                .isEqualTo("Flu shots \\(free\\) for ages 6+ at clinic\\_2 #FluSeason \\<today\\> \\~ \\*now\\*");
    }

    @Example
    void anUnescapedParenthesisCutsThePostOnLinkedIn() {
        assertThat(LittleText.shown("Flu shots (free) today")).isEqualTo("Flu shots ");
    }

    @Example
    void shouldEscapeAHashThatStartsNoHashtag() {
        assertThat(LinkedInText.commentary("C# and room #12 and # alone and https://x.example/#faq"))
                .isEqualTo("C\\# and room #12 and \\# alone and https://x.example/\\#faq");
    }

    @Provide
    Arbitrary<String> littleTexts() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("abcXYZ019 .,!?\n").ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> reserved = Arbitraries.of("\\", "|", "{", "}", "@", "[", "]", "(", ")", "<", ">", "#", "*", "_", "~");
        Arbitrary<String> words = Arbitraries.of("#Flu", "#2026", "@[Ann](urn:li:person:1)", "{hashtag|\\#|x}", "é", "😀",
                "👩‍⚕️", "https://riverside.example/a_b?c=(1)#top", "\\\\");
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(6);
        return Arbitraries.oneOf(plain, reserved, words, any).list().ofMaxSize(12).map(parts -> String.join("", parts));
    }
}
