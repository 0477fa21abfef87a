package io.herald.connector.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.sandbox.mastodon.MastodonTextLength;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The connector counts as the sandbox's model of the Mastodon server does (two implementations, one rule). */
class MastodonTextAgreementTest {

    @Property(tries = 2000)
    void connectorAndStandInCountAlike(@ForAll("statuses") String text) {
        assertThat(MastodonText.length(text)).as("length of %s", text).isEqualTo(MastodonTextLength.of(text));
    }

    @Provide
    Arbitrary<String> statuses() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("https://riverside.example/flu", "http://a.b/c?d=e&f=g#h", "https://x.org/wiki/A_(b)",
                        "(https://x.org/y)", "https://x.org/y.", "https://x.org/@nurse", "ftp://x.org/y",
                        "@nurse@health.example", "@nurse", "info@riverside.example", "😀", "👩‍⚕️", "诊所",
                        "Straße", "#FluSeason", "end.", "why?", "(see", "this)", "\"quoted\"", "http://", "https://"));
        Arbitrary<String> separator = Arbitraries.of(" ", " ", "\n", "\n\n", "", ",", ". ");
        return Arbitraries.integers().between(0, 40).flatMap(n -> token.list().ofSize(n).flatMap(
                tokens -> separator.list().ofSize(n).map(seps -> join(tokens, seps))));
    }

    private static String join(List<String> tokens, List<String> separators) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            sb.append(tokens.get(i)).append(separators.get(i));
        }
        return sb.toString();
    }
}
