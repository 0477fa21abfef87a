package io.herald.cli;

import io.herald.connector.PlatformPost;
import io.herald.json.Json;
import io.herald.post.Post;
import java.util.LinkedHashMap;
import java.util.List;
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

    @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "The output: jsonl (the default, one JSON line per target) or table, for people: each part with its"
                    + " length as the network counts it against each limit, its facets, and the media.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Preflight preflight = new Preflight(options.config(), note -> { });
        String fmt = format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!fmt.equals("jsonl") && !fmt.equals("table")) {
            throw new UserError("--format must be jsonl or table, but was '" + format + "'");
        }
        Post post = preflight.parse(file, ClientSupport.read(file));
        List<String> occurrences = occurrences(post, java.time.Instant.now());
        var out = spec.commandLine().getOut();
        int failed = 0;
        for (Preflight.Adapted a : preflight.adapt(post)) {
            if (fmt.equals("table")) {
                failed += a.post() == null ? 1 : 0;
                out.print(table(a));
                if (occurrences != null && a.post() != null) {
                    out.println("occurrences (" + post.repeat().every() + "): " + String.join(", ", occurrences) + "\n");
                }
                continue;
            }
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
                if (occurrences != null) {
                    line.put("occurrences", occurrences);
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

    /** Occurrences shown at most (a count may ask for up to 1,000). */
    static final int OCCURRENCES_SHOWN = 100;

    /**
     * When a recurring post's occurrences are due (from its publishAt, else now), in its zone (else
     * UTC), at most {@link #OCCURRENCES_SHOWN}; null for a post that does not repeat.
     */
    static List<String> occurrences(Post post, java.time.Instant now) {
        java.time.Instant first = post.publishAt() == null ? now : post.publishAt().toInstant();
        io.herald.post.Recurrence r = post.recurrence(first);
        if (r == null) {
            return null;
        }
        return r.upcoming(1, OCCURRENCES_SHOWN).stream().map(t -> t.atZone(r.zone()).toOffsetDateTime().toString()).toList();
    }

    /** One target for people: a header, then each part with its measures against the limits, facets, then media. */
    static String table(Preflight.Adapted a) {
        StringBuilder b = new StringBuilder();
        PlatformPost p = a.post();
        if (p == null) {
            return b.append("== ").append(a.target()).append(": cannot take this post: ").append(a.error()).append("\n\n").toString();
        }
        b.append("== ").append(a.target()).append(": ").append(p.parts().size()).append(p.parts().size() == 1 ? " part" : " parts")
                .append(", limits ").append(p.limits().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", "))).append("\n");
        for (int i = 0; i < p.parts().size(); i++) {
            PlatformPost.Part part = p.parts().get(i);
            b.append("part ").append(i + 1).append(" of ").append(p.parts().size()).append(": ");
            b.append(part.lengths().entrySet().stream()
                    .map(e -> e.getValue() + (p.limits().containsKey(e.getKey()) ? "/" + p.limits().get(e.getKey()) : "") + " " + e.getKey())
                    .collect(java.util.stream.Collectors.joining(", ")));
            b.append("\n");
            for (String line : part.text().split("\n", -1)) {
                b.append("  | ").append(line).append("\n");
            }
            if (!part.facets().isEmpty()) {
                b.append("  facets: ").append(part.facets().stream()
                        .map(f -> f.type() + " " + f.value() + " (bytes " + f.byteStart() + "-" + f.byteEnd() + ")")
                        .collect(java.util.stream.Collectors.joining(", "))).append("\n");
            }
        }
        for (int m = 0; m < p.media().size(); m++) {
            var media = p.media().get(m);
            b.append("media ").append(m + 1).append(": ").append(media.mimeType() == null ? "(type from the file)" : media.mimeType())
                    .append(" ").append(media.url()).append(media.altText() == null ? ", no alt text" : ", alt text \"" + media.altText() + "\"")
                    .append("\n");
        }
        return b.append("\n").toString();
    }
}
