package io.herald.cli;

import static io.herald.cli.CommandRun.configDir;
import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.approval.ApprovalFailure;
import io.herald.approval.ApprovalResult;
import io.herald.approval.ApprovalVerifier;
import io.herald.config.ConfigLoader;
import io.herald.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald approve}: it signs only what Herald will take, and prints one line that any
 * line-based producer sends as one record.
 */
class ApproveCommandTest {

    private static final String POST = """
            {"id": "flu-clinic-2026-11", "revision": 1,
             "body": "Flu shots are now available at our Main Street clinic.",
             "targets": ["mastodon:riverside"]}
            """;

    @TempDir
    Path dir;

    private Path config;
    private Path key;
    private Path postFile;
    private ApprovalVerifier verifier;

    @BeforeEach
    void keys() throws Exception {
        config = configDir(dir.resolve("config"), "dataDir: ./data\n");
        key = CommandRun.approverKey(Files.createDirectories(dir.resolve("keys")));
        postFile = Files.writeString(dir.resolve("post.json"), POST);
        verifier = ApprovalVerifier.fromConfig(ConfigLoader.load(config, Map.of()), false);
    }

    private CommandRun approve(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "approve";
        all[1] = "--config";
        all[2] = config.toString();
        all[3] = "--key";
        all[4] = key.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return run(all);
    }

    private Path post(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void shouldPrintThePostSignedOnOneLineSoThatItVerifies() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CommandRun run = approve(postFile.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).hasLineCount(1);
        JsonNode signed = Json.mapper().readTree(run.out());
        assertThat(signed.at("/approval/approvedBy").asText()).isEqualTo(CommandRun.APPROVER_NAME);
        assertThat(Instant.parse(signed.at("/approval/approvedAt").asText())).isBetween(before, Instant.now());
        ApprovalResult result = verifier.verify(run.out().getBytes(StandardCharsets.UTF_8));
        assertThat(result.verified()).as(result.message()).isTrue();
    }

    @Test
    void shouldIndentOnlyWhenAskedTo() throws Exception {
        CommandRun run = approve("--pretty", postFile.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\n  \"id\"");
        assertThat(verifier.verify(run.out().getBytes(StandardCharsets.UTF_8)).verified()).isTrue();
    }

    @Test
    void shouldNotSignAPostATargetCannotTakeNamingTheTargetAndWhy() throws Exception {
        Files.writeString(config.resolveSibling("accounts.yaml"), """
                  - target: instagram:riverside
                    baseUrl: https://graph.facebook.com
                    tokenEnv: HERALD_TEST_TOKEN_THAT_IS_NOT_SET
                    settings: {userId: "17841405822304914"}
                """, java.nio.file.StandardOpenOption.APPEND);
        Path textOnly = post("text.json", """
                {"id": "suite", "body": "Our new imaging suite opens Monday.", "targets": ["mastodon:riverside", "instagram:riverside"]}
                """);

        CommandRun run = approve(textOnly.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + textOnly + ": not signed: Herald will FAIL instagram:riverside:")
                .contains("Instagram cannot publish text alone");
    }

    @Test
    void shouldSignAHeldPostOnlyWithEveryHeldRuleAcknowledged() throws Exception {
        Path held = post("held.json", """
                {"id": "tea", "body": "Our herbal tea cures cancer.", "targets": ["mastodon:riverside"]}
                """);

        CommandRun refused = approve(held.toString());
        CommandRun half = approve("--acknowledge", "claims.cure", held.toString());
        CommandRun signed = approve("--acknowledge", "claims.cure,claims.misinformation", held.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("herald: " + held + ": not signed: the compliance gate will HOLD it for a reviewer:"
                + " claims.misinformation (at 4-27), claims.cure (at 15-20); if you accept them, sign with --acknowledge"
                + " claims.cure,claims.misinformation\n");
        assertThat(half.exit()).isEqualTo(2);
        assertThat(half.err()).endsWith("if you accept it, sign with --acknowledge claims.misinformation\n");
        assertThat(signed.exit()).as(signed.err()).isZero();
        ApprovalResult result = verifier.verify(signed.out().getBytes(StandardCharsets.UTF_8));
        assertThat(result.verified()).isTrue();
        assertThat(result.acknowledged()).containsExactly("claims.cure", "claims.misinformation");
    }

    @Test
    void shouldNeverSignAPostTheGateBlocksNorQuoteIt() throws Exception {
        Path phi = post("phi.json", """
                {"id": "p", "body": "Get well soon, Mr. Harold Jensen! Room 12 misses you.", "targets": ["mastodon:riverside"]}
                """);

        CommandRun run = approve(phi.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + phi + ": not signed: the compliance gate will BLOCK it for"
                + " patient identifiers: phi.").contains("no approval can release that").doesNotContain("Jensen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"phi.name", "phi.record-number", "phi.context"})
    void shouldRefuseToAcknowledgeARuleThatBlocks(String rule) {
        CommandRun run = approve("--acknowledge", rule, postFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: --acknowledge " + rule + ": blocks (patient identifiers); no approval can release it\n");
    }

    @Test
    void shouldRefuseToAcknowledgeARuleIdThatDoesNotExistListingTheOnesThatDo() {
        CommandRun run = approve("--acknowledge", "TONE-002", postFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: --acknowledge TONE-002: is no rule of Herald's; rules a person"
                + " may acknowledge: ").contains("claims.cure").contains("conduct.profanity").doesNotContain("phi.");
    }

    @Test
    void shouldRefuseAnUnknownRuleIdAlreadyInThePostWithoutQuotingIt() throws Exception {
        Path file = post("acked.json", POST.replace("\"targets\"", "\"approval\": {\"acknowledged\": [\"Jane-Doe-MRN-4471\"]}, \"targets\""));

        CommandRun run = approve(file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + file + ": approval.acknowledged: one of the rule ids is no rule")
                .doesNotContain("Jane");
    }

    @Test
    void shouldRefuseAPostHeraldWouldRefuseNamingTheField() throws Exception {
        Path string = post("targets.json", "{\"id\": \"a\", \"body\": \"Hi.\", \"targets\": \"mastodon:riverside\"}");
        Path unknown = post("unknown.json", "{\"id\": \"a\", \"body\": \"Hi.\", \"targets\": [\"mastodon:riverside\"], \"weight\": 1.5}");

        CommandRun a = approve(string.toString());
        CommandRun b = approve(unknown.toString());

        assertThat(a.exit()).isEqualTo(2);
        assertThat(a.err()).hasLineCount(1).startsWith("herald: " + string + ": targets: must be a non-empty array");
        assertThat(b.exit()).isEqualTo(2);
        assertThat(b.err()).hasLineCount(1).startsWith("herald: " + unknown + ": unknown field; the fields of a post are");
    }

    @Test
    void shouldRefuseAKeyThatTheConfigurationDoesNotTrust() throws Exception {
        Path keys = dir.resolve("other");
        assertThat(run("keygen", "jane", "--out", keys.toString()).exit()).isZero();

        CommandRun run = run("approve", "--config", config.toString(), "--key", keys.resolve("jane.key").toString(), postFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith("herald: --key " + keys.resolve("jane.key") + ": not signed: Herald would"
                + " REJECT the post: approver 'jane' is not trusted").endsWith("; copy jane.pub (from 'herald keygen') there first\n");
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheOneTrustedUnderItsName() throws Exception {
        Path keys = dir.resolve("impostor");
        assertThat(run("keygen", CommandRun.APPROVER_NAME, "--out", keys.toString()).exit()).isZero();

        CommandRun run = run("approve", "--config", config.toString(), "--key",
                keys.resolve(CommandRun.APPROVER_NAME + ".key").toString(), postFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).contains("not signed: Herald would REJECT the post: this key is not the one whose"
                + " public key Herald trusts as '" + CommandRun.APPROVER_NAME + "'");
    }

    @Test
    void shouldReadThePostFromStandardInput() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(POST.getBytes(StandardCharsets.UTF_8)));
            CommandRun run = approve("-");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(verifier.verify(run.out().getBytes(StandardCharsets.UTF_8)).verified()).isTrue();
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void shouldFailVerificationWhenTheOutputIsEdited() {
        CommandRun run = approve(postFile.toString());

        String edited = run.out().replace("Main Street", "Main St");

        assertThat(verifier.verify(edited.getBytes(StandardCharsets.UTF_8)).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldNameTheFileAndPlaceWhenThePostIsNotJson() throws Exception {
        Path bad = post("bad.json", "{\"id\": \"x\",\n \"body\": }");

        CommandRun run = approve(bad.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("herald: " + bad + ": not valid JSON: a value is missing or is not JSON; text must be in"
                + " double quotes (line 2, column 10)\n");
    }

    @Test
    void shouldRefuseWhatIsNotOnePostInOneLine() throws Exception {
        Path list = post("list.json", "[]");
        Path twice = post("twice.json", "{\"id\":\"a\"} {\"id\":\"b\"}");
        Path dup = post("dup.json", "{\"id\":\"a\", \"id\":\"b\"}");

        assertThat(approve(list.toString()).err()).isEqualTo("herald: " + list + ": a post must be a JSON object, but is an array\n");
        assertThat(approve(twice.toString()).err()).hasLineCount(1).contains("there is more text after the end of the post");
        assertThat(approve(dup.toString()).err()).hasLineCount(1).contains("the field id is given twice");
    }

    @Test
    void shouldSayOfAnEmptyFileWhatEveryCommandSays() throws Exception {
        Path empty = post("empty.json", "  \n");

        CommandRun approve = approve(empty.toString());
        CommandRun submit = run("submit", "--config", config.toString(), "--bootstrap", "127.0.0.1:1", empty.toString());
        CommandRun preview = run("preview", "--config", config.toString(), empty.toString());
        CommandRun check = run("check", "--config", config.toString(), empty.toString());

        String said = "herald: " + empty + ": is empty; a post is a JSON object with at least id, body and targets\n";
        assertThat(approve.err()).isEqualTo(said);
        assertThat(submit.err()).isEqualTo(said);
        assertThat(preview.err()).isEqualTo(said);
        assertThat(check.err()).endsWith(said);
    }

    @Test
    void shouldNameTheFileWhenThePostIsMissing() {
        CommandRun run = approve(dir.resolve("nope.json").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + dir.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void shouldNameTheKeyOptionWhenTheKeyIsMissingOrWrong() throws Exception {
        CommandRun missing = run("approve", "--key", dir.resolve("nobody.key").toString(), postFile.toString());
        Path pub = Files.createDirectories(dir.resolve("pub")).resolve("x.pub");
        Files.writeString(pub, io.herald.approval.KeyFiles.publicPem(CommandRun.APPROVER.getPublic()));
        CommandRun publicKey = run("approve", "--key", pub.toString(), postFile.toString());
        Path garbage = Files.writeString(dir.resolve("x.key"), "garbage");
        CommandRun notAKey = run("approve", "--key", garbage.toString(), postFile.toString());

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("herald: --key " + dir.resolve("nobody.key") + ": no such file\n");
        assertThat(publicKey.exit()).isEqualTo(2);
        assertThat(publicKey.err()).hasLineCount(1).startsWith("herald: --key ").contains("this is a public key");
        assertThat(notAKey.err()).hasLineCount(1).startsWith("herald: --key " + garbage + ": not a PEM private key file");
    }

    @Test
    void shouldNeedTheKeyOption() {
        CommandRun run = run("approve", postFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("herald: Missing required option: '--key=FILE'");
    }

    @Test
    void shouldRefuseABlankRuleId() {
        CommandRun run = approve("--acknowledge", "claims.cure,,conduct.profanity", postFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: --acknowledge: a rule id is one word");
    }

    @Test
    void shouldSayWhenItReplacesAnotherApprovalWithoutQuotingIt() throws Exception {
        Path byOther = post("other.json", POST.replace("\"targets\"", "\"approval\": {\"approvedBy\": \"someone\", \"signature\": \"abc\"},"
                + " \"targets\""));

        CommandRun run = approve(byOther.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("herald: note: replacing an approval by another approver\n");
        assertThat(verifier.verify(run.out().getBytes(StandardCharsets.UTF_8)).verified()).isTrue();
    }
}
