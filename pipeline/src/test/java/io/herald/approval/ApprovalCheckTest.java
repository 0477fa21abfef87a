package io.herald.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.ingest.PostCheck;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class ApprovalCheckTest {

    private static final KeyPair KEY = KeyFiles.generate();

    @Test
    void shouldPassASignedPostAndRejectAChangedOneWithTheReasonCode() {
        ApprovalCheck check = new ApprovalCheck(ApprovalFixtures.verifier("officer", KEY));
        ObjectNode signed = ApprovalSigner.sign(ApprovalFixtures.post(), KEY.getPrivate(), "officer", ApprovalFixtures.NOW);

        assertThat(check.check(signed, null).outcome()).isEqualTo(PostCheck.Outcome.PASS);
        signed.put("body", "changed");
        PostCheck.Result rejected = check.check(signed, null);
        assertThat(rejected.outcome()).isEqualTo(PostCheck.Outcome.REJECT);
        assertThat(rejected.reason()).startsWith("CONTENT_CHANGED: ");
        assertThat(check.check(ApprovalFixtures.post(), null).reason()).isEqualTo("UNSIGNED: the post has no approval");
    }
}
