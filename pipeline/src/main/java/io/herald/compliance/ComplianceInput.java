package io.herald.compliance;

import java.util.List;
import java.util.Set;

/**
 * What the gate checks: the content of one post (or of one platform's version of it) and the
 * rule ids that its signed approval acknowledges.
 *
 * <p>Null collections are taken as empty and a null body as the empty string. Platform overrides
 * are separate texts: the pipeline checks each platform's content as its own input.
 *
 * @param id the post id, copied into the verdict; may be null
 * @param acknowledged rule ids from {@code approval.acknowledged}; only HOLD rules can be
 *     acknowledged, ids of BLOCK rules are ignored
 */
public record ComplianceInput(
        String id, String body, String link, List<String> hashtags, List<MediaInfo> media, Set<String> acknowledged) {

    public ComplianceInput {
        body = body == null ? "" : body;
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        media = media == null ? List.of() : List.copyOf(media);
        acknowledged = acknowledged == null ? Set.of() : Set.copyOf(acknowledged);
    }

    /** A post that is only a body. */
    public static ComplianceInput of(String id, String body) {
        return new ComplianceInput(id, body, null, List.of(), List.of(), Set.of());
    }

    /** The same content with other acknowledged rule ids. */
    public ComplianceInput withAcknowledged(Set<String> ruleIds) {
        return new ComplianceInput(id, body, link, hashtags, media, ruleIds);
    }
}
