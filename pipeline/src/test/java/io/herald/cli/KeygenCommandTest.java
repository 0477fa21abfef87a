package io.herald.cli;

import static io.herald.cli.CommandRun.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.approval.KeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteAKeyPairAndSayWhereTheKeysGo() {
        CommandRun run = run("keygen", "compliance-officer", "--out", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        Path key = dir.resolve("compliance-officer.key");
        Path pub = dir.resolve("compliance-officer.pub");
        assertThat(KeyFiles.readPrivate(key)).isNotNull();
        assertThat(KeyFiles.readPublic(pub)).isNotNull();
        assertThat(run.out()).contains(key.toAbsolutePath().toString()).contains(pub.toAbsolutePath().toString())
                .contains("Copy compliance-officer.pub into config/approvers/");
    }

    @Test
    void shouldRefuseToOverwriteWithOneLine() throws Exception {
        assertThat(run("keygen", "a", "--out", dir.toString()).exit()).isZero();
        String before = Files.readString(dir.resolve("a.key"));

        CommandRun again = run("keygen", "a", "--out", dir.toString());

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).hasLineCount(1).startsWith("herald: ").contains("a.key already exists");
        assertThat(Files.readString(dir.resolve("a.key"))).isEqualTo(before);
    }

    @Test
    void shouldRefuseABadName() {
        CommandRun run = run("keygen", "../evil", "--out", dir.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("herald: NAME must match [A-Za-z0-9._-]{1,64}, but was '../evil'\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldNeedAName() {
        CommandRun run = run("keygen");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("herald: Missing required parameter: 'NAME'");
    }
}
