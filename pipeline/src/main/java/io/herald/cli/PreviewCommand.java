package io.herald.cli;

import io.herald.connector.AdaptException;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Connectors;
import io.herald.connector.PlatformPost;
import io.herald.connector.UnknownPlatformException;
import io.herald.json.Json;
import io.herald.post.Post;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code herald preview}: exactly what each target would receive. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Prints exactly what each target would be sent, one JSON line per target.",
            "Each line is {\"target\", \"parts\": [...], \"lengths\": [...], \"limit\"}. The post is read as submit reads it;"
                    + " preview talks to no network and no Kafka."})
public final class PreviewCommand implements Callable<Integer> {

    @Mixin
    ConfigFile options;

    @Parameters(index = "0", paramLabel = "FILE", description = "A post JSON file, or - for standard input.")
    String file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Preflight preflight = new Preflight(options.config(), note -> { });
        Post post = preflight.parse(file, ClientSupport.read(file));
        Connectors connectors = Connectors.load(ConnectorContext.defaults());
        var out = spec.commandLine().getOut();
        for (String target : post.targets()) {
            String platform = Post.platformOf(target);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("target", target);
            try {
                PlatformPost p = connectors.get(platform).adapt(post.contentFor(platform));
                line.put("parts", p.parts());
                line.put("lengths", p.lengths());
                line.put("limit", p.limit());
            } catch (AdaptException | UnknownPlatformException e) {
                // a target configured for a platform no connector serves cannot be adapted either
                line.put("error", e.getMessage());
            }
            out.println(Json.write(line));
        }
        out.flush();
        return 0;
    }
}
