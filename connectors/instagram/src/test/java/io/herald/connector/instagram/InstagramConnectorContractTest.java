package io.herald.connector.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.CheckpointException;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.ReadBack;
import io.herald.connector.Receipt;
import io.herald.connector.Secret;
import io.herald.connector.testkit.ConnectorContractTest;
import io.herald.connector.testkit.TestAttempt;
import io.herald.sandbox.SandboxAccounts;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.instagram.InstagramCaption;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstagramConnectorContractTest extends ConnectorContractTest {

    @Override
    protected String platform() {
        return "instagram";
    }

    @Override
    protected Account sandboxAccount(URI baseUrl) {
        return new Account("instagram", SandboxAccounts.DEMO, baseUrl,
                Map.of("token", Secret.of(SandboxAccounts.INSTAGRAM_DEMO_TOKEN)),
                Map.of(InstagramConfig.USER_ID, SandboxAccounts.INSTAGRAM_DEMO_USER_ID));
    }

    @Override
    protected int networkLength(String text) {
        return InstagramCaption.characters(text);
    }

    @Override
    protected Map<String, Integer> networkLengths(String text) {
        return Map.of("characters", InstagramCaption.characters(text), "hashtags", InstagramCaption.hashtags(text));
    }

    @Override
    protected SandboxFault slowPublishFault(PlatformPost post, Duration delay) {
        return SandboxFault.delay(platform(), delay).onPath("/media_publish$");
    }

    @Test
    void shouldRefuseTextAloneNamingInstagramAndTheMissingImage() {
        assertThatThrownBy(() -> connector().adapt(PostContent.text("Flu shots today."), capabilities()))
                .isInstanceOf(AdaptException.class)
                .message().contains("instagram").contains("image");
    }

    @Test
    void shouldPublishOnceFromTheContainerWhenInterruptedAfterCreatingIt() throws PublishException {
        PlatformPost post = connector().adapt(shortContent(), capabilities());
        // the first attempt stops right after the container was recorded, as a crash would
        TestAttempt first = attempt(post).failRecordingAfter(1);
        int before = sandbox().posts(account().target()).size();
        assertThatThrownBy(() -> connector().publish(first)).isInstanceOf(CheckpointException.class);
        String container = first.checkpoint("container-0").orElseThrow().get("containerId");

        Receipt receipt = connector().publish(first.next().failRecordingAfter(Integer.MAX_VALUE));

        assertThat(postsOf(receipt)).singleElement().satisfies(p -> assertThat(p.text()).isEqualTo(post.texts().get(0)));
        assertThat(sandbox().posts(account().target())).hasSize(before + 1);
        assertThat(receipt.parts().get(0).ref("containerId")).as("one container").isEqualTo(container);
    }

    @Test
    void shouldReadBackAContainerThatWasPublishedButNotRecorded() throws PublishException {
        PlatformPost post = connector().adapt(shortContent(), capabilities());
        TestAttempt first = attempt(post).failRecordingAfter(1);
        assertThatThrownBy(() -> connector().publish(first)).isInstanceOf(CheckpointException.class);
        TestAttempt second = first.next().failRecordingAfter(1);
        // publishing works, recording the part does not: the post is out, only the container is recorded
        assertThatThrownBy(() -> connector().publish(second)).isInstanceOf(CheckpointException.class);
        int before = sandbox().posts(account().target()).size();

        TestAttempt third = second.next().failRecordingAfter(Integer.MAX_VALUE);
        ReadBack found = connector().readBack(third);
        Receipt receipt = connector().publish(third);

        assertThat(found.outcome()).isEqualTo(ReadBack.Outcome.FOUND);
        assertThat(found.detail()).contains("PUBLISHED");
        assertThat(sandbox().posts(account().target())).as("nothing published again").hasSize(before);
        assertThat(postsOf(receipt)).hasSize(1);
    }

    @Test
    void shouldLearnTheDailyQuotaFromContentPublishingLimit() {
        Capabilities learnt = connector().discover(account(), capabilities());

        assertThat(capabilities().rateWindows()).containsExactly(new Capabilities.RateWindow(50, Duration.ofHours(24)));
        assertThat(learnt.rateWindows()).containsExactly(new Capabilities.RateWindow(100, Duration.ofHours(24)));
    }

    @Test
    void shouldLearnWhenTheTokenExpiresFromDebugToken() {
        Account withApp = account().withSecrets(Map.of("token", Secret.of(SandboxAccounts.INSTAGRAM_DEMO_TOKEN),
                "appToken", Secret.of(SandboxAccounts.INSTAGRAM_APP_TOKEN)));
        sandbox().configure("instagram", Map.of("tokenExpiresAt", "2099-01-01T00:00:00Z"));

        AccountHealth health = connector().health(withApp);

        assertThat(health.expiresAt()).isEqualTo(java.time.Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(health.message()).contains("debug_token");
        assertThat(connector().health(account()).expiresAt()).as("without an app token or setting").isNull();
    }

    @Test
    void shouldRefuseAPngAsInstagramDoesWhenTheUrlHidesItsType() {
        PlatformPost post = connector().adapt(new PostContent("A PNG in disguise " + java.util.UUID.randomUUID(), null, List.of(),
                List.of(new Media(sandbox().baseUri() + "/media/sample.png", "x", null))), capabilities());

        assertThatThrownBy(() -> connector().publish(attempt(post)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.kind()).isEqualTo(PublishException.Kind.PERMANENT))
                .hasMessageContaining("2207052");
    }
}
