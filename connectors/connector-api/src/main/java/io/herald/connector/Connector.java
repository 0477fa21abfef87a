package io.herald.connector;

import java.util.Set;

/**
 * One social network (SPI v2). Implementations are thread-safe; apart from their HTTP client they
 * keep at most caches of what a server announces (its limits). Herald calls them in three places:
 *
 * <ol>
 *   <li>at start, {@link #validate} then {@link #discover} for every configured account;</li>
 *   <li>when planning a delivery (ingest, {@code herald preview}), {@link #adapt}: pure;</li>
 *   <li>from the dispatcher, {@link #publish} for one attempt of one delivery, and before any retry
 *       of an attempt whose outcome is unclear, {@link #readBack}.</li>
 * </ol>
 *
 * <p><b>Multi-step publishing.</b> A publication is a sequence of steps (media uploaded, a container
 * created, thread part N posted). A connector records each completed step through
 * {@link PublishAttempt#record} before it starts the next; a later attempt of the same delivery
 * receives every recorded step in {@link PublishAttempt#checkpoints()} and resumes after the last
 * one, never repeating one.
 *
 * <p><b>Unclear outcomes.</b> When a step may have reached the network without an answer (a timeout
 * after sending, a crash), the connector throws {@link PublishException.Kind#OUTCOME_UNKNOWN}; Herald
 * then never repeats the step blindly: it calls {@link #readBack} (if the connector's
 * {@link Capabilities#readBack()} says it can), and repeats only what is not found after a grace
 * period; where nothing can be read back and the network does not de-duplicate, a person decides.
 */
public interface Connector {

    /** The platform name used in targets, e.g. {@code mastodon} in {@code mastodon:riverside}. */
    String platform();

    /**
     * What this network does for an account, as documented, without any I/O: text limits and how
     * they are counted, threads, media rules, link handling, published rate windows, idempotency and
     * read-back. Per-account settings may change it (a longer X tier).
     */
    Capabilities capabilities(Account account);

    /**
     * What the account's server announces, which may differ from the documented defaults (a Mastodon
     * instance's {@code max_characters}). Called at start and now and then; may call the network.
     * Returns {@code declared} when there is nothing to learn or the server cannot be asked; never
     * throws for an unreachable server (the defaults then apply until the next discovery).
     */
    default Capabilities discover(Account account, Capabilities declared) {
        return declared;
    }

    /**
     * Shapes content for this network the way it counts and renders text: the parts of a thread,
     * each within every limit in {@code capabilities}, with each part's lengths as the network counts
     * them and, where the network needs them, facets. Pure: no I/O, same input gives the same output.
     *
     * @throws AdaptException when the content cannot be published there (too long for a network
     *     without threads, an image required and missing): a reason a marketing person understands
     */
    PlatformPost adapt(PostContent content, Capabilities capabilities);

    /** {@link #adapt} with the account's declared capabilities. */
    default PlatformPost adapt(PostContent content, Account account) {
        return adapt(content, capabilities(account));
    }

    /**
     * Publishes one attempt of a delivery, resuming after its recorded checkpoints.
     *
     * @throws PublishException classified, so that the dispatcher knows whether to retry, wait,
     *     read back or give up
     */
    Receipt publish(PublishAttempt attempt) throws PublishException;

    /**
     * Settles the step an earlier attempt left unclear: looks on the account for what that step would
     * have created (the status with this text after the last recorded part, the record with this
     * key, the container's state). When found, records its checkpoint through {@code attempt} and
     * answers {@link ReadBack#found()}; {@link #publish} then resumes after it.
     */
    default ReadBack readBack(PublishAttempt attempt) throws PublishException {
        return ReadBack.unsupported("the " + platform() + " connector cannot look for an earlier attempt's post");
    }

    /**
     * What is known about the account's credential: when it expires (learnt from the network, e.g.
     * the Graph API's {@code debug_token}, or from a setting), so that Herald warns before the day it
     * stops working. May call the network; never throws: an unknown expiry is an answer too.
     */
    default AccountHealth health(Account account) {
        return AccountHealth.unknown("the " + platform() + " connector does not know when its credentials expire");
    }

    /**
     * Checks an account's base URL, credentials and settings without calling the network, so that a
     * wrong configuration fails at start-up rather than at the first publish.
     *
     * @throws IllegalArgumentException naming the account and the field or setting that is wrong
     */
    default void validate(Account account) {
        // nothing to check by default
    }

    /**
     * The account settings this connector reads; Herald refuses an account with any other setting,
     * so that a misspelt one fails at start-up. Empty: every setting is accepted.
     */
    default Set<String> settingNames() {
        return Set.of();
    }
}
