package io.herald.approval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * What exactly an approval signs: the RFC 8785 (JCS) canonical JSON, UTF-8, of the whole post with
 * only {@code approval.signature} removed. Every other field, known or not, is signed as it was
 * received; key order and whitespace do not matter, and numbers count by their value as a double
 * (RFC 8785: {@code 1}, {@code 1.0} and {@code 1e0} are the same, and integers beyond 2^53 are only
 * as precise as a double).
 */
public final class SignedContent {

    /** Where the signature lives inside the post. */
    public static final String APPROVAL = "approval";

    public static final String SIGNATURE = "signature";

    /**
     * Parses post bytes as received, keeping every field and the exact decimal value of every number,
     * and refusing duplicate keys and trailing content (so that no two readers can see two different
     * posts in one signed text).
     */
    private static final ObjectReader READER = Json.mapper()
            .reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SignedContent() {}

    /**
     * Parses JSON text the way signing and verifying need it.
     *
     * @throws JsonProcessingException when it is not one well-formed JSON value without duplicate keys
     */
    public static JsonNode parse(byte[] json) throws JsonProcessingException {
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array failed", e);
        }
    }

    /**
     * The bytes an approval signs: the canonical form of {@code post} without
     * {@code approval.signature}. Does not change {@code post}.
     *
     * @throws IllegalArgumentException when {@code post} is not an object, or has no canonical form
     *     (a number beyond the range of a double, a duplicate key)
     */
    public static byte[] canonicalBytes(JsonNode post) {
        if (post == null || !post.isObject()) {
            throw new IllegalArgumentException("a post must be a JSON object");
        }
        ObjectNode unsigned = ((ObjectNode) post).deepCopy();
        JsonNode approval = unsigned.get(APPROVAL);
        if (approval instanceof ObjectNode approvalObject) {
            approvalObject.remove(SIGNATURE);
        }
        try {
            String text = Json.mapper().writeValueAsString(unsigned);
            return new JsonCanonicalizer(text).getEncodedString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("the post has no canonical JSON form: " + KeyFiles.oneLine(e), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the post has no canonical JSON form: " + KeyFiles.oneLine(e), e);
        }
    }
}
