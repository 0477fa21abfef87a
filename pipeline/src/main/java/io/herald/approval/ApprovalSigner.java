package io.herald.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signs posts: what {@code herald approve} does. Stateless and thread-safe.
 *
 * <p>The signed post's {@code approval} is {@code {"approvedBy", "approvedAt", ["acknowledged"],
 * ..., "signature"}}: the approver's name, the time (UTC, ISO-8601, whole seconds), the rule ids the
 * approver acknowledges (kept from the input, merged with new ones), any other field the input
 * approval had, and the base64 (standard alphabet, padded) Ed25519 signature of {@link
 * SignedContent#canonicalBytes}.
 */
public final class ApprovalSigner {

    public static final String APPROVED_BY = "approvedBy";
    public static final String APPROVED_AT = "approvedAt";
    public static final String ACKNOWLEDGED = "acknowledged";

    private ApprovalSigner() {}

    /** Signs {@code post}, keeping any {@code approval.acknowledged}; see {@link #sign(ObjectNode, PrivateKey, String, Instant, Collection)}. */
    public static ObjectNode sign(ObjectNode post, PrivateKey key, String approverName, Instant now) {
        return sign(post, key, approverName, now, List.of());
    }

    /**
     * A signed copy of {@code post}; {@code post} itself is not changed. An existing approval
     * (another approver's, or a stale signature) is replaced, keeping its {@code acknowledged} ids.
     *
     * @param key the approver's Ed25519 private key
     * @param approverName the name the public key is trusted under ({@code config/approvers/NAME.pub})
     * @param now the approval time; kept to whole seconds
     * @param acknowledge rule ids to add to {@code approval.acknowledged} (duplicates are dropped)
     * @throws IllegalArgumentException when the post, its approval, the name or the key is not usable
     */
    public static ObjectNode sign(
            ObjectNode post, PrivateKey key, String approverName, Instant now, Collection<String> acknowledge) {
        if (!KeyFiles.isValidName(approverName)) {
            throw new IllegalArgumentException(
                    "approver name must match " + KeyFiles.NAME.pattern() + ", but was '" + approverName + "'");
        }
        JsonNode existing = post.get(SignedContent.APPROVAL);
        if (existing != null && !existing.isNull() && !existing.isObject()) {
            throw new IllegalArgumentException("approval must be a JSON object");
        }
        Set<String> acknowledged = new LinkedHashSet<>();
        if (existing != null && existing.has(ACKNOWLEDGED)) {
            acknowledged.addAll(ruleIds(existing.get(ACKNOWLEDGED)));
        }
        for (String id : acknowledge) {
            acknowledged.add(checkRuleId(id == null ? "" : id.trim()));
        }

        ObjectNode approval = post.objectNode();
        approval.put(APPROVED_BY, approverName);
        approval.put(APPROVED_AT, now.truncatedTo(ChronoUnit.SECONDS).toString());
        if (!acknowledged.isEmpty() || (existing != null && existing.has(ACKNOWLEDGED))) {
            ArrayNode list = approval.putArray(ACKNOWLEDGED);
            acknowledged.forEach(list::add);
        }
        if (existing != null && existing.isObject()) {
            for (Map.Entry<String, JsonNode> field : existing.properties()) {
                if (!approval.has(field.getKey()) && !SignedContent.SIGNATURE.equals(field.getKey())) {
                    approval.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        }

        ObjectNode signed = post.deepCopy();
        signed.set(SignedContent.APPROVAL, approval);
        byte[] content = SignedContent.canonicalBytes(signed);
        approval.put(SignedContent.SIGNATURE, Base64.getEncoder().encodeToString(signature(content, key)));
        return signed;
    }

    private static byte[] signature(byte[] content, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(KeyFiles.ALGORITHM);
            signer.initSign(key);
            signer.update(content);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The rule ids of an {@code acknowledged} value; a list of non-blank strings. */
    static List<String> ruleIds(JsonNode acknowledged) {
        if (acknowledged == null || acknowledged.isNull()) {
            return List.of();
        }
        if (!acknowledged.isArray()) {
            throw new IllegalArgumentException("approval.acknowledged must be a list of rule ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : acknowledged) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw new IllegalArgumentException("approval.acknowledged must be a list of rule ids");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static String checkRuleId(String id) {
        if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a rule id to acknowledge must be one word, but was '" + id + "'");
        }
        return id;
    }
}
