package io.herald.post;

import static io.herald.post.PostFixtures.bytes;
import static io.herald.post.PostFixtures.example;
import static io.herald.post.PostFixtures.minimal;
import static io.herald.post.PostFixtures.parser;
import static io.herald.post.PostFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostParserTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Parses a tree through the byte entry point, as ingest does, and expects it to pass. */
    private static Post parse(JsonNode post) throws InvalidPostException {
        return parser().parse(bytes(post));
    }

    /** Parses and expects a refusal; returns it for the field and message to be checked. */
    private static InvalidPostException refused(JsonNode post) {
        return refusedBytes(bytes(post));
    }

    private static InvalidPostException refusedBytes(byte[] raw) {
        InvalidPostException e = catchThrowableOfType(InvalidPostException.class, () -> parser().parse(raw));
        assertThat(e).as("the parser should refuse %s", raw == null ? null : new String(raw, StandardCharsets.UTF_8)).isNotNull();
        return e;
    }

    private static ObjectNode with(String field, JsonNode value) {
        ObjectNode post = example();
        post.set(field, value);
        return post;
    }

    private static ObjectNode with(String field, String value) {
        return with(field, NODES.textNode(value));
    }

    private static ObjectNode without(String field) {
        ObjectNode post = example();
        post.remove(field);
        return post;
    }

    @Nested
    class AValidPost {

        @Test
        void shouldReadEveryFieldOfTheDesignExample() throws Exception {
            Post post = parse(example());

            assertThat(post.id()).isEqualTo("flu-clinic-2026-11");
            assertThat(post.revision()).isEqualTo(1);
            assertThat(post.body()).startsWith("Flu shots are now available");
            assertThat(post.link()).isEqualTo("https://riverside.example/flu");
            assertThat(post.hashtags()).containsExactly("FluSeason");
            assertThat(post.media()).containsExactly(new Post.MediaItem("https://riverside.example/flu.jpg",
                    "A nurse giving a flu shot", "image/jpeg", false, null));
            assertThat(post.targets()).containsExactly("mastodon:riverside", "bluesky:riverside", "x:riverside");
            assertThat(post.publishAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T09:00:00-05:00"));
            assertThat(post.expiresAt()).isEqualTo(OffsetDateTime.parse("2026-11-30T00:00:00-05:00"));
            assertThat(post.overrides()).containsOnlyKeys("x");
            assertThat(post.overrides().get("x").body()).isEqualTo("Flu shots now at our Main St clinic. Walk-ins welcome.");
            assertThat(post.approval()).isEqualTo(new Post.Approval("compliance-officer", "2026-11-25T14:00:00Z", "base64...", Set.of()));
        }

        @Test
        void shouldDefaultEverythingOptionalWhenOnlyIdBodyAndTargetsAreGiven() throws Exception {
            Post post = parse(minimal());

            assertThat(post.revision()).isEqualTo(1);
            assertThat(post.link()).isNull();
            assertThat(post.hashtags()).isEmpty();
            assertThat(post.media()).isEmpty();
            assertThat(post.publishAt()).isNull();
            assertThat(post.expiresAt()).isNull();
            assertThat(post.overrides()).isEmpty();
            assertThat(post.approval()).isNull();
        }

        @Test
        void shouldTreatAnExplicitNullLikeAnAbsentOptionalField() throws Exception {
            ObjectNode post = minimal();
            for (String field : new String[] {"revision", "link", "hashtags", "media", "publishAt", "expiresAt", "overrides",
                "approval"}) {
                post.putNull(field);
            }

            Post parsed = parse(post);

            assertThat(parsed.revision()).isEqualTo(1);
            assertThat(parsed.link()).isNull();
            assertThat(parsed.hashtags()).isEmpty();
            assertThat(parsed.approval()).isNull();
        }

        @Test
        void shouldAcceptTheSameBytesThroughBothEntryPoints() throws Exception {
            byte[] raw = PostFixtures.EXAMPLE.getBytes(StandardCharsets.UTF_8);

            assertThat(parser().parse(raw)).isEqualTo(parser().parse(PostParser.readTree(raw)));
        }
    }

    @Nested
    class Id {

        @Test
        void shouldRequireAnIdNamingTheField() {
            InvalidPostException e = refused(without("id"));

            assertThat(e.field()).isEqualTo("id");
            assertThat(e).hasMessageStartingWith("id: is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "flu clinic", "flu/clinic", "grippe-été", "a:b", "tab\there"})
        void shouldRefuseAnIdOutsideThePatternNamingTheField(String id) {
            InvalidPostException e = refused(with("id", id));

            assertThat(e.field()).isEqualTo("id");
            assertThat(e.getMessage()).contains("[A-Za-z0-9._-]{1,128}");
        }

        @Test
        void shouldAcceptAnIdOf128CharactersButNot129() throws Exception {
            assertThat(parse(with("id", "a".repeat(128))).id()).hasSize(128);

            assertThat(refused(with("id", "a".repeat(129))).field()).isEqualTo("id");
        }

        @Test
        void shouldAcceptEveryCharacterThePatternAllows() throws Exception {
            assertThat(parse(with("id", "Aa0._-Zz9")).id()).isEqualTo("Aa0._-Zz9");
        }
    }

    @Nested
    class Revision {

        @Test
        void shouldReadAHigherRevision() throws Exception {
            assertThat(parse(with("revision", NODES.numberNode(7))).revision()).isEqualTo(7);
        }

        static Stream<JsonNode> badRevisions() {
            return Stream.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1.5), NODES.numberNode(2.0),
                    NODES.textNode("2"), NODES.numberNode(2_147_483_648L), NODES.booleanNode(true), NODES.arrayNode());
        }

        @ParameterizedTest
        @MethodSource("badRevisions")
        void shouldRefuseARevisionThatIsNotAWholeNumberOfAtLeastOne(JsonNode revision) {
            InvalidPostException e = refused(with("revision", revision));

            assertThat(e.field()).isEqualTo("revision");
            assertThat(e.getMessage()).contains("whole number of at least 1");
        }
    }

    @Nested
    class Body {

        @Test
        void shouldRequireABody() {
            assertThat(refused(without("body"))).hasMessageStartingWith("body: is required");
            assertThat(refused(with("body", NODES.nullNode()))).hasMessageStartingWith("body: is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "  \n\t  ", "\u2003", "\u00A0", "\u200B", "\u00A0\u200B\u2060 "})
        void shouldRefuseABodyThatIsBlankOrOnlyInvisibleCharacters(String body) {
            InvalidPostException e = refused(with("body", body));

            assertThat(e.field()).isEqualTo("body");
            assertThat(e).hasMessageStartingWith("body: must not be empty");
        }

        @Test
        void shouldAcceptABodyOfExactlyTheLimit() throws Exception {
            assertThat(parse(with("body", "a".repeat(PostParser.MAX_BODY))).body()).hasSize(10_000);
        }

        @Test
        void shouldRefuseABodyOneCharacterOverTheLimitSayingHowLong() {
            InvalidPostException e = refused(with("body", "a".repeat(PostParser.MAX_BODY + 1)));

            assertThat(e.field()).isEqualTo("body");
            assertThat(e).hasMessageStartingWith("body: is 10001 characters; the most is 10000");
        }

        @Test
        void shouldCountAnEmojiAsOneCharacter() throws Exception {
            String emoji = "\uD83D\uDC89"; // U+1F489 SYRINGE: two UTF-16 units, one code point
            String atLimit = emoji.repeat(PostParser.MAX_BODY);
            assertThat(atLimit.length()).isEqualTo(20_000);

            assertThat(parse(with("body", atLimit)).body()).isEqualTo(atLimit);
            assertThat(refused(with("body", atLimit + emoji))).hasMessageStartingWith("body: is 10001 characters; the most is 10000");
        }

        @Test
        void shouldRefuseABodyOfTheWrongTypeNamingItsType() {
            assertThat(refused(with("body", NODES.numberNode(42)))).hasMessageStartingWith("body: must be a string, but is a number");
        }
    }

    @Nested
    class Link {

        @ParameterizedTest
        @ValueSource(strings = {"https://riverside.example/flu", "http://riverside.example", "https://riverside.example:8443/a?b=c#d"})
        void shouldAcceptAnHttpOrHttpsUrl(String link) throws Exception {
            assertThat(parse(with("link", link)).link()).isEqualTo(link);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://riverside.example/flu", "javascript:alert(1)", "mailto:info@riverside.example",
            "riverside.example/flu", "https://", "https:///path", "not a url", "https://exa mple.org"})
        void shouldRefuseALinkThatIsNotAnHttpUrl(String link) {
            InvalidPostException e = refused(with("link", link));

            assertThat(e.field()).isEqualTo("link");
            assertThat(e.getMessage()).contains("must be an http or https URL");
        }
    }

    @Nested
    class Hashtags {

        @Test
        void shouldStripALeadingHashAndKeepUnicodeLettersAndDigits() throws Exception {
            ArrayNode tags = NODES.arrayNode().add("#FluSeason").add("Grippe2026").add("インフルエンザ").add("flu_shot");

            assertThat(parse(with("hashtags", tags)).hashtags())
                    .containsExactly("FluSeason", "Grippe2026", "インフルエンザ", "flu_shot");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "#", "flu season", "flu-season", "##flu", "flu!"})
        void shouldRefuseATagThatIsNotLettersDigitsOrUnderscoreNamingItsIndex(String tag) {
            InvalidPostException e = refused(with("hashtags", NODES.arrayNode().add("ok").add(tag)));

            assertThat(e.field()).isEqualTo("hashtags[1]");
        }

        @Test
        void shouldRefuseATagOfMoreThanOneHundredCharacters() throws Exception {
            assertThat(parse(with("hashtags", NODES.arrayNode().add("a".repeat(100)))).hashtags()).hasSize(1);

            assertThat(refused(with("hashtags", NODES.arrayNode().add("a".repeat(101)))).field()).isEqualTo("hashtags[0]");
        }

        @Test
        void shouldRefuseATagThatIsNotAString() {
            assertThat(refused(with("hashtags", NODES.arrayNode().add(5)))).hasMessageStartingWith("hashtags[0]: must be a string");
        }

        @Test
        void shouldRefuseHashtagsThatAreNotAnArray() {
            assertThat(refused(with("hashtags", "FluSeason"))).hasMessageStartingWith("hashtags: must be an array of strings");
        }
    }

    @Nested
    class Media {

        private ObjectNode withMedia(String item) {
            return with("media", NODES.arrayNode().add(tree(item)));
        }

        @Test
        void shouldReadEveryMediaField() throws Exception {
            Post post = parse(withMedia("""
                    {"url": "https://r.example/a.mp4", "altText": "A tour", "mimeType": "video/mp4",
                     "showsFace": true, "consentRef": "consent-2026-041"}
                    """));

            assertThat(post.media()).containsExactly(
                    new Post.MediaItem("https://r.example/a.mp4", "A tour", "video/mp4", true, "consent-2026-041"));
        }

        @Test
        void shouldNeedOnlyAUrl() throws Exception {
            assertThat(parse(withMedia("{\"url\": \"https://r.example/a.png\"}")).media())
                    .containsExactly(new Post.MediaItem("https://r.example/a.png", null, null, false, null));
        }

        @Test
        void shouldRequireAUrlNamingTheItem() {
            assertThat(refused(withMedia("{\"altText\": \"A nurse\"}"))).hasMessageStartingWith("media[0].url: is required");
        }

        @Test
        void shouldRefuseAUrlThatIsNotHttp() {
            assertThat(refused(withMedia("{\"url\": \"file:///etc/passwd\"}")).field()).isEqualTo("media[0].url");
        }

        @Test
        void shouldRefuseAnUnknownMediaFieldNamingIt() {
            InvalidPostException e = refused(withMedia("{\"url\": \"https://r.example/a.png\", \"alt\": \"A nurse\"}"));

            assertThat(e.field()).isEqualTo("media[0]");
            assertThat(e.getMessage()).contains("unknown field").contains("altText");
        }

        @Test
        void shouldRefuseShowsFaceThatIsNotABoolean() {
            assertThat(refused(withMedia("{\"url\": \"https://r.example/a.png\", \"showsFace\": \"yes\"}")))
                    .hasMessageStartingWith("media[0].showsFace: must be true or false");
        }

        @ParameterizedTest
        @ValueSource(strings = {"altText", "mimeType", "consentRef"})
        void shouldRefuseATextFieldOfTheWrongTypeNamingIt(String field) {
            InvalidPostException e = refused(withMedia("{\"url\": \"https://r.example/a.png\", \"" + field + "\": 1}"));

            assertThat(e.field()).isEqualTo("media[0]." + field);
        }

        @ParameterizedTest
        @ValueSource(strings = {"image/jpeg", "image/png", "image/gif", "video/mp4", "audio/mpeg", "image/svg+xml", "IMAGE/JPEG"})
        void shouldAcceptAnImageVideoOrAudioMimeType(String mime) throws Exception {
            assertThat(parse(withMedia("{\"url\": \"https://r.example/a\", \"mimeType\": \"" + mime + "\"}")).media().get(0).mimeType())
                    .isEqualTo(mime);
        }

        @ParameterizedTest
        @ValueSource(strings = {"jpeg", "", "text/html", "application/pdf", "image/", "/jpeg", "image/jpeg; charset=x"})
        void shouldRefuseAMimeTypeThatIsNotAnImageVideoOrAudioType(String mime) {
            InvalidPostException e = refused(withMedia("{\"url\": \"https://r.example/a\", \"mimeType\": \"" + mime + "\"}"));

            assertThat(e.field()).isEqualTo("media[0].mimeType");
        }

        @Test
        void shouldRefuseAnItemThatIsNotAnObjectNamingItsIndex() {
            ObjectNode post = with("media", NODES.arrayNode().add(tree("{\"url\": \"https://r.example/a.png\"}"))
                    .add("https://r.example/b.png"));

            assertThat(refused(post).field()).isEqualTo("media[1]");
        }

        @Test
        void shouldRefuseMediaThatIsNotAnArray() {
            assertThat(refused(with("media", tree("{\"url\": \"https://r.example/a.png\"}"))).field()).isEqualTo("media");
        }
    }

    @Nested
    class Targets {

        @Test
        void shouldRequireTargets() {
            assertThat(refused(without("targets"))).hasMessageStartingWith("targets: is required");
            assertThat(refused(with("targets", NODES.nullNode()))).hasMessageStartingWith("targets: is required");
        }

        @Test
        void shouldRefuseAnEmptyListOfTargets() {
            InvalidPostException e = refused(with("targets", NODES.arrayNode()));

            assertThat(e.field()).isEqualTo("targets");
            assertThat(e.getMessage()).contains("non-empty array");
        }

        @Test
        void shouldRefuseASingleTargetNotInAList() {
            assertThat(refused(with("targets", "mastodon:riverside")).field()).isEqualTo("targets");
        }

        @ParameterizedTest
        @ValueSource(strings = {"mastodon", "mastodon:", ":riverside", "Mastodon:riverside", "mastodon:river side",
            "mastodon:riverside:extra", "1mastodon:riverside"})
        void shouldRefuseATargetThatIsNotPlatformColonAccountNamingItsIndex(String target) {
            InvalidPostException e = refused(with("targets", NODES.arrayNode().add("mastodon:riverside").add(target)));

            assertThat(e.field()).isEqualTo("targets[1]");
            assertThat(e.getMessage()).contains("must look like platform:account");
        }

        @Test
        void shouldRefuseATargetThatIsNotAString() {
            assertThat(refused(with("targets", NODES.arrayNode().add(NODES.objectNode()))).field()).isEqualTo("targets[0]");
        }

        @Test
        void shouldRefuseAnUnknownAccountListingTheConfiguredOnes() {
            InvalidPostException e = refused(with("targets", NODES.arrayNode().add("mastodon:elsewhere")));

            assertThat(e.field()).isEqualTo("targets[0]");
            assertThat(e).hasMessageStartingWith("targets[0]: is not a configured account; configured: "
                    + "bluesky:riverside, mastodon:riverside, x:riverside");
        }

        @Test
        void shouldRefuseATargetListedTwice() {
            InvalidPostException e = refused(with("targets",
                    NODES.arrayNode().add("mastodon:riverside").add("x:riverside").add("mastodon:riverside")));

            assertThat(e.field()).isEqualTo("targets[2]");
            assertThat(e.getMessage()).contains("is listed twice (also targets[0])");
        }

        @Test
        void shouldKeepTheTargetsInTheirOrder() throws Exception {
            Post post = parse(with("targets", NODES.arrayNode().add("x:riverside").add("mastodon:riverside")));

            assertThat(post.targets()).containsExactly("x:riverside", "mastodon:riverside");
        }
    }

    @Nested
    class Times {

        @Test
        void shouldRefuseAPublishTimeWithoutAnOffsetNamingPublishAt() {
            InvalidPostException e = refused(with("publishAt", "2026-11-26T09:00:00"));

            assertThat(e.field()).isEqualTo("publishAt");
            assertThat(e.getMessage()).contains("with an offset").doesNotContain("2026-11-26T09:00:00'");
        }

        @Test
        void shouldRefuseAnExpiryWithoutAnOffsetNamingExpiresAt() {
            assertThat(refused(with("expiresAt", "2026-11-30T00:00:00")).field()).isEqualTo("expiresAt");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-11-26", "tomorrow", "2026-11-26 09:00:00Z", "2026-11-26T09:00:00-05:00[America/New_York]",
            "2026-13-26T09:00:00Z", "1764165600"})
        void shouldRefuseAPublishTimeThatIsNotAnIsoTimeWithOffset(String time) {
            assertThat(refused(with("publishAt", time)).field()).isEqualTo("publishAt");
        }

        @Test
        void shouldRefuseAPublishTimeGivenAsANumber() {
            assertThat(refused(with("publishAt", NODES.numberNode(1764165600L)))).hasMessageStartingWith("publishAt: must be a string, but is a number");
        }

        @Test
        void shouldKeepTheOffsetOfThePublishTime() throws Exception {
            Post post = parse(with("publishAt", "2026-11-26T09:00:00+09:00"));

            assertThat(post.publishAt().getOffset().getTotalSeconds()).isEqualTo(9 * 3600);
        }

        @Test
        void shouldRefuseAnExpiryAtThePublishTime() {
            ObjectNode post = with("publishAt", "2026-11-26T09:00:00-05:00");
            post.put("expiresAt", "2026-11-26T14:00:00Z"); // the same instant, another offset

            InvalidPostException e = refused(post);

            assertThat(e).hasMessageStartingWith("expiresAt: must be after publishAt");
        }

        @Test
        void shouldCompareTimesAsInstantsNotAsLocalTimes() {
            ObjectNode post = with("publishAt", "2026-11-26T09:00:00-05:00"); // 14:00Z
            post.put("expiresAt", "2026-11-26T13:00:00Z"); // looks later, is earlier

            assertThat(refused(post).field()).isEqualTo("expiresAt");
        }

        @Test
        void shouldAcceptAnExpiryWithoutAPublishTime() throws Exception {
            Post post = parse(without("publishAt"));

            assertThat(post.publishAt()).isNull();
            assertThat(post.expiresAt()).isEqualTo(OffsetDateTime.parse("2026-11-30T00:00:00-05:00"));
        }
    }

    @Nested
    class Overrides {

        @Test
        void shouldReadEveryOverrideField() throws Exception {
            Post post = parse(with("overrides", tree("""
                    {"x": {"body": "Short.", "link": "https://r.example/x", "hashtags": ["#Flu"]}}
                    """)));

            assertThat(post.overrides().get("x")).isEqualTo(new Post.Override("Short.", "https://r.example/x", java.util.List.of("Flu")));
        }

        @Test
        void shouldRefuseAnOverrideForAPlatformNoTargetIsOnListingTheTargetsPlatforms() {
            ObjectNode post = minimal();
            post.set("overrides", tree("{\"bluesky\": {\"body\": \"Short.\"}}"));

            InvalidPostException e = refused(post);

            assertThat(e.field()).isEqualTo("overrides");
            assertThat(e.getMessage()).startsWith("overrides: a key is not the platform of any target; targets' platforms: mastodon (line ")
                    .doesNotContain("bluesky");
        }

        @Test
        void shouldRefuseAnUnknownOverrideFieldNamingIt() {
            InvalidPostException e = refused(with("overrides", tree("{\"x\": {\"text\": \"Short.\"}}")));

            assertThat(e.field()).isEqualTo("overrides.x");
        }

        @Test
        void shouldCheckAnOverrideBodyLikeTheBody() {
            assertThat(refused(with("overrides", tree("{\"x\": {\"body\": \"  \"}}"))))
                    .hasMessageStartingWith("overrides.x.body: must not be empty");
            assertThat(refused(with("overrides", tree("{\"x\": {\"body\": \"" + "a".repeat(10_001) + "\"}}"))).field())
                    .isEqualTo("overrides.x.body");
        }

        @Test
        void shouldCheckAnOverrideLinkAndHashtags() {
            assertThat(refused(with("overrides", tree("{\"x\": {\"link\": \"ftp://r.example\"}}"))).field())
                    .isEqualTo("overrides.x.link");
            assertThat(refused(with("overrides", tree("{\"x\": {\"hashtags\": [\"no spaces\"]}}"))).field())
                    .isEqualTo("overrides.x.hashtags[0]");
        }

        @Test
        void shouldRefuseOverridesThatAreNotObjects() {
            assertThat(refused(with("overrides", NODES.arrayNode())).field()).isEqualTo("overrides");
            assertThat(refused(with("overrides", tree("{\"x\": \"Short.\"}"))).field()).isEqualTo("overrides.x");
        }
    }

    @Nested
    class Approval {

        @Test
        void shouldReadAcknowledgedFindings() throws Exception {
            Post post = parse(with("approval", tree("""
                    {"approvedBy": "co", "approvedAt": "2026-11-25T14:00:00Z", "signature": "c2ln",
                     "acknowledged": ["conduct.superlative", "readability.grade"]}
                    """)));

            assertThat(post.approval().acknowledged()).containsExactlyInAnyOrder("conduct.superlative", "readability.grade");
        }

        @Test
        void shouldLeaveTheCompletenessOfAnApprovalToTheApprovalCheck() throws Exception {
            assertThat(parse(with("approval", NODES.objectNode())).approval())
                    .isEqualTo(new Post.Approval(null, null, null, Set.of()));
        }

        @Test
        void shouldRefuseAnApprovalTimeWithoutAnOffset() {
            assertThat(refused(with("approval", tree("{\"approvedAt\": \"2026-11-25T14:00:00\"}"))).field())
                    .isEqualTo("approval.approvedAt");
        }

        @Test
        void shouldRefuseAnUnknownApprovalFieldNamingIt() {
            assertThat(refused(with("approval", tree("{\"approver\": \"co\"}"))).field()).isEqualTo("approval");
        }

        @ParameterizedTest
        @ValueSource(strings = {"approvedBy", "approvedAt", "signature"})
        void shouldRefuseAnApprovalFieldOfTheWrongType(String field) {
            assertThat(refused(with("approval", tree("{\"" + field + "\": true}"))))
                    .hasMessageStartingWith("approval." + field + ": must be a string, but is true or false");
        }

        @Test
        void shouldRefuseAcknowledgedFindingsThatAreNotAListOfStrings() {
            assertThat(refused(with("approval", tree("{\"acknowledged\": \"conduct\"}"))).field()).isEqualTo("approval.acknowledged");
            assertThat(refused(with("approval", tree("{\"acknowledged\": [\"a\", 1]}"))).field()).isEqualTo("approval.acknowledged[1]");
        }

        @Test
        void shouldRefuseAnApprovalThatIsNotAnObject() {
            assertThat(refused(with("approval", "signed")).field()).isEqualTo("approval");
        }
    }

    @Nested
    class Shape {

        @Test
        void shouldRefuseAnUnknownTopLevelFieldNamingItAndListingTheKnownOnes() {
            ObjectNode post = example();
            post.put("publish_at", "2026-11-26T09:00:00-05:00");

            InvalidPostException e = refused(post);

            assertThat(e.field()).isNull();
            assertThat(e.getMessage()).contains("unknown field").contains("publishAt");
        }

        static Stream<Arguments> wrongTypes() {
            return Stream.of(
                    Arguments.of("id", NODES.numberNode(5)),
                    Arguments.of("revision", NODES.textNode("1")),
                    Arguments.of("body", NODES.arrayNode().add("Flu shots")),
                    Arguments.of("link", NODES.booleanNode(true)),
                    Arguments.of("hashtags", NODES.textNode("FluSeason")),
                    Arguments.of("media", NODES.objectNode()),
                    Arguments.of("targets", NODES.objectNode()),
                    Arguments.of("publishAt", NODES.numberNode(1)),
                    Arguments.of("expiresAt", NODES.arrayNode()),
                    Arguments.of("overrides", NODES.textNode("x")),
                    Arguments.of("approval", NODES.numberNode(1)));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("wrongTypes")
        void shouldRefuseAFieldOfTheWrongJsonTypeNamingIt(String field, JsonNode value) {
            InvalidPostException e = refused(with(field, value));

            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + ": ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"hello", "{", "{\"id\": }", "{'id': 'p1'}", "[1, 2"})
        void shouldRefuseTextThatIsNotJsonForTheWholeRecord(String raw) {
            InvalidPostException e = refusedBytes(raw.getBytes(StandardCharsets.UTF_8));

            assertThat(e.field()).isNull();
            assertThat(e.getMessage()).startsWith("not valid JSON: ").doesNotContain("\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void shouldRefuseAnEmptyRecord(String raw) {
            InvalidPostException e = refusedBytes(raw.getBytes(StandardCharsets.UTF_8));

            assertThat(e.field()).isNull();
            assertThat(e).hasMessageStartingWith("empty record");
        }

        @Test
        void shouldRefuseANullRecordAsEmpty() {
            assertThat(refusedBytes(null)).hasMessageStartingWith("empty record");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "42", "\"a post\"", "null", "true"})
        void shouldRefuseJsonThatIsNotAnObject(String raw) {
            InvalidPostException e = refusedBytes(raw.getBytes(StandardCharsets.UTF_8));

            assertThat(e.field()).isNull();
            assertThat(e.getMessage()).startsWith("a post must be a JSON object, but is ");
        }

        @Test
        void shouldRefuseBytesThatAreNotUtf8() {
            byte[] raw = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            assertThat(refusedBytes(raw)).hasMessage("is not UTF-8 text (a malformed byte sequence at byte 8)");
        }

        @Test
        void shouldRefuseAValidPostFollowedByMoreContent() {
            byte[] raw = (PostFixtures.EXAMPLE + " {\"id\": \"second\"}").getBytes(StandardCharsets.UTF_8);

            InvalidPostException e = refusedBytes(raw);

            assertThat(e.field()).isNull();
            assertThat(e).hasMessage("not valid JSON: there is more text after the end of the post; a record holds one post"
                    + " (line 14, column 2)");
        }

        @Test
        void shouldNotCallAnUnquotedWordAtTheStartTextAfterThePost() {
            byte[] raw = "not json { Jane Roe".getBytes(StandardCharsets.UTF_8);

            assertThat(refusedBytes(raw)).hasMessage("not valid JSON: a value is not JSON; text must be in double quotes (line 1, column 1)");
        }

        @Test
        void shouldRefuseAFieldGivenTwiceNamingIt() {
            byte[] raw = """
                    {"id": "p1", "body": "Walk-ins welcome.", "targets": ["mastodon:riverside"], "targets": ["x:riverside"]}
                    """.getBytes(StandardCharsets.UTF_8);

            InvalidPostException e = refusedBytes(raw);

            assertThat(e.getMessage()).contains("the field targets is given twice").contains("(line 1, column ");
        }
    }

    @Nested
    class TheException {

        @Test
        void shouldPrefixTheMessageWithTheField() {
            InvalidPostException e = new InvalidPostException("targets[1]", "is listed twice");

            assertThat(e.field()).isEqualTo("targets[1]");
            assertThat(e).hasMessageStartingWith("targets[1]: is listed twice");
        }

        @Test
        void shouldNeverQuoteTheRecordSoThatTheMessageStaysOneLine() {
            InvalidPostException e = refused(with("id", "first\nsecond\r\u2028third"));

            assertThat(e.field()).isEqualTo("id");
            assertThat(e.getMessage()).hasLineCount(1).doesNotContain("first").doesNotContain("second");
        }

        @Test
        void shouldKeepAMessageOnOneLineWhateverTheCallerGives() {
            InvalidPostException e = new InvalidPostException("id", "is 'a\nb'");

            assertThat(e).hasMessage("id: is 'a\\nb'");
        }

        @Test
        void shouldPlaceTheProblemAtALineAndColumn() {
            InvalidPostException e = new InvalidPostException("targets[1]", "is listed twice").at(3, 14);

            assertThat(e).hasMessage("targets[1]: is listed twice (line 3, column 14)");
            assertThat(e.problem()).isEqualTo("is listed twice");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(14);
        }

        @Test
        void shouldPointAtTheOffendingValueInTheRecord() {
            byte[] raw = "{\n  \"id\": \"p1\",\n  \"body\": \"Hi.\",\n  \"targets\": [\"mastodon:riverside\", 7]\n}"
                    .getBytes(StandardCharsets.UTF_8);

            assertThat(refusedBytes(raw)).hasMessage("targets[1]: must be a string \"platform:account\", but is a number (line 4, column 37)");
        }

        @Test
        void shouldPointAtAnUnknownFieldsNameWithoutSayingIt() {
            byte[] raw = "{\"id\": \"p1\", \"body\": \"Hi.\", \"targets\": [\"mastodon:riverside\"],\n \"publish_at\": \"x\"}"
                    .getBytes(StandardCharsets.UTF_8);

            InvalidPostException e = refusedBytes(raw);

            assertThat(e.field()).isNull();
            assertThat(e.getMessage()).startsWith("unknown field (did you mean publishAt?); the fields of a post are approval, body,")
                    .endsWith(" (line 2, column 2)").doesNotContain("publish_at");
        }

        @Test
        void shouldPointAtAnUnquotedValue() {
            byte[] raw = "{\"id\": \"p1\",\n\"body\": Jane Doe}".getBytes(StandardCharsets.UTF_8);

            assertThat(refusedBytes(raw)).hasMessage("not valid JSON: a value is not JSON; text must be in double quotes (line 2, column 9)");
        }

        @Test
        void shouldGiveTheProblemAloneForTheWholeRecord() {
            InvalidPostException e = new InvalidPostException(null, "empty record");

            assertThat(e.field()).isNull();
            assertThat(e).hasMessageStartingWith("empty record");
        }
    }
}
