package io.herald.cli;

import static io.herald.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.approval.ApprovalFailure;
import io.herald.approval.ApprovalPolicy;
import io.herald.approval.ApprovalResult;
import io.herald.approval.ApprovalVerifier;
import io.herald.approval.ApproverKeys;
import io.herald.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproveCommandTest {

    private static final String POST = """
            {"id": "flu-clinic-2026-11", "revision": 1,
             "body": "Flu shots are now available at our Main Street clinic.",
             "targets": ["mastodon:riverside"], "weight": 1.50,
             "approval": {"acknowledged": ["READ-001"]}}
            """;

    @TempDir
    Path dir;

    private Path key;
    private Path postFile;
    private ApprovalVerifier verifier;

    @BeforeEach
    void keys() throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(run("keygen", "compliance-officer", "--out", keys.toString()).exit()).isZero();
        key = keys.resolve("compliance-officer.key");
        postFile = Files.writeString(dir.resolve("post.json"), POST);
        verifier = new ApprovalVerifier(ApproverKeys.load(keys), ApprovalPolicy.enforced(keys));
    }

    @Test
    void shouldPrintThePostSignedSoThatItVerifies() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CommandRun run = run("approve", "--key", key.toString(), postFile.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode signed = Json.mapper().readTree(run.out());
        assertThat(signed.at("/approval/approvedBy").asText()).isEqualTo("compliance-officer");
        assertThat(Instant.parse(signed.at("/approval/approvedAt").asText())).isBetween(before, Instant.now());
        assertThat(run.out()).contains("\n  \"id\"").contains("1.50");
        ApprovalResult result = verifier.verify(run.out().getBytes(StandardCharsets.UTF_8));
        assertThat(result.verified()).as(result.message()).isTrue();
        assertThat(result.acknowledged()).containsExactly("READ-001");
    }

    @Test
    void shouldMergeAcknowledgedRuleIdsAndPrintCompactly() throws Exception {
        CommandRun run = run("approve", "--key", key.toString(), "--acknowledge", "TONE-002,READ-001", "--acknowledge", "CONDUCT-1",
                "--compact", postFile.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).hasLineCount(1);
        ApprovalResult result = verifier.verify(run.out().getBytes(StandardCharsets.UTF_8));
        assertThat(result.verified()).isTrue();
        assertThat(result.acknowledged()).containsExactly("READ-001", "TONE-002", "CONDUCT-1");
    }

    @Test
    void shouldReadThePostFromStandardInput() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(POST.getBytes(StandardCharsets.UTF_8)));
            CommandRun run = run("approve", "--key", key.toString(), "-");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(verifier.verify(run.out().getBytes(StandardCharsets.UTF_8)).verified()).isTrue();
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void shouldFailVerificationWhenTheOutputIsEdited() {
        CommandRun run = run("approve", "--key", key.toString(), postFile.toString());

        String edited = run.out().replace("Main Street", "Main St");

        assertThat(verifier.verify(edited.getBytes(StandardCharsets.UTF_8)).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldNameTheFileWhenThePostIsNotJson() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"id\": \"x\",\n \"body\": }");

        CommandRun run = run("approve", "--key", key.toString(), bad.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasLineCount(1).startsWith("herald: " + bad + ": not valid JSON at line 2");
    }

    @Test
    void shouldRefuseAPostThatIsNotAnObject() throws Exception {
        Path list = Files.writeString(dir.resolve("list.json"), "[]");
        Path empty = Files.writeString(dir.resolve("empty.json"), "  ");
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"id\":\"a\"} {\"id\":\"b\"}");
        Path dup = Files.writeString(dir.resolve("dup.json"), "{\"id\":\"a\", \"id\":\"b\"}");

        assertThat(run("approve", "--key", key.toString(), list.toString()).err())
                .isEqualTo("herald: " + list + ": a post must be a JSON object\n");
        assertThat(run("approve", "--key", key.toString(), empty.toString()).err()).hasLineCount(1).contains("empty");
        assertThat(run("approve", "--key", key.toString(), twice.toString()).err()).hasLineCount(1).contains("not valid JSON");
        assertThat(run("approve", "--key", key.toString(), dup.toString()).err()).hasLineCount(1).contains("Duplicate field 'id'");
    }

    @Test
    void shouldNameTheFileWhenThePostIsMissing() {
        CommandRun run = run("approve", "--key", key.toString(), dir.resolve("nope.json").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: " + dir.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void shouldNameTheKeyOptionWhenTheKeyIsMissingOrWrong() throws Exception {
        CommandRun missing = run("approve", "--key", dir.resolve("nobody.key").toString(), postFile.toString());
        CommandRun publicKey = run("approve", "--key", key.resolveSibling("compliance-officer.pub").toString(), postFile.toString());
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
        CommandRun run = run("approve", "--key", key.toString(), "--acknowledge", "A,,B", postFile.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).hasLineCount(1).startsWith("herald: --acknowledge: ");
    }

    @Test
    void shouldSayWhenItReplacesAnotherApproval() throws Exception {
        Path byOther = Files.writeString(dir.resolve("other.json"),
                "{\"id\":\"a\",\"approval\":{\"approvedBy\":\"someone\",\"signature\":\"abc\"}}");

        CommandRun run = run("approve", "--key", key.toString(), byOther.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEqualTo("herald: note: replacing the approval by 'someone'\n");
        assertThat(verifier.verify(run.out().getBytes(StandardCharsets.UTF_8)).verified()).isTrue();
    }
}
