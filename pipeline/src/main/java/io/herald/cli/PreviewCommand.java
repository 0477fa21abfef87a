package io.herald.cli;

import io.herald.config.HeraldConfig;
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
        HeraldConfig config = options.config();
        Map<String, io.herald.connector.Account> accounts = new java.util.TreeMap<>();
        accounts.putAll(io.herald.config.AccountRegistry.withoutSecrets(config.resolve(config.sandbox().accounts())));
        accounts.putAll(io.herald.config.AccountRegistry.withoutSecrets(config.resolve(config.accounts())));
        var out = spec.commandLine().getOut();
        for (String target : post.targets()) {
            String platform = Post.platformOf(target);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("target", target);
            try {
                var connector = connectors.get(platform);
                var account = accounts.get(target);
                var caps = connector.capabilities(account);
                PlatformPost p = connector.adapt(post.contentFor(platform), caps);
                line.put("parts", p.texts());
                line.put("lengths", p.lengths());
                line.put("limit", p.limit());
                if (p.limits().size() > 1) {
                    line.put("limits", p.limits());
                    line.put("measures", p.parts().stream().map(PlatformPost.Part::lengths).toList());
                }
                if (p.parts().stream().anyMatch(part -> !part.facets().isEmpty())) {
                    line.put("facets", p.parts().stream().map(PlatformPost.Part::facets).toList());
                }
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
