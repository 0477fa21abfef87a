package io.herald.connector.webhook;

import io.herald.connector.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook as the Standard Webhooks specification says (standardwebhooks.com, version 1):
 * the secret is {@code whsec_} followed by the base64 of 24 to 64 random bytes, the key is those
 * bytes, and the signature of a message is {@code v1,} followed by the base64 of
 * HMAC-SHA256(key, {@code <webhook-id>.<webhook-timestamp>.<body>}), sent in the
 * {@code webhook-signature} header beside {@code webhook-id} and {@code webhook-timestamp} (seconds
 * since the epoch). Immutable; the key never appears in {@link #toString()}.
 */
public final class WebhookSigner {

    /** The prefix of a Standard Webhooks secret. */
    public static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * A signer for {@code secret} ({@code whsec_<base64>}).
     *
     * @throws IllegalArgumentException without the secret in the message, when it is not
     *     {@code whsec_} and the base64 of 24 to 64 bytes
     */
    public static WebhookSigner of(Secret secret) {
        String value = secret.reveal().strip();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the signing secret must start with " + PREFIX + " (Standard Webhooks format)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing secret must be " + PREFIX + " followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("the signing secret must carry 24 to 64 bytes, but carries " + key.length
                    + "; generate one with: echo whsec_$(openssl rand -base64 32)");
        }
        return new WebhookSigner(key);
    }

    /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. */
    public String sign(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[******]";
    }
}
