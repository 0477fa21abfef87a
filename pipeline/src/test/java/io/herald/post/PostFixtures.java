package io.herald.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Posts for the parser tests: the DESIGN.md example, and a parser that knows three accounts. */
final class PostFixtures {

    static final Set<String> CONFIGURED = Set.of("mastodon:riverside", "bluesky:riverside", "x:riverside");
    static final String CONFIGURED_HINT = "bluesky:riverside, mastodon:riverside, x:riverside";

    /** The example of DESIGN.md section 3. */
    static final String EXAMPLE = """
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
              "approval": {"approvedBy": "compliance-officer", "approvedAt": "2026-11-25T14:00:00Z", "signature": "base64..."}
            }
            """;

    private PostFixtures() {}

    static PostParser parser() {
        return new PostParser(CONFIGURED::contains, () -> CONFIGURED_HINT);
    }

    /** The example as a tree to change before parsing. */
    static ObjectNode example() {
        return (ObjectNode) tree(EXAMPLE);
    }

    /** The smallest valid post: id, body, one target. */
    static ObjectNode minimal() {
        return (ObjectNode) tree("""
                {"id": "p1", "body": "Walk-ins welcome.", "targets": ["mastodon:riverside"]}
                """);
    }

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }
}
