package io.herald.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** Canonical gives the bytes the reference JCS implementation gives, for every kind of value. */
class CanonicalTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What hashOf computed before Canonical: Jackson's text, parsed again and canonicalised by JCS. */
    private static String reference(JsonNode node) throws Exception {
        return new JsonCanonicalizer(Json.mapper().writeValueAsString(node)).getEncodedString();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void matchesTheReferenceOnARealAuditEvent() throws Exception {
        ObjectNode e = (ObjectNode) Json.mapper().readTree("{\"type\":\"PUBLISHED\",\"postId\":\"p-1\",\"revision\":3,"
                + "\"at\":\"2026-12-07T10:00:00.123Z\",\"target\":\"mastodon:demo\",\"findings\":[{\"rule\":\"phi.name\","
                + "\"action\":\"HOLD\",\"start\":4,\"end\":9,\"acknowledged\":true}],\"approval\":null,\"seq\":17,"
                + "\"prevHash\":\"" + "ab".repeat(32) + "\",\"hash\":\"x\",\"score\":0.25,\"big\":1e21,\"neg\":-0.0}");
        ObjectNode withoutHash = e.deepCopy();
        withoutHash.remove("hash");
        String expected = reference(withoutHash);
        assertThat(new String(Canonical.get().bytes(e, "hash"), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(AuditLog.hashOf(e)).isEqualTo(sha256(expected));
        assertThat(e.get("hash").asText()).as("the event is not changed").isEqualTo("x");
    }

    @Test
    void matchesTheReferenceOnRandomTrees() throws Exception {
        Random random = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            JsonNode node = randomObject(random, 0);
            // compared as bytes: both write an unpaired surrogate as '?' in UTF-8
            assertThat(Canonical.get().bytes(node)).as("tree %s", node)
                    .isEqualTo(reference(node).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void leavesOutOnlyTopLevelMembersNamedToSkip() throws Exception {
        ObjectNode e = F.objectNode();
        e.put("b", 1).put("signature", "s").put("hash", "h").putObject("checkpoint").put("hash", "inner");
        assertThat(new String(Canonical.get().bytes(e, "signature", "hash"), StandardCharsets.UTF_8))
                .isEqualTo("{\"b\":1,\"checkpoint\":{\"hash\":\"inner\"}}");
    }

    private static ObjectNode randomObject(Random r, int depth) {
        ObjectNode o = F.objectNode();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            o.set(randomString(r), randomValue(r, depth + 1));
        }
        return o;
    }

    private static JsonNode randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 11 : 13);
        switch (kind) {
            case 0: return F.textNode(randomString(r));
            case 1: return F.numberNode(r.nextInt());
            case 2: return F.numberNode(r.nextLong());
            case 3: return F.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(60) - 30));
            case 4: return F.numberNode(r.nextFloat());
            case 5: return F.numberNode(new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(10)));
            case 6: return F.numberNode(BigInteger.valueOf(r.nextLong()).multiply(BigInteger.valueOf(r.nextLong())));
            case 7: return F.booleanNode(r.nextBoolean());
            case 8: return F.nullNode();
            case 9: return F.numberNode((1L << 53) + r.nextInt(3) - 1);
            case 10: return F.numberNode(-r.nextInt(1000));
            case 11: {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(r, depth + 1));
                }
                return a;
            }
            default: return randomObject(r, depth);
        }
    }

    private static String randomString(Random r) {
        String[] pieces = {"a", "Z", "é", "€", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0001", "\u001f", "\u007f",
            "\u2028", "😀", "\ud800", "\udc00", "ß", "key", " ", "/", "<", "日本"};
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(pieces[r.nextInt(pieces.length)]);
        }
        return b.toString();
    }
}
