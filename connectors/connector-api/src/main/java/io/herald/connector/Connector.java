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
     * What an operator should know about an account before a publish fails: when its credential
     * expires (learnt from the network, such as Facebook's {@code debug_token}, or from a setting), an
     * API version about to be retired. Herald calls it at start (logging a warning or an error) and for
     * {@code herald accounts}. May call the network (reads only); never throws: an account that
     * cannot be checked is {@link AccountHealth.Status#UNKNOWN}. Messages never carry a credential.
     *
     * <p>Additive to SPI v2: the default says the connector checks nothing.
     */
    default AccountHealth health(Account account) {
        return AccountHealth.unknown("the " + platform() + " connector does not check accounts");
    }

    /**
     * Takes one published part down (additive to SPI v2, for {@code herald retract} and the
     * {@code replace} corrections policy). Herald calls it for each part of a delivery, last part
     * first, recording each part taken down before it asks for the next, so a retraction
     * interrupted by a crash resumes without asking again for a part already gone.
     *
     * <p>Deleting is idempotent by nature: a part the network no longer has (its 404 for an id
     * Herald published) is {@link TakedownResult#alreadyGone}, not an error, so Herald may repeat a
     * delete whose answer was lost. Failures are thrown classified as for {@link #publish}
     * (a timeout is retried; 401/403 is {@code AUTHENTICATION}; 429 is {@code RATE_LIMITED}).
     * Declare {@link Capabilities.Corrections#delete()} when implementing it.
     *
     * @return deleted, already gone, or {@link TakedownResult#unsupported} where the network's API
     *     cannot delete (the default): the operator is then told to delete it by hand, at its URL
     */
    default TakedownResult delete(Takedown takedown) throws PublishException {
        return TakedownResult.unsupported("the " + platform() + " connector cannot delete a published post through the"
                + " network's API");
    }

    /**
     * Changes a published post in place to a new revision's text (additive to SPI v2, for the
     * {@code edit} corrections policy; declare {@link Capabilities.Corrections#edit()} when
     * implementing it). An edit is repeated safely: it sets the same text again. A correction the
     * network cannot take in place (more or fewer thread parts than were published, media changed
     * where the API keeps them) is {@code PERMANENT}, naming what differs.
     *
     * @return the receipt of the post as it stands after the edit (the same remote ids)
     */
    default Receipt edit(Edit edit) throws PublishException {
        throw PublishException.permanent("the " + platform() + " connector cannot edit a published post");
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
