package io.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.json.Json;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.SandboxPost;
import io.herald.testing.KafkaExtension;
import io.herald.testing.TestHerald;
import io.herald.testing.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Corrections and retraction on the real embedded Kafka and the stand-ins: {@code herald retract}
 * through the control topic, the corrections policies (edit, replace, refuse) for a revision of a
 * published post, and a takedown interrupted by a stop that finishes after the restart.
 */
@ExtendWith(KafkaExtension.class)
class RetractCommandIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Three sentences of about 230 characters each: a thread of three statuses on a 500-character Mastodon. */
    private static final String LONG = ("Our flu clinic on Main Street is open every weekday from eight in the morning until six in"
            + " the evening, and on Saturdays from nine until one, with nurses on hand to answer questions. ").repeat(5)
            + "Walk-ins are welcome and there is no charge for children under twelve or for adults over sixty-five. "
            + "Please bring your insurance card if you have one, and a list of any medicines you take. "
            + "Thank you for helping keep our community healthy this winter.";

    @Test
    void shouldTakeEveryPartDownWithWhoAndWhyAndEndWithATable(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "retract", List.of()).start()) {
            Path config = commandConfig(herald);
            herald.produce("r-1", post("r-1", 1, LONG));
            await().atMost(WAIT).until(() -> herald.auditTypes("r-1").contains("PUBLISHED"));
            List<String> ids = herald.posts().stream().map(SandboxPost::remoteId).toList();
            assertThat(ids).hasSizeGreaterThan(1);

            CommandRun r = CommandRun.run("retract", "r-1", "--config", config.toString(), "--by", "jane",
                    "--reason", "dosage typo", "--wait", "60s");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).contains("RETRACT_REQUESTED mastodon:demo revision 1: retract by jane: dosage typo; "
                    + ids.size() + " part(s) to take down");
            assertThat(r.out()).containsPattern("mastodon:demo +r-1 +1 +taken down +" + String.join(", ", ids));
            assertThat(herald.posts()).extracting(SandboxPost::state).containsOnly(SandboxPost.DELETED);
            List<JsonNode> retracted = events(herald, "r-1", "RETRACTED");
            assertThat(retracted).extracting(e -> e.get("remoteId").asText())
                    .containsExactlyElementsOf(reversed(ids));
            assertThat(retracted).allSatisfy(e -> assertThat(e.get("reason").asText()).startsWith("retract by jane: dosage typo"));
            assertThat(herald.app().store().forPost("r-1")).singleElement()
                    .satisfies(d -> assertThat(d.state().name()).isEqualTo("RETRACTED"));

            CommandRun again = CommandRun.run("retract", "r-1", "--config", config.toString(), "--by", "jane", "--reason", "twice");
            assertThat(again.exit()).isEqualTo(ControlClient.NOT_APPLIED);
            assertThat(again.out()).contains("nothing of it is on the network or waiting (mastodon:demo revision 1 RETRACTED)");
        }
    }

    @Test
    void shouldTakeAPostDownFromEveryDemoAccountAndNameWhatMustGoByHand(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "everywhere", List.of())) {
            demoAccounts(herald);
            herald.start();
            Path config = commandConfig(herald);
            List<String> targets = List.of("mastodon:demo", "linkedin:demo", "facebook:demo", "instagram:demo", "threads:demo",
                    "x:demo", "webhook:demo", "bluesky:demo");
            List<String> deleting = targets.stream().filter(t -> !t.equals("instagram:demo")).toList();
            String image = "http://localhost:" + herald.sandbox().port() + "/media/sample.jpg";
            herald.produce("all-1", Json.write(Map.of("id", "all-1", "revision", 1, "body", "Flu shots now at Main Street.",
                    "media", List.of(Map.of("url", image, "altText", "A nurse giving a flu shot", "mimeType", "image/jpeg")),
                    "targets", targets)));
            await().atMost(WAIT).until(() -> herald.auditTypes("all-1").stream().filter("PUBLISHED"::equals).count() == targets.size());
            assertThat(herald.posts()).extracting(SandboxPost::target).containsExactlyInAnyOrderElementsOf(targets);
            String instagramId = herald.posts().stream().filter(p -> p.target().equals("instagram:demo")).findFirst().orElseThrow()
                    .remoteId();

            CommandRun r = CommandRun.run("retract", "all-1", "--config", config.toString(), "--by", "jane",
                    "--reason", "patient recognisable in the photo", "--wait", "60s");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(RetractCommand.NOT_ALL_GONE);
            for (String t : deleting) {
                assertThat(r.out()).containsPattern("RETRACTED " + t + " revision 1: retract by jane")
                        .containsPattern(t + " +all-1 +1 +taken down");
            }
            assertThat(r.out()).containsPattern("instagram:demo +all-1 +1 +delete by hand +" + instagramId + " http");
            assertThat(herald.posts()).allSatisfy(p -> assertThat(p.state()).as(p.target())
                    .isEqualTo(p.target().equals("instagram:demo") ? SandboxPost.PUBLISHED : SandboxPost.DELETED));
            assertThat(events(herald, "all-1", "RETRACTED")).extracting(e -> e.get("target").asText())
                    .containsExactlyInAnyOrderElementsOf(deleting);
            assertThat(events(herald, "all-1", "RETRACTED")).allSatisfy(e -> assertThat(e.get("reason").asText())
                    .startsWith("retract by jane: patient recognisable in the photo"));
            JsonNode byHand = events(herald, "all-1", "RETRACT_BY_HAND").get(0);
            assertThat(byHand.get("target").asText()).isEqualTo("instagram:demo");
            assertThat(byHand.get("remoteUrl").asText()).startsWith("http");
            assertThat(herald.app().store().forPost("all-1")).extracting(d -> d.key().target() + " " + d.state())
                    .containsExactlyInAnyOrderElementsOf(targets.stream().map(t -> t + (t.equals("instagram:demo") ? " PUBLISHED"
                            : " RETRACTED")).toList());
            // the receiver got a signed retraction event naming the post and the reason
            JsonNode retraction = webhookDeliveries(herald).stream()
                    .filter(d -> d.at("/body/type").asText().equals("herald.post.retracted")).findFirst().orElseThrow();
            assertThat(retraction.at("/body/data/postId").asText()).isEqualTo("all-1");
            assertThat(retraction.at("/body/data/reason").asText()).isEqualTo("patient recognisable in the photo");
        }
    }

    @Test
    void shouldCancelADeliveryWaitingForItsRetryAndTakeDownThePublishedOne(TestKafka kafka) throws IOException {
        // a failed attempt waits 30 s for the next: the retraction finds the x:demo delivery waiting
        try (TestHerald herald = new TestHerald(kafka, "waiting", List.of()).withDispatch(new io.herald.config.HeraldConfig.Dispatch(
                Duration.ofMillis(100), 5, Duration.ofSeconds(30), 4, 600, Duration.ofSeconds(1)))) {
            demoAccounts(herald);
            herald.start();
            Path config = commandConfig(herald);
            herald.sandbox().inject(SandboxFault.status("x", 503).onPath("/2/tweets$").times(1000));
            herald.produce("w-1", Json.write(Map.of("id", "w-1", "revision", 1, "body", "Flu shots now at Main Street.",
                    "targets", List.of("mastodon:demo", "x:demo"))));
            await().atMost(WAIT).until(() -> herald.auditTypes("w-1").contains("PUBLISHED")
                    && herald.auditTypes("w-1").contains("RETRY_SCHEDULED"));

            CommandRun r = CommandRun.run("retract", "w-1", "--config", config.toString(), "--by", "jane",
                    "--reason", "wrong clinic", "--wait", "60s");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).containsPattern("mastodon:demo +w-1 +1 +taken down")
                    .containsPattern("x:demo +w-1 +1 +cancelled \\(was waiting\\)");
            assertThat(herald.app().store().forPost("w-1")).extracting(d -> d.key().target() + " " + d.state())
                    .containsExactlyInAnyOrder("mastodon:demo RETRACTED", "x:demo CANCELLED");
            JsonNode cancelled = events(herald, "w-1", "CANCELLED").get(0);
            assertThat(cancelled.get("target").asText()).isEqualTo("x:demo");
            assertThat(cancelled.get("reason").asText()).contains("jane").contains("wrong clinic");
            herald.sandbox().clearFaults();
            assertThat(herald.posts()).extracting(p -> p.target() + " " + p.state()).containsExactly("mastodon:demo deleted");
        }
    }

    @Test
    void shouldListABulkTakedownInADryRunThenTakeItDown(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "bulk", List.of()).start()) {
            Path config = commandConfig(herald);
            String since = java.time.Instant.now().minusSeconds(1).toString();
            herald.produce("b-1", post("b-1", 1, "Flu shots today at Main Street."));
            herald.produce("b-2", post("b-2", 1, "Flu shots tomorrow at Elm Street."));
            await().atMost(WAIT).until(() -> herald.auditTypes("b-1").contains("PUBLISHED") && herald.auditTypes("b-2").contains("PUBLISHED"));

            CommandRun dry = CommandRun.run("retract", "--account", "mastodon:demo", "--since", since, "--dry-run",
                    "--config", config.toString(), "--by", "sec-team", "--reason", "approver key compromised");
            assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
            assertThat(dry.out()).containsPattern("mastodon:demo +b-1 +1 +would take down")
                    .containsPattern("mastodon:demo +b-2 +1 +would take down");
            assertThat(herald.posts()).extracting(SandboxPost::state).containsOnly(SandboxPost.PUBLISHED);

            CommandRun bulk = CommandRun.run("retract", "--account", "mastodon:demo", "--since", since,
                    "--config", config.toString(), "--by", "sec-team", "--reason", "approver key compromised");
            assertThat(bulk.exit()).as(bulk.out() + bulk.err()).isZero();
            assertThat(bulk.out()).containsPattern("b-1 +1 +taken down").containsPattern("b-2 +1 +taken down");
            assertThat(herald.posts()).extracting(SandboxPost::state).containsOnly(SandboxPost.DELETED);
        }
    }

    @Test
    void shouldEditInPlaceUnderEdit(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "edit", List.of())) {
            corrections(herald, "edit");
            herald.start();
            herald.produce("e-1", post("e-1", 1, "Take 50 mg with food."));
            await().atMost(WAIT).until(() -> herald.auditTypes("e-1").contains("PUBLISHED"));
            String id = herald.posts().get(0).remoteId();

            herald.produce("e-1", post("e-1", 2, "Take 5 mg with food."));
            await().atMost(WAIT).until(() -> herald.auditTypes("e-1").contains("EDITED"));

            assertThat(herald.posts()).singleElement().satisfies(p -> {
                assertThat(p.remoteId()).isEqualTo(id);
                assertThat(p.text()).isEqualTo("Take 5 mg with food.");
                assertThat(p.state()).isEqualTo(SandboxPost.EDITED);
            });
            JsonNode edited = events(herald, "e-1", "EDITED").get(0);
            assertThat(edited.get("revision").asInt()).isEqualTo(2);
            assertThat(edited.get("remoteId").asText()).isEqualTo(id);
            assertThat(herald.app().store().forPost("e-1")).extracting(d -> d.key().revision() + " " + d.state())
                    .containsExactly("1 EDITED", "2 PUBLISHED");
        }
    }

    @Test
    void shouldRetractThenPublishOnceUnderReplace(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "replace", List.of())) {
            corrections(herald, "replace");
            herald.start();
            herald.produce("p-1", post("p-1", 1, "The study shows a clear benefit."));
            await().atMost(WAIT).until(() -> herald.auditTypes("p-1").contains("PUBLISHED"));
            String old = herald.posts().get(0).remoteId();

            herald.produce("p-1", post("p-1", 2, "The study has been retracted by its authors."));
            await().atMost(WAIT).until(() -> herald.auditTypes("p-1").stream().filter("PUBLISHED"::equals).count() == 2);

            assertThat(herald.posts()).extracting(p -> p.state() + " " + p.text()).containsExactly(
                    "deleted The study shows a clear benefit.", "published The study has been retracted by its authors.");
            assertThat(herald.posts().get(0).remoteId()).isEqualTo(old);
            List<String> types = herald.auditTypes("p-1");
            assertThat(types.indexOf("RETRACTED")).isLessThan(types.lastIndexOf("PUBLISHED"));
        }
    }

    @Test
    void shouldRefuseARevisionUnderRefuseNamingThePublishedPost(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "refuse", List.of()).start()) {
            herald.produce("f-1", post("f-1", 1, "Open until six."));
            await().atMost(WAIT).until(() -> herald.auditTypes("f-1").contains("PUBLISHED"));
            String id = herald.posts().get(0).remoteId();

            herald.produce("f-1", post("f-1", 2, "Open until seven."));
            await().atMost(WAIT).until(() -> herald.auditTypes("f-1").contains("FAILED"));

            assertThat(herald.posts()).singleElement().satisfies(p -> {
                assertThat(p.text()).isEqualTo("Open until six.");
                assertThat(p.state()).isEqualTo(SandboxPost.PUBLISHED);
            });
            assertThat(events(herald, "f-1", "FAILED").get(0).get("reason").asText())
                    .contains("already published there as " + id).contains("corrections policy is refuse");
        }
    }

    @Test
    void shouldFinishATakedownInterruptedByAStopWithoutAskingAgainForWhatIsGone(TestKafka kafka) throws IOException {
        // retries 3 s apart: the stop comes while the takedown waits for its next attempt
        try (TestHerald herald = new TestHerald(kafka, "sigterm", List.of()).withDispatch(new io.herald.config.HeraldConfig.Dispatch(
                Duration.ofMillis(100), 5, Duration.ofSeconds(3), 4, 600, Duration.ofSeconds(1))).start()) {
            Path config = commandConfig(herald);
            herald.produce("s-1", post("s-1", 1, LONG));
            await().atMost(WAIT).until(() -> herald.auditTypes("s-1").contains("PUBLISHED"));
            List<String> ids = herald.posts().stream().map(SandboxPost::remoteId).toList();
            assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
            // the last part goes at once; the one before it fails until the stop
            herald.sandbox().inject(SandboxFault.status("mastodon", 503).onPath("/statuses/" + ids.get(ids.size() - 2) + "$")
                    .times(1000));

            CommandRun r = CommandRun.run("retract", "s-1", "--config", config.toString(), "--by", "jane", "--reason",
                    "patient recognisable", "--wait", "1500ms");
            await().atMost(WAIT).until(() -> herald.auditTypes("s-1").contains("RETRY_SCHEDULED"));
            herald.stop();
            herald.sandbox().clearFaults();
            herald.start();
            await().atMost(WAIT).until(() -> herald.posts().stream().allMatch(p -> p.state().equals(SandboxPost.DELETED)));
            await().atMost(WAIT).until(() -> herald.app().store().forPost("s-1").get(0).state().name().equals("RETRACTED"));

            assertThat(r.exit()).isEqualTo(ControlClient.NOT_CONFIRMED);
            assertThat(r.out()).contains("in progress (1 of " + ids.size() + " parts gone)");
            // one RETRACTED per part, none "deleted before": nothing gone was asked for again
            List<JsonNode> retracted = events(herald, "s-1", "RETRACTED");
            assertThat(retracted).extracting(e -> e.get("remoteId").asText()).containsExactlyElementsOf(reversed(ids));
            assertThat(retracted).noneSatisfy(e -> assertThat(e.get("reason").asText()).contains("deleted before"));
            assertThat(herald.auditTypes("s-1")).doesNotContain("RETRACT_FAILED", "FAILED");
        }
    }

    @Test
    void shouldFinishABlueskyAndAnXThreadInterruptedByAStopWithoutDeletingAnyPartTwice(TestKafka kafka) throws IOException {
        try (TestHerald herald = new TestHerald(kafka, "sigterm-threads", List.of()).withDispatch(
                new io.herald.config.HeraldConfig.Dispatch(Duration.ofMillis(100), 5, Duration.ofSeconds(3), 4, 600,
                        Duration.ofSeconds(1)))) {
            demoAccounts(herald);
            herald.start();
            Path config = commandConfig(herald);
            herald.produce("t-1", Json.write(Map.of("id", "t-1", "revision", 1, "body", LONG,
                    "targets", List.of("bluesky:demo", "x:demo"))));
            await().atMost(WAIT).until(() -> herald.auditTypes("t-1").stream().filter("PUBLISHED"::equals).count() == 2);
            Map<String, List<String>> ids = new java.util.TreeMap<>();
            herald.posts().forEach(p -> ids.computeIfAbsent(p.target(), t -> new java.util.ArrayList<>()).add(p.remoteId()));
            assertThat(ids.get("bluesky:demo")).hasSizeGreaterThanOrEqualTo(3);
            assertThat(ids.get("x:demo")).hasSizeGreaterThanOrEqualTo(3);
            // Bluesky: the last part's deleteRecord goes through, the next ones fail until the stop
            herald.sandbox().inject(SandboxFault.delay("bluesky", Duration.ofMillis(1)).onPath("deleteRecord$").times(1));
            herald.sandbox().inject(SandboxFault.status("bluesky", 503).onPath("deleteRecord$").times(1000));
            // X: the part before the last fails until the stop
            List<String> x = ids.get("x:demo");
            herald.sandbox().inject(SandboxFault.status("x", 503).onPath("/2/tweets/" + x.get(x.size() - 2) + "$").times(1000));

            CommandRun r = CommandRun.run("retract", "t-1", "--config", config.toString(), "--by", "jane", "--reason",
                    "retracted study", "--wait", "1500ms");
            await().atMost(WAIT).until(() -> events(herald, "t-1", "RETRY_SCHEDULED").stream().map(e -> e.get("target").asText())
                    .distinct().count() == 2);
            herald.stop();
            herald.sandbox().clearFaults();
            herald.start();
            await().atMost(WAIT).until(() -> herald.posts().stream().allMatch(p -> p.state().equals(SandboxPost.DELETED)));
            await().atMost(WAIT).until(() -> herald.app().store().forPost("t-1").stream()
                    .allMatch(d -> d.state().name().equals("RETRACTED")));

            assertThat(r.exit()).isEqualTo(ControlClient.NOT_CONFIRMED);
            for (Map.Entry<String, List<String>> t : ids.entrySet()) {
                List<JsonNode> retracted = events(herald, "t-1", "RETRACTED").stream()
                        .filter(e -> e.get("target").asText().equals(t.getKey())).toList();
                // one RETRACTED per part, last first, none "deleted before": nothing gone was asked for again
                assertThat(retracted).as(t.getKey()).extracting(e -> e.get("remoteId").asText())
                        .containsExactlyElementsOf(reversed(t.getValue()));
                assertThat(retracted).as(t.getKey()).noneSatisfy(e -> assertThat(e.get("reason").asText()).contains("deleted before"));
                assertThat(retracted).allSatisfy(e -> assertThat(e.get("reason").asText()).startsWith("retract by jane: retracted study"));
            }
            assertThat(herald.auditTypes("t-1")).doesNotContain("RETRACT_FAILED", "FAILED");
        }
    }

    /** The demo accounts of every stand-in, as {@code herald run --sandbox} has them. */
    private static void demoAccounts(TestHerald herald) throws IOException {
        Files.copy(Path.of("../config/sandbox/accounts.yaml"), herald.configDir().resolve("sandbox/accounts.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the webhook receiver stand-in received, as its GET lists it. */
    private static List<JsonNode> webhookDeliveries(TestHerald herald) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(herald.sandbox().baseUri("webhook")).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            List<JsonNode> out = new java.util.ArrayList<>();
            Json.mapper().readTree(r.body()).get("deliveries").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldWaitOutARateLimitWithoutUsingUpTheAttempts(TestKafka kafka) throws IOException {
        // two attempts at most; three 429s in a row must not end the takedown
        try (TestHerald herald = new TestHerald(kafka, "ratelimit", List.of()).withDispatch(new io.herald.config.HeraldConfig.Dispatch(
                Duration.ofMillis(100), 2, Duration.ofSeconds(1), 4, 600, Duration.ofSeconds(1))).start()) {
            Path config = commandConfig(herald);
            herald.produce("l-1", post("l-1", 1, "Flu shots today at Main Street."));
            await().atMost(WAIT).until(() -> herald.auditTypes("l-1").contains("PUBLISHED"));
            String id = herald.posts().get(0).remoteId();
            herald.sandbox().inject(SandboxFault.status("mastodon", 429).withHeader("Retry-After", "1")
                    .onPath("/statuses/" + id + "$").times(3));

            CommandRun r = CommandRun.run("retract", "l-1", "--config", config.toString(), "--by", "jane",
                    "--reason", "wrong day", "--wait", "60s");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).containsPattern("mastodon:demo +l-1 +1 +taken down");
            assertThat(events(herald, "l-1", "RETRY_SCHEDULED")).hasSize(3)
                    .allSatisfy(e -> assertThat(e.get("reason").asText()).contains("the network asks to wait"));
            assertThat(herald.auditTypes("l-1")).doesNotContain("RETRACT_FAILED");
            assertThat(herald.posts()).extracting(SandboxPost::state).containsExactly(SandboxPost.DELETED);
        }
    }

    private static List<String> reversed(List<String> ids) {
        List<String> out = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(out);
        return out;
    }

    private static List<JsonNode> events(TestHerald herald, String postId, String type) {
        return herald.audit().stream().filter(e -> postId.equals(e.path("postId").asText()) && type.equals(e.path("type").asText()))
                .toList();
    }

    private static String post(String id, int revision, String body) {
        return Json.write(Map.of("id", id, "revision", revision, "body", body, "targets", List.of("mastodon:demo")));
    }

    private static void corrections(TestHerald herald, String policy) throws IOException {
        Files.writeString(herald.configDir().resolve("sandbox/accounts.yaml"), """
                accounts:
                  - target: mastodon:demo
                    baseUrl: "{sandbox}/mastodon"
                    sandboxToken: sandbox-mastodon-demo
                    corrections: %s
                """.formatted(policy));
    }

    private static Path commandConfig(TestHerald herald) throws IOException {
        var t = herald.topics();
        Path dir = Files.createDirectories(herald.configDir().resolve("cli"));
        Files.writeString(dir.resolve("accounts.yaml"), "accounts: []\n");
        return Files.writeString(dir.resolve("herald.yaml"), """
                kafka:
                  bootstrap: "%s"
                  topics: {approved: %s, held: %s, invalid: %s, dead: %s, audit: %s, control: %s}
                """.formatted(herald.config().kafka().bootstrap(), t.approved(), t.held(), t.invalid(), t.dead(), t.audit(),
                t.control()));
    }
}
