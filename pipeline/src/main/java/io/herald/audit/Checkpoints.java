package io.herald.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed checkpoints: a {@code CHECKPOINT} event is an instance's Ed25519 signature over its chain's
 * head. The event is chained like any other (its {@code seq}, and its {@code prevHash}, the hash of
 * the chain's event before it), and carries
 *
 * <pre>
 * "checkpoint": {"keyFingerprint": "...", "nextBy": "2026-...Z", "final": false},
 * "signature": "base64 Ed25519"
 * </pre>
 *
 * <p>The signature is over the RFC 8785 canonical JSON of the event without {@code signature} and
 * {@code hash}: so it covers the instance, the seq, the head hash ({@code prevHash}), the time and
 * the promise. {@code nextBy} is the promise: the instance writes another checkpoint by then
 * (it checkpoints at least every interval, even when idle), unless {@code final} (a clean shutdown);
 * a chain that ends at a checkpoint whose promise has passed was truncated, or its instance stopped
 * without the shutdown checkpoint. After a restart the first event of the chain is a checkpoint.
 */
public final class Checkpoints {

    public static final String CHECKPOINT = "checkpoint";
    public static final String SIGNATURE = "signature";
    public static final String KEY_FINGERPRINT = "keyFingerprint";
    public static final String NEXT_BY = "nextBy";
    public static final String FINAL = "final";

    private Checkpoints() {}

    /** The bytes a checkpoint's signature covers: the canonical JSON of the event without signature and hash. */
    public static byte[] signedBytes(JsonNode event) {
        return Canonical.get().bytes(event, SIGNATURE, "hash");
    }

    /** Signs a chained checkpoint (seq and prevHash set) in place, then sets its hash. */
    public static void signAndHash(ObjectNode event, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signedBytes(event));
            event.put(SIGNATURE, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
        event.remove("hash");
        event.put("hash", AuditLog.hashOf(event));
    }

    /** Whether the checkpoint's signature verifies under the key. */
    public static boolean verifies(JsonNode event, PublicKey key) {
        JsonNode sig = event.get(SIGNATURE);
        if (sig == null || !sig.isTextual()) {
            return false;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sig.asText());
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(signedBytes(event));
            return s.verify(bytes);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** The checkpoint's fields. */
    public static ObjectNode body(String keyFingerprint, Instant nextBy, boolean isFinal) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put(KEY_FINGERPRINT, keyFingerprint);
        c.put(NEXT_BY, nextBy.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        c.put(FINAL, isFinal);
        return c;
    }
}
