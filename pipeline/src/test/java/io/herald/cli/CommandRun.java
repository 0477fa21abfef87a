package io.herald.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** One run of the command line, as a user would see it: exit code, standard output and error. */
record CommandRun(int exit, String out, String err) {

    static CommandRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HeraldCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    /**
     * A configuration folder as an operator has it: {@code herald.yaml}, production accounts (whose
     * token variable is not set here: client commands must not need it) and the sandbox accounts
     * with {@code mastodon:demo}, the test approver ({@link #APPROVER}) trusted (production approvers are trusted in sandbox mode too) and a
     * compliance policy that is the built-in defaults. Returns the {@code herald.yaml} to pass as {@code --config}.
     */
    static Path configDir(Path dir, String heraldYaml) {
        try {
            Files.createDirectories(dir.resolve("sandbox"));
            Files.writeString(dir.resolve("herald.yaml"), heraldYaml);
            Files.writeString(dir.resolve("accounts.yaml"), """
                    accounts:
                      - target: mastodon:riverside
                        baseUrl: https://mastodon.social
                        tokenEnv: HERALD_TEST_TOKEN_THAT_IS_NOT_SET
                    """);
            Files.writeString(dir.resolve("sandbox").resolve("accounts.yaml"), """
                    accounts:
                      - target: mastodon:demo
                        baseUrl: "{sandbox}/mastodon"
                        sandboxToken: sandbox-mastodon-demo
                    """);
            Files.createDirectories(dir.resolve("approvers"));
            Files.createDirectories(dir.resolve("sandbox").resolve("approvers"));
            Files.writeString(dir.resolve("approvers").resolve(APPROVER_NAME + ".pub"),
                    io.herald.approval.KeyFiles.publicPem(APPROVER.getPublic()));
            Files.writeString(dir.resolve("compliance.yaml"), "version: 1\n");
            return dir.resolve("herald.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test approver's private key: its public key is in every {@link #configDir}'s approvers/ and sandbox/approvers/. */
    static final java.security.KeyPair APPROVER = io.herald.approval.KeyFiles.generate();

    /** The test approver's name, as its key files are called. */
    static final String APPROVER_NAME = "test-approver";

    /** The post signed by the test approver, as 'herald approve' would: one line. */
    static String sign(String json) {
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) io.herald.approval.SignedContent.parse(
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return io.herald.json.Json.write(io.herald.approval.ApprovalSigner.sign(tree, APPROVER.getPrivate(), APPROVER_NAME,
                    java.time.Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test approver's private key file, written into {@code dir}. */
    static Path approverKey(Path dir) {
        try {
            Path[] written = io.herald.approval.KeyFiles.write(APPROVER, dir, APPROVER_NAME);
            return written[0];
        } catch (io.herald.approval.KeyFileException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path f = dir.resolve(name);
            Files.writeString(f, content);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
