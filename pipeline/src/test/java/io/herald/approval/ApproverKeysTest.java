package io.herald.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.config.ConfigException;
import io.herald.config.ConfigLoader;
import io.herald.config.HeraldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApproverKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadEveryPublicKeyFileAndIgnoreOtherFiles() throws Exception {
        KeyPair alice = KeyFiles.generate();
        KeyFiles.write(alice, dir, "alice");
        Files.delete(dir.resolve("alice.key"));
        KeyFiles.write(KeyFiles.generate(), dir, "bob.smith");
        Files.delete(dir.resolve("bob.smith.key"));
        Files.writeString(dir.resolve("README.md"), "what goes here");
        Files.createDirectory(dir.resolve("old.pub"));

        ApproverKeys keys = ApproverKeys.load(dir);

        assertThat(keys.names()).containsExactly("alice", "bob.smith");
        assertThat(keys.find("alice")).hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(alice.getPublic().getEncoded()));
        assertThat(keys.find("carol")).isEmpty();
        assertThat(keys.find(null)).isEmpty();
        assertThat(keys.file("alice")).contains(dir.resolve("alice.pub"));
        assertThat(keys.folders()).containsExactly(dir);
    }

    @Test
    void shouldFailNamingTheBadKeyFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("mallory.pub"), "not a key");

        assertThatThrownBy(() -> ApproverKeys.load(dir))
                .isInstanceOf(KeyFileException.class)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(bad + ": not a PEM public key file")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldFailOnABadApproverName() throws Exception {
        Files.writeString(dir.resolve("two words.pub"), KeyFiles.publicPem(KeyFiles.generate().getPublic()));

        assertThatThrownBy(() -> ApproverKeys.load(dir)).hasMessageContaining("two words.pub").hasMessageContaining("must match");
    }

    @Test
    void shouldFailOnAMissingFolder() {
        assertThatThrownBy(() -> ApproverKeys.load(dir.resolve("nope")))
                .hasMessage(dir.resolve("nope") + ": the approvers folder does not exist");
    }

    @Test
    void shouldRefuseOneApproverInTwoFolders() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        KeyFiles.write(KeyFiles.generate(), a, "demo");
        KeyFiles.write(KeyFiles.generate(), b, "demo");

        assertThatThrownBy(() -> ApproverKeys.load(a, b)).hasMessageContaining("approver 'demo' already has a key in " + a);
    }

    @Test
    void shouldTrustTheSandboxApproversOnlyInSandboxMode() throws Exception {
        Path config = configDir("");
        KeyPair officer = KeyFiles.generate();
        KeyPair demo = KeyFiles.generate();
        KeyFiles.write(officer, config.resolve("approvers"), "officer");
        KeyFiles.write(demo, config.resolve("sandbox/approvers"), "demo");
        HeraldConfig cfg = ConfigLoader.load(config.resolve("herald.yaml"), Map.of());
        ObjectNode byDemo = ApprovalSigner.sign(ApprovalFixtures.post(), demo.getPrivate(), "demo", ApprovalFixtures.NOW);
        ObjectNode byOfficer = ApprovalSigner.sign(ApprovalFixtures.post(), officer.getPrivate(), "officer", ApprovalFixtures.NOW);

        ApprovalVerifier production = ApprovalVerifier.fromConfig(cfg, false);
        ApprovalVerifier sandbox = ApprovalVerifier.fromConfig(cfg, true);

        assertThat(production.keys().names()).containsExactly("officer");
        assertThat(production.verify(byDemo).failure()).isEqualTo(ApprovalFailure.UNKNOWN_APPROVER);
        assertThat(production.verify(byOfficer).verified()).isTrue();
        assertThat(sandbox.keys().names()).containsExactly("demo", "officer");
        assertThat(sandbox.verify(byDemo).verified()).isTrue();
        assertThat(sandbox.policy().sandbox()).isTrue();
        assertThat(production.startupWarnings()).isEmpty();
    }

    @Test
    void shouldNeedTheApproversFolderOnlyWhenApprovalIsRequired() throws Exception {
        Path required = configDir("");
        Path off = configDir("approval:\n  required: false\n");

        assertThatThrownBy(() -> ApprovalVerifier.fromConfig(ConfigLoader.load(required.resolve("herald.yaml"), Map.of()), false))
                .hasMessageContaining("approvers folder does not exist");
        ApprovalVerifier verifier = ApprovalVerifier.fromConfig(ConfigLoader.load(off.resolve("herald.yaml"), Map.of()), true);
        assertThat(verifier.keys().isEmpty()).isTrue();
        assertThat(verifier.startupWarnings()).singleElement().asString().contains(off.resolve("herald.yaml").toString());
    }

    @Test
    void shouldUseTheConfiguredApproversFolder() throws Exception {
        Path config = configDir("approval:\n  approvers: keys/trusted\n");
        KeyFiles.write(KeyFiles.generate(), config.resolve("keys/trusted"), "officer");

        ApprovalVerifier verifier = ApprovalVerifier.fromConfig(ConfigLoader.load(config.resolve("herald.yaml"), Map.of()), false);

        assertThat(verifier.keys().names()).containsExactly("officer");
        assertThat(verifier.policy().approverFolders()).containsExactly(config.resolve("keys/trusted"));
    }

    private Path configDir(String yaml) throws Exception {
        Path config = Files.createTempDirectory(dir, "config");
        Files.writeString(config.resolve("herald.yaml"), yaml);
        return config;
    }
}
