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
     * with {@code mastodon:demo}. Returns the {@code herald.yaml} to pass as {@code --config}.
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
            return dir.resolve("herald.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
