package io.herald.connector.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MastodonTextTest {

    @Test
    void shouldCountCodePoints() {
        assertThat(MastodonText.length("Flu shots")).isEqualTo(9);
        assertThat(MastodonText.length("😀💉 é")).isEqualTo(4);
    }

    @Test
    void shouldCountEveryHttpUrlAs23() {
        String longUrl = "https://riverside.example/campaigns/2026/flu?utm_source=herald&utm_medium=social#faq";

        assertThat(MastodonText.length(longUrl)).isEqualTo(23);
        assertThat(MastodonText.length("http://a.b")).isEqualTo(23);
        assertThat(MastodonText.length("See " + longUrl + " and " + longUrl)).isEqualTo(4 + 23 + 5 + 23);
    }

    @Test
    void shouldNotCountClosingPunctuationAsPartOfTheUrl() {
        assertThat(MastodonText.length("Visit https://riverside.example/flu.")).isEqualTo(6 + 23 + 1);
        assertThat(MastodonText.length("(see https://riverside.example/flu)")).isEqualTo(5 + 23 + 1);
        assertThat(MastodonText.length("https://en.wikipedia.org/wiki/Influenza_(disease)")).isEqualTo(23);
    }

    @Test
    void shouldCountTextWithoutHttpSchemeLiterally() {
        assertThat(MastodonText.length("riverside.example/flu")).isEqualTo(21);
        assertThat(MastodonText.length("ftp://riverside.example/x")).isEqualTo(25);
    }

    @Test
    void shouldCountOnlyTheUsernameOfARemoteMention() {
        assertThat(MastodonText.length("Thanks @nurse@health.example!")).isEqualTo(MastodonText.length("Thanks @nurse!"));
        assertThat(MastodonText.length("@nurse")).isEqualTo(6);
        assertThat(MastodonText.length("write to info@riverside.example")).isEqualTo(31);
    }
}
