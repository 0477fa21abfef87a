package io.herald.approval;

import static io.herald.approval.ApprovalFixtures.NOW;
import static io.herald.approval.ApprovalFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalSignVerifyTest {

    private static final KeyPair OFFICER = KeyFiles.generate();
    private static final KeyPair OTHER = KeyFiles.generate();
    private final ApprovalVerifier verifier = ApprovalFixtures.verifier("compliance-officer", OFFICER);

    private static ObjectNode signed() {
        return ApprovalSigner.sign(post(), OFFICER.getPrivate(), "compliance-officer", NOW);
    }

    private static byte[] bytes(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldVerifyWhatItSigned() {
        ObjectNode signed = signed();

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.ok()).isTrue();
        assertThat(result.verified()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.reasonCode()).isNull();
        assertThat(result.approvedBy()).isEqualTo("compliance-officer");
        assertThat(result.acknowledged()).isEmpty();
        assertThat(verifier.verify(bytes(signed)).verified()).isTrue();
    }

    @Test
    void shouldFillApprovedByApprovedAtAndABase64Signature() {
        JsonNode approval = signed().get("approval");

        assertThat(approval.get("approvedBy").asText()).isEqualTo("compliance-officer");
        assertThat(approval.get("approvedAt").asText()).isEqualTo("2026-11-25T14:00:00Z");
        assertThat(Base64.getDecoder().decode(approval.get("signature").asText())).hasSize(64);
        assertThat(approval.propertyStream().map(Map.Entry::getKey).toList()).containsExactly("approvedBy", "approvedAt", "signature");
    }

    @Test
    void shouldKeepApprovedAtToWholeSecondsInUtc() {
        ObjectNode signed = ApprovalSigner.sign(post(), OFFICER.getPrivate(), "a", Instant.parse("2026-11-25T14:00:07.891234Z"));

        assertThat(signed.at("/approval/approvedAt").asText()).isEqualTo("2026-11-25T14:00:07Z");
    }

    @Test
    void shouldNotChangeThePostItSigns() {
        ObjectNode post = post();
        String before = Json.write(post);

        ApprovalSigner.sign(post, OFFICER.getPrivate(), "compliance-officer", NOW, List.of("TONE-001"));

        assertThat(Json.write(post)).isEqualTo(before);
    }

    @Test
    void shouldKeepAcknowledgedRuleIdsAndMergeNewOnes() {
        ObjectNode post = post();
        post.putObject("approval").putArray("acknowledged").add("READ-001").add("TONE-002");

        ObjectNode signed = ApprovalSigner.sign(post, OFFICER.getPrivate(), "compliance-officer", NOW,
                List.of("TONE-002", "CONDUCT-007"));

        assertThat(signed.at("/approval/acknowledged")).hasSize(3);
        ApprovalResult result = verifier.verify(signed);
        assertThat(result.verified()).isTrue();
        assertThat(result.acknowledged()).containsExactly("READ-001", "TONE-002", "CONDUCT-007");
    }

    @Test
    void shouldReplaceAnEarlierApproval() {
        ObjectNode byOther = ApprovalSigner.sign(post(), OTHER.getPrivate(), "someone-else", NOW);

        ObjectNode resigned = ApprovalSigner.sign(byOther, OFFICER.getPrivate(), "compliance-officer", NOW.plusSeconds(60));

        assertThat(verifier.verify(resigned).verified()).isTrue();
        assertThat(resigned.at("/approval/approvedBy").asText()).isEqualTo("compliance-officer");
    }

    @Test
    void shouldNotCareAboutFieldOrderOrWhitespace() throws Exception {
        ObjectNode signed = signed();
        ObjectNode reordered = Json.mapper().createObjectNode();
        List<String> names = new ArrayList<>(signed.propertyStream().map(Map.Entry::getKey).toList());
        Collections.reverse(names);
        names.forEach(n -> reordered.set(n, signed.get(n)));
        String pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(reordered);

        ApprovalResult result = verifier.verify(pretty.replace("\n", "\r\n\t  ").getBytes(StandardCharsets.UTF_8));

        assertThat(result.verified()).as(result.message()).isTrue();
    }

    @Test
    void shouldCountNumbersByValueAsRfc8785Does() {
        String text = Json.write(signed()).replace("\"revision\":1", "\"revision\":1.0e0").replace("\"weight\":1.5", "\"weight\":15E-1");

        assertThat(verifier.verify(text.getBytes(StandardCharsets.UTF_8)).verified()).isTrue();
    }

    @Test
    void shouldVerifyUnknownFieldsAsReceived() {
        String text = Json.write(signed());
        assertThat(text).contains("\"extra\"");

        assertThat(verifier.verify(text.replace("an unknown field is signed too", "changed").getBytes(StandardCharsets.UTF_8))
                .failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldRemoveOnlyTheApprovalsSignature() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("extra")).put("signature", "another value");

        assertThat(verifier.verify(signed).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
        ObjectNode withoutNested = signed();
        ((ObjectNode) withoutNested.get("extra")).remove("signature");
        assertThat(verifier.verify(withoutNested).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldSignTheCanonicalFormWithoutTheSignature() {
        ObjectNode signed = signed();
        String canonical = new String(SignedContent.canonicalBytes(signed), StandardCharsets.UTF_8);

        assertThat(canonical).startsWith("{\"approval\":{\"approvedAt\":\"2026-11-25T14:00:00Z\",\"approvedBy\":\"compliance-officer\"},");
        assertThat(canonical).contains("\"weight\":1.5").contains("\"extra\":{\"note\":").contains("\"signature\":\"not the approval's\"");
        assertThat(canonical).doesNotContain(signed.at("/approval/signature").asText());
    }

    @Test
    void shouldRejectAChangedApprovalTime() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).put("approvedAt", "2026-11-25T14:00:01Z");

        assertThat(verifier.verify(signed).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldRejectAnAddedAcknowledgement() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).putArray("acknowledged").add("PHI-001");

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
        assertThat(result.acknowledged()).isEmpty();
    }

    @Test
    void shouldRejectAChangedAcknowledgement() {
        ObjectNode signed = ApprovalSigner.sign(post(), OFFICER.getPrivate(), "compliance-officer", NOW, List.of("READ-001"));
        ((ArrayNode) signed.at("/approval/acknowledged")).set(0, "PHI-001");

        assertThat(verifier.verify(signed).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldRejectAPostWithoutApprovalAsUnsigned() {
        ApprovalResult result = verifier.verify(post());

        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).isEqualTo(ApprovalFailure.UNSIGNED);
        assertThat(result.reasonCode()).isEqualTo("UNSIGNED");
        assertThat(result.message()).isEqualTo("the post has no approval");
        assertThat(result.describe()).isEqualTo("UNSIGNED: the post has no approval");
    }

    @Test
    void shouldRejectAnApprovalWithoutSignatureAsUnsigned() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).remove("signature");

        assertThat(verifier.verify(signed).failure()).isEqualTo(ApprovalFailure.UNSIGNED);
        ((ObjectNode) signed.get("approval")).putNull("signature");
        assertThat(verifier.verify(signed).failure()).isEqualTo(ApprovalFailure.UNSIGNED);
    }

    @Test
    void shouldRejectAnApproverWithoutATrustedKey() {
        ObjectNode signed = ApprovalSigner.sign(post(), OTHER.getPrivate(), "intern", NOW);

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.failure()).isEqualTo(ApprovalFailure.UNKNOWN_APPROVER);
        assertThat(result.message()).contains("'intern'").contains("intern.pub");
    }

    @Test
    void shouldRejectAMissingApproverAsUnknown() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).remove("approvedBy");

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.failure()).isEqualTo(ApprovalFailure.UNKNOWN_APPROVER);
        assertThat(result.message()).contains("approvedBy");
    }

    @Test
    void shouldKeepAnOddApproverNameOutOfTheMessage() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).put("approvedBy", "evil\nFAKE LOG LINE " + "x".repeat(500));

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.failure()).isEqualTo(ApprovalFailure.UNKNOWN_APPROVER);
        assertThat(result.message()).doesNotContain("\n").hasSizeLessThan(200);
    }

    @Test
    void shouldRejectASignatureThatIsNotBase64() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).put("signature", "not base64 at all!");

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.failure()).isEqualTo(ApprovalFailure.BAD_SIGNATURE);
        assertThat(result.message()).contains("base64");
    }

    @Test
    void shouldRejectASignatureOfTheWrongLength() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).put("signature", Base64.getEncoder().encodeToString(new byte[32]));

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.failure()).isEqualTo(ApprovalFailure.BAD_SIGNATURE);
        assertThat(result.message()).contains("64 bytes").contains("has 32");
    }

    @Test
    void shouldRejectASignatureThatIsNotAString() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).put("signature", 42);

        assertThat(verifier.verify(signed).failure()).isEqualTo(ApprovalFailure.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectAChangedBodyAsContentChanged() {
        ObjectNode signed = signed();
        signed.put("body", "Flu shots are now available at our Main Street clinic. Walk-ins welcome!");

        ApprovalResult result = verifier.verify(signed);

        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
        assertThat(result.message()).contains("'compliance-officer'").contains("changed after signing");
    }

    @Test
    void shouldRejectASignatureByAnotherKeyAsContentChanged() {
        ObjectNode forged = ApprovalSigner.sign(post(), OTHER.getPrivate(), "compliance-officer", NOW);

        assertThat(verifier.verify(forged).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldRejectAWellFormedButZeroSignatureAsContentChanged() {
        ObjectNode signed = signed();
        ((ObjectNode) signed.get("approval")).put("signature", Base64.getEncoder().encodeToString(new byte[64]));

        assertThat(verifier.verify(signed).failure()).isEqualTo(ApprovalFailure.CONTENT_CHANGED);
    }

    @Test
    void shouldNeverPutKeyMaterialOrTheSignatureInAMessage() {
        ObjectNode signed = signed();
        String signature = signed.at("/approval/signature").asText();
        signed.put("body", "changed");
        String publicKey = Base64.getEncoder().encodeToString(OFFICER.getPublic().getEncoded());

        String message = verifier.verify(signed).message();

        assertThat(message).doesNotContain(signature).doesNotContain(publicKey)
                .doesNotContain(KeyFiles.publicPem(OFFICER.getPublic()).split("\n")[1]);
    }

    @Test
    void shouldCallInputThatIsNotAJsonObjectMalformed() {
        assertThat(verifier.verify("not json".getBytes(StandardCharsets.UTF_8)).failure()).isEqualTo(ApprovalFailure.MALFORMED);
        assertThat(verifier.verify("[1, 2]".getBytes(StandardCharsets.UTF_8)).failure()).isEqualTo(ApprovalFailure.MALFORMED);
        assertThat(verifier.verify(new byte[0]).failure()).isEqualTo(ApprovalFailure.MALFORMED);
        assertThat(verifier.verify("{} {}".getBytes(StandardCharsets.UTF_8)).failure()).isEqualTo(ApprovalFailure.MALFORMED);
        assertThat(verifier.verify((JsonNode) null).failure()).isEqualTo(ApprovalFailure.MALFORMED);
    }

    @Test
    void shouldRefuseDuplicateKeysInRawInput() {
        String text = Json.write(signed());
        String duplicated = text.replaceFirst("\\{", "{\"body\":\"a different body\",");

        ApprovalResult result = verifier.verify(duplicated.getBytes(StandardCharsets.UTF_8));

        assertThat(result.failure()).isEqualTo(ApprovalFailure.MALFORMED);
        assertThat(result.message()).contains("is given twice").doesNotContain("different");
    }

    @Test
    void shouldCallAnApprovalThatIsNotAnObjectMalformed() {
        ObjectNode post = post();
        post.put("approval", "yes");

        assertThat(verifier.verify(post).failure()).isEqualTo(ApprovalFailure.MALFORMED);
        assertThatThrownBy(() -> ApprovalSigner.sign(post, OFFICER.getPrivate(), "a", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approval");
    }

    @Test
    void shouldCallASignedButMalformedAcknowledgedListMalformed() throws Exception {
        ObjectNode post = post();
        ObjectNode approval = post.putObject("approval");
        approval.put("approvedBy", "compliance-officer").put("approvedAt", "2026-11-25T14:00:00Z").put("acknowledged", "PHI-001");
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initSign(OFFICER.getPrivate());
        s.update(SignedContent.canonicalBytes(post));
        approval.put("signature", Base64.getEncoder().encodeToString(s.sign()));

        ApprovalResult result = verifier.verify(post);

        assertThat(result.failure()).isEqualTo(ApprovalFailure.MALFORMED);
        assertThat(result.message()).contains("acknowledged");
    }

    @Test
    void shouldAcceptEverythingWhenApprovalIsNotRequired() {
        ApprovalVerifier off = new ApprovalVerifier(ApproverKeys.of(Map.of("compliance-officer", OFFICER.getPublic())),
                ApprovalPolicy.notRequired());
        ObjectNode unsigned = post();
        unsigned.putObject("approval").putArray("acknowledged").add("TONE-001");

        ApprovalResult result = off.verify(unsigned);

        assertThat(result.ok()).isTrue();
        assertThat(result.verified()).isFalse();
        assertThat(result.failure()).isEqualTo(ApprovalFailure.UNSIGNED);
        assertThat(result.acknowledged()).as("an unsigned acknowledgement counts for nothing").isEmpty();
        assertThat(off.verify("garbage".getBytes(StandardCharsets.UTF_8)).ok()).isTrue();
        ApprovalResult signed = off.verify(ApprovalSigner.sign(post(), OFFICER.getPrivate(), "compliance-officer", NOW,
                List.of("TONE-001")));
        assertThat(signed.verified()).isTrue();
        assertThat(signed.acknowledged()).containsExactly("TONE-001");
    }

    @Test
    void shouldWarnLoudlyAtStartWhenApprovalIsNotRequired() {
        ApprovalVerifier off = new ApprovalVerifier(ApproverKeys.none(), ApprovalPolicy.notRequired());

        assertThat(off.startupWarnings()).singleElement().asString()
                .contains("SWITCHED OFF").contains("approval.required: false").contains("production");
        assertThat(off.policy().startupWarning()).isPresent();
        assertThat(verifier.startupWarnings()).isEmpty();
    }

    @Test
    void shouldWarnWhenApprovalIsRequiredButNoKeyIsTrusted() {
        ApprovalVerifier none = new ApprovalVerifier(ApproverKeys.none(), ApprovalPolicy.enforced(java.nio.file.Path.of("config/approvers")));

        assertThat(none.startupWarnings()).singleElement().asString().contains("config/approvers").contains("REJECTED");
    }

    @Test
    void shouldRejectAnApprovalOlderThanMaxAge() {
        ObjectNode signed = signed();
        ApprovalPolicy policy = ApprovalPolicy.enforced().withMaxAge(Duration.ofDays(3));
        ApproverKeys keys = ApproverKeys.of(Map.of("compliance-officer", OFFICER.getPublic()));

        ApprovalVerifier fresh = new ApprovalVerifier(keys, policy, Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC));
        ApprovalVerifier late = new ApprovalVerifier(keys, policy, Clock.fixed(NOW.plus(Duration.ofDays(4)), ZoneOffset.UTC));

        assertThat(fresh.verify(signed).verified()).isTrue();
        ApprovalResult result = late.verify(signed);
        assertThat(result.failure()).isEqualTo(ApprovalFailure.TOO_OLD);
        assertThat(result.message()).contains("approval.maxAge");
    }

    @Test
    void shouldRefuseAnInvalidApproverNameOrRuleId() {
        assertThatThrownBy(() -> ApprovalSigner.sign(post(), OFFICER.getPrivate(), "no spaces", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[A-Za-z0-9._-]{1,64}");
        assertThatThrownBy(() -> ApprovalSigner.sign(post(), OFFICER.getPrivate(), "a", NOW, List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule id");
    }
}
