package io.herald.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever arrives on the input topic, the parser either returns a post or refuses it with an
 * {@link InvalidPostException} whose message is one line: never another exception, which would
 * stop the ingest route on a poison record.
 */
class PostParserPropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final PostParser PARSER = PostFixtures.parser();

    @Property(tries = 1000)
    void shouldOnlyEverRefuseArbitraryBytesWithAnInvalidPostException(@ForAll("bytes") byte[] raw) {
        assertParsesOrRefusesCleanly(raw);
    }

    @Property(tries = 1000)
    void shouldOnlyEverRefuseArbitraryTextWithAnInvalidPostException(@ForAll String text) {
        assertParsesOrRefusesCleanly(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void shouldOnlyEverRefuseAlmostJsonWithAnInvalidPostException(@ForAll("almostJson") String text) {
        assertParsesOrRefusesCleanly(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void shouldOnlyEverRefuseAPostWithAnyFieldReplacedWithAnInvalidPostException(
            @ForAll("paths") String path, @ForAll("json") JsonNode value) {
        ObjectNode post = PostFixtures.example();
        set(post, path, value);
        assertParsesOrRefusesCleanly(PostFixtures.bytes(post));
    }

    private static void assertParsesOrRefusesCleanly(byte[] raw) {
        try {
            Post post = PARSER.parse(raw);
            assertThat(post.targets()).isNotEmpty();
            assertThat(post.body()).isNotBlank();
        } catch (InvalidPostException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
        } catch (Throwable t) {
            fail("the parser threw " + t + " for " + new String(raw, StandardCharsets.UTF_8), t);
        }
    }

    /** Sets a value at a dotted path, creating objects and one-element arrays as needed. */
    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = child(node, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("[0]")) {
            ArrayNode array = NODES.arrayNode().add(value);
            ((ObjectNode) node).set(last.substring(0, last.length() - 3), array);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static JsonNode child(JsonNode node, String part) {
        ObjectNode object = (ObjectNode) node;
        if (part.endsWith("[0]")) {
            String name = part.substring(0, part.length() - 3);
            JsonNode array = object.get(name);
            if (array == null || !array.isArray() || array.isEmpty() || !array.get(0).isObject()) {
                array = NODES.arrayNode().add(NODES.objectNode());
                object.set(name, array);
            }
            return array.get(0);
        }
        JsonNode next = object.get(part);
        if (next == null || !next.isObject()) {
            next = NODES.objectNode();
            object.set(part, next);
        }
        return next;
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("id", "revision", "body", "link", "hashtags", "hashtags[0]", "media", "media[0]", "media[0].url",
                "media[0].altText", "media[0].mimeType", "media[0].showsFace", "media[0].consentRef", "media[0].other",
                "targets", "targets[0]", "publishAt", "expiresAt", "overrides", "overrides.x", "overrides.x.body",
                "overrides.x.link", "overrides.x.hashtags", "overrides.mastodon.hashtags[0]", "overrides.nowhere",
                "approval", "approval.approvedBy", "approval.approvedAt", "approval.signature", "approval.acknowledged",
                "approval.acknowledged[0]", "approval.other", "other", "");
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.just(NODES.nullNode()),
                () -> Arbitraries.of(true, false).map(NODES::booleanNode),
                () -> Arbitraries.integers().map(NODES::numberNode),
                () -> Arbitraries.longs().map(NODES::numberNode),
                () -> Arbitraries.doubles().map(NODES::numberNode),
                () -> interestingStrings().map(NODES::textNode),
                () -> json().list().ofMaxSize(3).map(l -> {
                    ArrayNode a = NODES.arrayNode();
                    l.forEach(a::add);
                    return a;
                }),
                () -> Combinators.combine(Arbitraries.strings().ofMaxLength(8), json()).as((k, v) -> {
                    ObjectNode o = NODES.objectNode();
                    o.set(k, v);
                    return o;
                }));
    }

    private static Arbitrary<String> interestingStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings(),
                Arbitraries.strings().withChars("\n\r\t\u0000\u2028 #:/.").ofMaxLength(5),
                Arbitraries.of("", " ", "mastodon:riverside", "x:riverside", "mastodon:nowhere", "https://r.example/a",
                        "http://", "https://[::1", "2026-11-26T09:00:00Z", "2026-11-26T09:00:00", "+999999999-12-31T23:59:59Z",
                        "image/jpeg", "#Flu", "\uD83D\uDC89", "\uD800", "a".repeat(10_001)));
    }

    @Provide
    Arbitrary<String> almostJson() {
        return Arbitraries.of("{", "}", "[", "]", ":", ",", "\"id\"", "\"body\"", "\"targets\"", "\"mastodon:riverside\"",
                "\"p1\"", "1", "-0", "1e999", "null", "true", "\"\\u", "\"\\ud800\"", " ", "\n", "/*", "//", "'")
                .list().ofMaxSize(25).map(tokens -> String.join("", tokens));
    }

    @Property(tries = 200)
    void shouldAcceptAnyListOfDistinctConfiguredTargetsKeepingItsOrder(
            @ForAll("configuredTargets") List<String> targets) throws InvalidPostException {
        ObjectNode post = PostFixtures.minimal();
        ArrayNode array = NODES.arrayNode();
        targets.forEach(array::add);
        post.set("targets", array);

        assertThat(PARSER.parse(PostFixtures.bytes(post)).targets()).containsExactlyElementsOf(targets);
    }

    @Provide
    Arbitrary<List<String>> configuredTargets() {
        return Arbitraries.of(PostFixtures.CONFIGURED).list().uniqueElements().ofMinSize(1).ofMaxSize(3);
    }
}
