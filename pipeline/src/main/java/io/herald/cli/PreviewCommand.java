package io.herald.cli;

import io.herald.connector.PlatformPost;
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
            "Each line is {\"target\", \"parts\": [...], \"lengths\": [...], \"limit\"}, or {\"target\", \"error\"} for a target"
                    + " that cannot take the post (exit 2). The post is read as submit reads it; preview talks to no network and no Kafka."})
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
        var out = spec.commandLine().getOut();
        int failed = 0;
        for (Preflight.Adapted a : preflight.adapt(post)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("target", a.target());
            PlatformPost p = a.post();
            if (p == null) {
                line.put("error", a.error());
                failed++;
            } else {
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
            }
            out.println(Json.write(line));
        }
        out.flush();
        if (failed > 0) {
            spec.commandLine().getErr().println("herald: " + failed + " of " + post.targets().size()
                    + " targets cannot take this post (their lines say why); Herald would FAIL them");
            spec.commandLine().getErr().flush();
            return 2;
        }
        return 0;
    }
}
