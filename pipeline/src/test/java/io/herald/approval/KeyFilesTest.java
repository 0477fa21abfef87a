package io.herald.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAPemKeyPairThatReadsBack() throws Exception {
        KeyPair pair = KeyFiles.generate();

        Path[] files = KeyFiles.write(pair, dir, "compliance-officer");

        assertThat(files[0]).isEqualTo(dir.resolve("compliance-officer.key"));
        assertThat(files[1]).isEqualTo(dir.resolve("compliance-officer.pub"));
        assertThat(Files.readString(files[0])).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(files[1])).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        PrivateKey privateKey = KeyFiles.readPrivate(files[0]);
        PublicKey publicKey = KeyFiles.readPublic(files[1]);
        assertThat(privateKey.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(publicKey.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void shouldMakeThePrivateKeyReadableByItsOwnerOnly() throws Exception {
        Path[] files = KeyFiles.write(KeyFiles.generate(), dir, "a");

        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(files[0]))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void shouldNeverOverwriteAndWriteNothingWhenEitherFileExists() throws Exception {
        Files.writeString(dir.resolve("a.pub"), "keep me");

        assertThatThrownBy(() -> KeyFiles.write(KeyFiles.generate(), dir, "a"))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("a.pub already exists");
        assertThat(dir.resolve("a.key")).doesNotExist();
        assertThat(Files.readString(dir.resolve("a.pub"))).isEqualTo("keep me");
    }

    @Test
    void shouldCreateTheFolder() {
        Path[] files = KeyFiles.write(KeyFiles.generate(), dir.resolve("new/folder"), "a");

        assertThat(files[0]).exists();
    }

    @Test
    void shouldReadOpenSslStyleFilesWithTextAroundTheBlock() throws Exception {
        KeyPair pair = KeyFiles.generate();
        Path file = dir.resolve("x.pub");
        Files.writeString(file, "Approver X, 2026\r\n" + KeyFiles.publicPem(pair.getPublic()).replace("\n", "\r\n"));

        assertThat(KeyFiles.readPublic(file).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void shouldSayWhatIsWrongWithABadFileAndNameIt() throws Exception {
        Path notPem = Files.writeString(dir.resolve("a.pub"), "hello");
        Path badBase64 = Files.writeString(dir.resolve("b.pub"), "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n");
        Path garbage = Files.writeString(dir.resolve("c.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Path privateAsPublic = Files.writeString(dir.resolve("d.pub"), KeyFiles.privatePem(KeyFiles.generate().getPrivate()));
        Path publicAsPrivate = Files.writeString(dir.resolve("e.key"), KeyFiles.publicPem(KeyFiles.generate().getPublic()));

        assertThatThrownBy(() -> KeyFiles.readPublic(notPem)).hasMessage(notPem + ": not a PEM public key file"
                + " (expected a '-----BEGIN PUBLIC KEY-----' ... '-----END PUBLIC KEY-----' block)");
        assertThatThrownBy(() -> KeyFiles.readPublic(badBase64)).hasMessage(badBase64 + ": the PEM block is not valid base64");
        assertThatThrownBy(() -> KeyFiles.readPublic(garbage)).hasMessage(garbage + ": not an Ed25519 public key");
        assertThatThrownBy(() -> KeyFiles.readPublic(privateAsPublic)).hasMessageContaining("PRIVATE key").hasMessageStartingWith(privateAsPublic.toString());
        assertThatThrownBy(() -> KeyFiles.readPrivate(publicAsPrivate)).hasMessageContaining("this is a public key");
        assertThatThrownBy(() -> KeyFiles.readPrivate(dir.resolve("missing.key"))).hasMessageEndingWith("missing.key: no such file");
    }

    @Test
    void shouldRefuseKeysThatAreNotEd25519() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path ed448 = dir.resolve("ed448.pub");
        KeyPair ed448Pair = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        Files.writeString(ed448, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ed448Pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> KeyFiles.parsePublic(pem, "rsa.pub")).hasMessage("rsa.pub: not an Ed25519 public key");
        assertThatThrownBy(() -> KeyFiles.readPublic(ed448)).hasMessage(ed448 + ": not an Ed25519 public key");
    }

    @Test
    void shouldTakeTheApproverNameFromTheFileName() {
        assertThat(KeyFiles.approverName(Path.of("config/approvers/compliance-officer.pub"), ".pub")).isEqualTo("compliance-officer");
        assertThat(KeyFiles.approverName(Path.of("dr.jones_2.key"), ".key")).isEqualTo("dr.jones_2");
        assertThatThrownBy(() -> KeyFiles.approverName(Path.of("a b.pub"), ".pub")).hasMessageContaining("'a b' must match");
        assertThatThrownBy(() -> KeyFiles.approverName(Path.of("key.pem"), ".key")).hasMessageContaining("must be named NAME.key");
        assertThatThrownBy(() -> KeyFiles.write(KeyFiles.generate(), dir, "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
