package io.herald.connector;

/**
 * One social network. Implementations are thread-safe and stateless apart from their HTTP client:
 * Herald calls {@link #adapt} while planning a delivery (and for {@code herald preview}), and
 * {@link #publish} from the dispatcher, possibly again for the same delivery after a crash.
 */
public interface Connector {

    /** The platform name used in targets, e.g. {@code mastodon} in {@code mastodon:riverside}. */
    String platform();

    /**
     * Shapes content for this network the way the network counts and renders text: the parts of a
     * thread, each within the network's limit. Pure: no I/O, same input gives the same output.
     *
     * @throws AdaptException when the content cannot be made to fit (a permanent failure)
     */
    PlatformPost adapt(PostContent content);

    /**
     * Publishes an adapted post to an account. For a thread, parts are posted in order, each a reply
     * to the one before.
     *
     * @param delivery identifies the delivery; connectors derive their idempotency keys from it
     * @throws PublishException classified, so that the caller knows whether to retry, wait or give up
     */
    Receipt publish(Account account, PlatformPost post, DeliveryKey delivery) throws PublishException;

    /**
     * Checks an account's base URL, credential and settings without calling the network, so that a
     * wrong configuration fails at start-up rather than at the first publish. By default accepts
     * every account.
     *
     * @throws IllegalArgumentException naming the account and the field or setting that is wrong
     */
    default void validate(Account account) {
        // nothing to check by default
    }

    /**
     * True when {@link #publish} may safely be repeated for the same delivery because the network
     * itself de-duplicates it (Mastodon's {@code Idempotency-Key}, a Bluesky record key). When false,
     * an attempt whose outcome is unknown must go to a person, never be blindly repeated.
     */
    boolean idempotent();
}
