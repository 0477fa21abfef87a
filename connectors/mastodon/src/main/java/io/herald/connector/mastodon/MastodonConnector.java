package io.herald.connector.mastodon;

import io.herald.connector.Account;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.DeliveryKey;
import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishException;
import io.herald.connector.Receipt;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to a Mastodon instance through its REST API.
 *
 * <p><b>Adapt.</b> The body, then the link and the hashtags ({@code #Tag}), each after a blank
 * line; over 500 characters, as Mastodon counts them ({@link MastodonText}), it becomes a thread
 * with {@code (1/3)} counters, split at sentence or word boundaries.
 *
 * <p><b>Publish.</b> Each part is a {@code POST /api/v1/statuses}, a reply to the part before, with
 * {@code Idempotency-Key: delivery.idempotencyKey(part)}: Mastodon returns the status it already
 * created for a key it saw within the last hour, so a repeated publish of the same delivery (after a
 * crash or a timeout) creates nothing twice, and a thread interrupted half-way resumes where it
 * stopped. Beyond that hour a repeat would post again; the dispatcher retries well within it.
 *
 * <p><b>Media</b> are not uploaded yet (that needs {@code POST /api/v2/media} first): the text is
 * published alone and a warning is logged. Settings: {@link MastodonConfig}.
 */
public final class MastodonConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(MastodonConnector.class);

    private final MastodonApi api;

    public MastodonConnector(ConnectorContext context) {
        this.api = new MastodonApi(context, new HttpErrorClassifier(context.clock()));
    }

    @Override
    public String platform() {
        return MastodonApi.PLATFORM;
    }

    @Override
    public PlatformPost adapt(PostContent content) {
        return MastodonComposer.adapt(content);
    }

    @Override
    public void validate(Account account) {
        MastodonConfig.from(account);
    }

    @Override
    public Receipt publish(Account account, PlatformPost post, DeliveryKey delivery) throws PublishException {
        MastodonConfig config;
        try {
            config = MastodonConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
        if (!post.media().isEmpty()) {
            LOG.warn("{}: media upload to Mastodon is not supported yet; publishing {} without its {} media",
                    account.target(), delivery, post.media().size());
        }
        List<String> ids = new ArrayList<>();
        String firstUrl = null;
        for (int i = 0; i < post.parts().size(); i++) {
            String replyTo = ids.isEmpty() ? null : ids.get(ids.size() - 1);
            MastodonApi.Posted posted;
            try {
                posted = api.postStatus(config, account.credential(), post.parts().get(i), replyTo,
                        delivery.idempotencyKey(i));
            } catch (PublishException e) {
                throw ids.isEmpty() ? e : inThread(e, i, post.parts().size(), ids);
            }
            ids.add(posted.id());
            firstUrl = firstUrl == null ? posted.url() : firstUrl;
            LOG.debug("{}: part {} of {} of {} is status {}", account.target(), i + 1, post.parts().size(), delivery,
                    posted.id());
        }
        return new Receipt(ids.get(0), firstUrl, ids);
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    /** The same failure, saying which part of the thread failed and which parts were posted. */
    private static PublishException inThread(PublishException e, int part, int parts, List<String> posted) {
        return new PublishException(e.kind(), e.getMessage() + " (part " + (part + 1) + " of " + parts
                + "; parts before it were posted as " + String.join(", ", posted) + ")",
                e.retryAfter().orElse(null), e.httpStatus(), e.getCause());
    }
}
