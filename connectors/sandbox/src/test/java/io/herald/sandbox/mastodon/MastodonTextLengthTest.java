package io.herald.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MastodonTextLengthTest {

    @Test
    void shouldCountPlainTextInCodePoints() {
        assertThat(MastodonTextLength.of("Flu shots")).isEqualTo(9);
        assertThat(MastodonTextLength.of("😀 é 诊所")).isEqualTo(6);
    }

    @Test
    void shouldCountEveryUrlAs23() {
        String url = "https://riverside.example/flu/a/very/long/path?with=query&and=more#fragment";

        assertThat(MastodonTextLength.of(url)).isEqualTo(23);
        assertThat(MastodonTextLength.of("See " + url + " now")).isEqualTo(4 + 23 + 4);
        assertThat(MastodonTextLength.of("http://a.b")).isEqualTo(23);
    }

    @Test
    void shouldLeaveSentencePunctuationOutOfTheUrl() {
        assertThat(MastodonTextLength.of("Go to https://riverside.example/flu.")).isEqualTo(6 + 23 + 1);
        assertThat(MastodonTextLength.of("(https://riverside.example/flu)")).isEqualTo(1 + 23 + 1);
        assertThat(MastodonTextLength.of("https://en.wikipedia.org/wiki/Flu_(disease)")).isEqualTo(23);
    }

    @Test
    void shouldNotCountTextWithoutProtocolAsUrl() {
        assertThat(MastodonTextLength.of("riverside.example/flu")).isEqualTo(21);
        assertThat(MastodonTextLength.of("ftp://riverside.example/x")).isEqualTo(25);
    }

    @Test
    void shouldCountRemoteMentionAsUsernameOnly() {
        assertThat(MastodonTextLength.of("Thanks @nurse@health.example!")).isEqualTo("Thanks @nurse!".length());
        assertThat(MastodonTextLength.of("Thanks @nurse!")).isEqualTo(14);
    }

    @Test
    void shouldNotTreatEmailAddressAsMention() {
        assertThat(MastodonTextLength.of("mail info@riverside.example")).isEqualTo(27);
    }
}
