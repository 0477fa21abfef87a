package io.herald.sandbox.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a webhook as a Standard Webhooks receiver library does (written apart from Herald's
 * signer, so that each checks the other): the key is the base64 after {@code whsec_}; the
 * {@code webhook-signature} header is a space-separated list of {@code v1,<base64>} of which one
 * must equal HMAC-SHA256(key, {@code id.timestamp.body}), compared in constant time; the timestamp
 * must be within the tolerance of now (5 minutes), against replays.
 */
public final class StandardWebhookVerifier {

    /** The reasons a delivery is refused. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final byte[] key;
    private final Duration tolerance;

    public StandardWebhookVerifier(String secret, Duration tolerance) {
        String s = secret.startsWith("whsec_") ? secret.substring(6) : secret;
        this.key = Base64.getDecoder().decode(s);
        this.tolerance = tolerance;
    }

    /** The signature a sender would put for this message: {@code v1,<base64>}. */
    public String expected(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws Refused naming what is wrong: a header missing, the timestamp out of tolerance, no matching signature */
    public void verify(String id, String timestamp, String signatures, byte[] body, Instant now) throws Refused {
        if (id == null || id.isBlank() || timestamp == null || signatures == null) {
            throw new Refused("missing webhook-id, webhook-timestamp or webhook-signature header");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new Refused("webhook-timestamp is not a number of seconds");
        }
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
            throw new Refused("webhook-timestamp is too old or too new (tolerance " + tolerance.toSeconds() + " s)");
        }
        byte[] expected = expected(id, ts, body).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signatures.strip().split(" ")) {
            if (MessageDigest.isEqual(expected, candidate.strip().getBytes(StandardCharsets.UTF_8))) {
                return;
            }
        }
        throw new Refused("no matching signature");
    }
}
