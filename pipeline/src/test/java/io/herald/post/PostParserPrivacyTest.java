package io.herald.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A refusal's message goes to the audit log, the logs and a terminal: it must never carry what the
 * record says. Each case plants a patient's name, date of birth and record number in a malformed
 * post of one kind, and the message must hold none of them, while still saying where the problem
 * is (a field, or a line and column).
 */
public class PostParserPrivacyTest {

    /** What a careless post might hold about a patient. */
    private static final String NAME = "Margarethe Oyelaran";
    private static final String DOB = "03/14/1951";
    private static final String MRN = "MRN 4471893";
    private static final String PATIENT = NAME + " DOB " + DOB + " " + MRN;
    /** The same as one token, where the syntax allows no spaces. */
    private static final String TOKEN = "MargaretheOyelaran4471893";

    private static final String OK_TAIL = "\"targets\": [\"mastodon:riverside\"]";

    public static Stream<Arguments> malformed() {
        return Stream.of(
                // not JSON at all
                Arguments.of("unquoted value", "{\"id\": \"p1\", \"body\": " + PATIENT + ", " + OK_TAIL + "}"),
                Arguments.of("unquoted token value", "{\"id\": \"p1\", \"body\": " + TOKEN + ", " + OK_TAIL + "}"),
                Arguments.of("unquoted field name", "{\"id\": \"p1\", " + TOKEN + ": \"x\", \"body\": \"Hi.\", " + OK_TAIL + "}"),
                Arguments.of("single quotes", "{'id': 'p1', 'body': '" + PATIENT + "'}"),
                Arguments.of("text, not JSON", PATIENT),
                Arguments.of("cut short", "{\"id\": \"p1\", \"body\": \"" + PATIENT),
                Arguments.of("missing comma", "{\"id\": \"p1\" \"body\": \"" + PATIENT + "\"}"),
                Arguments.of("missing colon", "{\"id\": \"p1\", \"" + PATIENT + "\" \"x\"}"),
                Arguments.of("bad escape", "{\"id\": \"p1\", \"body\": \"" + NAME + " \\q " + MRN + "\", " + OK_TAIL + "}"),
                Arguments.of("raw line break", "{\"id\": \"p1\", \"body\": \"" + NAME + "\n" + MRN + "\", " + OK_TAIL + "}"),
                Arguments.of("bad number", "{\"id\": \"p1\", \"revision\": 01, \"body\": \"" + PATIENT + "\", " + OK_TAIL + "}"),
                Arguments.of("trailing text", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + "} " + PATIENT),
                Arguments.of("trailing object", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + "} {\"" + TOKEN + "\": 1}"),
                // duplicate keys
                Arguments.of("duplicate known key", "{\"id\": \"p1\", \"body\": \"" + PATIENT + "\", \"body\": \"Hi.\", " + OK_TAIL + "}"),
                Arguments.of("duplicate unknown key", "{\"id\": \"p1\", \"" + PATIENT + "\": 1, \"" + PATIENT + "\": 2}"),
                // wrong types
                Arguments.of("targets as a string", "{\"id\": \"p1\", \"body\": \"Hi.\", \"targets\": \"" + PATIENT + "\"}"),
                Arguments.of("revision as a string", "{\"id\": \"p1\", \"revision\": \"" + PATIENT + "\", \"body\": \"Hi.\", " + OK_TAIL + "}"),
                Arguments.of("body as an array", "{\"id\": \"p1\", \"body\": [\"" + PATIENT + "\"], " + OK_TAIL + "}"),
                Arguments.of("hashtags as a string", "{\"id\": \"p1\", \"body\": \"Hi.\", \"hashtags\": \"" + PATIENT + "\", " + OK_TAIL + "}"),
                Arguments.of("showsFace as a string", "{\"id\": \"p1\", \"body\": \"Hi.\", \"media\": [{\"url\": \"https://r.example/a.png\","
                        + " \"showsFace\": \"" + PATIENT + "\"}], " + OK_TAIL + "}"),
                Arguments.of("approval as a string", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"approval\": \"" + PATIENT + "\"}"),
                Arguments.of("a post that is a string", "\"" + PATIENT + "\""),
                // unknown fields
                Arguments.of("unknown field", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"" + PATIENT + "\": \"x\"}"),
                Arguments.of("unknown one-word field", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"" + TOKEN + "\": \"x\"}"),
                Arguments.of("unknown media field", "{\"id\": \"p1\", \"body\": \"Hi.\", \"media\": [{\"url\": \"https://r.example/a.png\", \""
                        + TOKEN + "\": 1}], " + OK_TAIL + "}"),
                Arguments.of("unknown approval field", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"approval\": {\"" + TOKEN + "\": 1}}"),
                Arguments.of("override for no target", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"overrides\": {\"" + PATIENT
                        + "\": {\"body\": \"x\"}}}"),
                Arguments.of("override one-word key", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"overrides\": {\"" + TOKEN.toLowerCase()
                        + "\": {\"body\": \"x\"}}}"),
                // bad values
                Arguments.of("bad id", "{\"id\": \"" + PATIENT + "\", \"body\": \"Hi.\", " + OK_TAIL + "}"),
                Arguments.of("bad publishAt", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"publishAt\": \"" + PATIENT + "\"}"),
                Arguments.of("date without offset", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"expiresAt\": \"1951-03-14T09:00\"}"),
                Arguments.of("bad approvedAt", "{\"id\": \"p1\", \"body\": \"Hi.\", " + OK_TAIL + ", \"approval\": {\"approvedAt\": \"" + DOB + "\"}}"),
                Arguments.of("bad target", "{\"id\": \"p1\", \"body\": \"Hi.\", \"targets\": [\"" + PATIENT + "\"]}"),
                Arguments.of("unknown account", "{\"id\": \"p1\", \"body\": \"Hi.\", \"targets\": [\"mastodon:" + TOKEN + "\"]}"),
                Arguments.of("target listed twice", "{\"id\": \"p1\", \"body\": \"" + PATIENT + "\", \"targets\": [\"mastodon:riverside\","
                        + " \"mastodon:riverside\"]}"),
                Arguments.of("bad link", "{\"id\": \"p1\", \"body\": \"Hi.\", \"link\": \"" + PATIENT + "\", " + OK_TAIL + "}"),
                Arguments.of("bad media url", "{\"id\": \"p1\", \"body\": \"Hi.\", \"media\": [{\"url\": \"file:///" + TOKEN + "\"}], " + OK_TAIL + "}"),
                Arguments.of("bad mime type", "{\"id\": \"p1\", \"body\": \"Hi.\", \"media\": [{\"url\": \"https://r.example/a.png\", \"mimeType\": \""
                        + TOKEN + "\"}], " + OK_TAIL + "}"),
                Arguments.of("bad hashtag", "{\"id\": \"p1\", \"body\": \"Hi.\", \"hashtags\": [\"" + PATIENT + "\"], " + OK_TAIL + "}"),
                Arguments.of("oversize body", "{\"id\": \"p1\", \"body\": \"" + (PATIENT + " ").repeat(500) + "\", " + OK_TAIL + "}"),
                Arguments.of("empty body", "{\"id\": \"p1\", \"body\": \" \", \"link\": \"https://r.example/" + TOKEN + "\", " + OK_TAIL + "}"),
                Arguments.of("missing body", "{\"id\": \"p1\", \"link\": \"https://r.example/" + TOKEN + "\", " + OK_TAIL + "}"),
                Arguments.of("expiry before publication", "{\"id\": \"p1\", \"body\": \"" + PATIENT + "\", " + OK_TAIL
                        + ", \"publishAt\": \"2026-11-26T09:00:00Z\", \"expiresAt\": \"2026-11-25T09:00:00Z\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldSayWhereTheProblemIsWithoutQuotingThePatient(String kind, String json) {
        InvalidPostException e = refused(json.getBytes(StandardCharsets.UTF_8));

        assertNoPatient(e.getMessage());
        assertThat(e.getMessage()).hasLineCount(1);
        boolean wholeRecord = e.getMessage().startsWith("a post must be a JSON object");
        assertThat(e.field() != null || e.line() > 0 || wholeRecord).as("names a field or a position: %s", e.getMessage()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldNotQuoteThePatientWhenParsingATreeEither(String kind, String json) {
        InvalidPostException e = catchThrowableOfType(InvalidPostException.class,
                () -> PostFixtures.parser().parse(PostParser.readTree(json.getBytes(StandardCharsets.UTF_8))));

        assertThat(e).as("refused").isNotNull();
        assertNoPatient(e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldNotQuoteThePatientInContentChecksEither(String kind, String json) {
        InvalidPostException e = catchThrowableOfType(InvalidPostException.class,
                () -> PostFixtures.parser().contentOnly().parse(json.getBytes(StandardCharsets.UTF_8)));
        if (e != null) { // content checks take a post without targets, so a few cases are fine there
            assertNoPatient(e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void shouldNotQuoteBytesThatAreNotUtf8() {
        byte[] name = ("{\"body\": \"" + PATIENT + " ").getBytes(StandardCharsets.UTF_8);
        byte[] raw = new byte[name.length + 3];
        System.arraycopy(name, 0, raw, 0, name.length);
        raw[name.length] = (byte) 0xC3;
        raw[name.length + 1] = (byte) 0x28;
        raw[name.length + 2] = '"';

        InvalidPostException e = refused(raw);

        assertNoPatient(e.getMessage());
        assertThat(e.getMessage()).contains("not UTF-8");
    }

    public static void assertNoPatient(String message) {
        assertThat(message.toLowerCase())
                .doesNotContain("margarethe")
                .doesNotContain("oyelaran")
                .doesNotContain("4471893")
                .doesNotContain("1951")
                .doesNotContain("03/14");
    }

    private static InvalidPostException refused(byte[] raw) {
        InvalidPostException e = catchThrowableOfType(InvalidPostException.class, () -> PostFixtures.parser().parse(raw));
        assertThat(e).as("refused").isNotNull();
        return e;
    }
}
