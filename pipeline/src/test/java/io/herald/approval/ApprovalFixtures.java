package io.herald.approval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;

/** Posts and keys the approval tests share. */
final class ApprovalFixtures {

    static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

    /** The example post of DESIGN.md section 3, unsigned, with an unknown extra field. */
    static final String POST = """
            {
              "id": "flu-clinic-2026-11",
              "revision": 1,
              "body": "Flu shots are now available at our Main Street clinic. Walk-ins welcome.",
              "link": "https://riverside.example/flu",
              "hashtags": ["FluSeason"],
              "media": [{"url": "https://riverside.example/flu.jpg", "altText": "A nurse giving a flu shot", "mimeType": "image/jpeg"}],
              "targets": ["mastodon:riverside", "bluesky:riverside", "x:riverside"],
              "publishAt": "2026-11-26T09:00:00-05:00",
              "expiresAt": "2026-11-30T00:00:00-05:00",
              "overrides": {"x": {"body": "Flu shots now at our Main St clinic. Walk-ins welcome."}},
              "weight": 1.5,
              "extra": {"note": "an unknown field is signed too", "signature": "not the approval's"}
            }
            """;

    private ApprovalFixtures() {}

    static ObjectNode post() {
        try {
            return (ObjectNode) SignedContent.parse(POST.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ApprovalVerifier verifier(String name, KeyPair pair) {
        return new ApprovalVerifier(ApproverKeys.of(Map.of(name, pair.getPublic())), ApprovalPolicy.enforced());
    }
}
