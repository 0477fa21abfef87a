package io.herald.cli;

import io.herald.sandbox.SandboxClient;
import io.herald.sandbox.SandboxPost;
import io.herald.sandbox.SandboxServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code herald sandbox}: the networks' local stand-ins, as their own process. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Runs the local stand-ins of the networks' APIs until it is stopped.",
            "Their state is kept on disk, so that they outlive a pipeline crash as a real network would."},
        subcommands = {SandboxCommand.Posts.class, SandboxCommand.Settings.class})
public final class SandboxCommand implements Callable<Integer> {

    @Mixin
    ConfigFile options;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: sandbox.port, 8089).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the stand-ins keep their state (default: <dataDir>/sandbox).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        int p = port != null ? port : options.config().sandbox().port();
        Path dir = dataDir != null ? dataDir : options.config().dataPath().resolve("sandbox");
        if (SandboxServer.isListening("127.0.0.1", p)) {
            throw new UserError("--port: something already listens on 127.0.0.1:" + p);
        }
        SandboxServer server = SandboxServer.start(p, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sandbox-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("sandbox: listening on " + server.baseUri() + " (" + String.join(", ", server.platforms())
                + "), state in " + dir.toAbsolutePath());
        out.println("ready");
        out.flush();
        server.awaitClose();
        return 0;
    }

    /** {@code herald sandbox posts}: what the stand-ins hold. */
    @Command(name = "posts", mixinStandardHelpOptions = true,
            description = "Prints, one JSON line per post, what the stand-ins hold:"
                    + " {\"target\", \"remoteId\", \"text\", \"replyTo\", \"createdAt\"}, then \"media\" when it has media"
                    + " and \"state\" (edited or deleted) when a correction or a retraction changed it.")
    public static final class Posts implements Callable<Integer> {

        @Mixin
        ConfigFile options;

        @Option(names = "--target", paramLabel = "T", description = "Only this target, e.g. mastodon:demo.")
        String target;

        @Option(names = "--port", paramLabel = "PORT", description = "The stand-ins' port (default: sandbox.port, 8089).")
        Integer port;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int p = port != null ? port : options.config().sandbox().port();
            URI base = URI.create("http://127.0.0.1:" + p);
            List<SandboxPost> posts;
            try {
                posts = SandboxClient.posts(base, target);
            } catch (IOException e) {
                throw new UserError("no sandbox answers on 127.0.0.1:" + p + " (--port); start one with"
                        + " './herald sandbox' or './herald run --sandbox'");
            }
            var out = spec.commandLine().getOut();
            posts.forEach(post -> out.println(post.toJson()));
            out.flush();
            return 0;
        }
    }

    /** {@code herald sandbox settings PLATFORM [NAME=VALUE...]}: how a stand-in behaves, for trying failures by hand. */
    @Command(name = "settings", mixinStandardHelpOptions = true,
            description = {"Shows or changes how one stand-in behaves, and prints its settings as JSON.",
                "For example 'herald sandbox settings linkedin retiredVersions=202610' makes LinkedIn refuse that"
                        + " API version (426), and 'herald sandbox settings mastodon idempotencyKeys=ignore' makes the Mastodon"
                        + " stand-in ignore Idempotency-Key as some Mastodon-API servers do. Each stand-in's settings are"
                        + " documented in its class."})
    public static final class Settings implements Callable<Integer> {

        @Mixin
        ConfigFile options;

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "PLATFORM", description = "The stand-in, e.g. mastodon or linkedin.")
        String platform;

        @picocli.CommandLine.Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "Settings to change; none prints them.")
        List<String> pairs = List.of();

        @Option(names = "--port", paramLabel = "PORT", description = "The stand-ins' port (default: sandbox.port, 8089).")
        Integer port;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new UserError("NAME=VALUE: '" + pair + "' has no name before an '='");
                }
                settings.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            int p = port != null ? port : options.config().sandbox().port();
            String answer;
            try {
                answer = SandboxClient.settings(URI.create("http://127.0.0.1:" + p), platform, settings);
            } catch (IOException e) {
                throw new UserError(e.getMessage().replaceAll("\\s+", " "));
            }
            spec.commandLine().getOut().println(answer);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
