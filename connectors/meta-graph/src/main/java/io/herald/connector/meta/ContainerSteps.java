package io.herald.connector.meta;

import io.herald.connector.Checkpoint;
import io.herald.connector.PartReceipt;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import io.herald.connector.ReadBack;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one part through a media container, never publishing a container twice. The steps, each
 * recorded before the next begins:
 * <ol>
 *   <li>{@code container-N} ({@code containerId}): the container of part N was created;</li>
 *   <li>{@code part-N} ({@code remoteId}, {@code url}, {@code containerId}): it was published.</li>
 * </ol>
 * A later attempt of the same delivery resumes from the container: it reads the container's status
 * first and
 * <ul>
 *   <li>{@code FINISHED}: publishes it;</li>
 *   <li>{@code IN_PROGRESS}: goes on polling it (bounded), then publishes it;</li>
 *   <li>{@code PUBLISHED}: an earlier publish took effect without an answer: finds the post on the
 *       account and records it, publishing nothing;</li>
 *   <li>{@code EXPIRED}, {@code ERROR} or no longer known: makes a new container (an unpublished
 *       container is never shown to anyone and expires after 24 hours).</li>
 * </ul>
 * Creating a container is safe to repeat for the same reason, so a container creation that got no
 * answer is retried ({@code RETRYABLE}) rather than left unclear; only a publish that got no answer
 * is unclear ({@code OUTCOME_UNKNOWN}), and {@link #readBack} settles it by the container's status.
 *
 * <p>The status is polled with a growing pause (250 ms, doubling, at most 2 s between polls) for at
 * most {@code statusBound} in all; a container still {@code IN_PROGRESS} after that fails the attempt
 * as {@code RETRYABLE}, and the retry polls the same container again.
 */
public final class ContainerSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerSteps.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final ContainerNetwork network;
    private final Pause pause;
    private final Duration statusBound;

    /**
     * @param statusBound the most time one attempt spends polling one container's status
     */
    public ContainerSteps(ContainerNetwork network, Pause pause, Duration statusBound) {
        this.network = network;
        this.pause = pause;
        this.statusBound = statusBound;
    }

    /** The step of the container of part {@code index}: {@code container-N}. */
    public static String container(int index) {
        return "container-" + index;
    }

    /** Publishes part {@code index} (a reply to {@code replyTo} where not null), resuming from its recorded steps. */
    public PartReceipt publishPart(PublishAttempt attempt, int index, String replyTo) throws PublishException {
        Optional<Checkpoint> posted = attempt.checkpoint(Checkpoint.part(index));
        if (posted.isPresent()) {
            return posted.get().asPartReceipt();
        }
        Optional<Checkpoint> recorded = attempt.checkpoint(container(index));
        String containerId;
        boolean fresh;
        if (recorded.isPresent() && recorded.get().get("containerId") != null) {
            containerId = recorded.get().get("containerId");
            ContainerState state = status(attempt, containerId);
            if (state.status() == ContainerStatus.PUBLISHED) {
                return adopt(attempt, index, replyTo, containerId);
            }
            if (state.status().isDead()) {
                LOG.info("{}: container {} of part {} is {}; making a new one", network.platform(), containerId,
                        index + 1, state.describe());
                containerId = create(attempt, index, replyTo);
                fresh = true;
            } else {
                fresh = false;
            }
        } else {
            containerId = create(attempt, index, replyTo);
            fresh = true;
        }
        ContainerState ready = await(attempt, containerId, fresh);
        if (ready.status() == ContainerStatus.PUBLISHED) {
            return adopt(attempt, index, replyTo, containerId);
        }
        String mediaId = network.publish(attempt, containerId);
        PartReceipt receipt = receipt(mediaId, network.permalink(attempt, mediaId), containerId);
        attempt.record(Checkpoint.posted(index, receipt));
        return receipt;
    }

    /**
     * Settles part {@code index} after an attempt that may have published it without an answer: by
     * its container's status when a container was recorded, else by looking for its text on the
     * account. Found: its {@code part-N} is recorded.
     */
    public ReadBack readBack(PublishAttempt attempt, int index, int parts, String replyTo) throws PublishException {
        String which = "part " + (index + 1) + " of " + parts;
        if (attempt.checkpoint(Checkpoint.part(index)).isPresent()) {
            return ReadBack.found(which + " is recorded");
        }
        Instant since = attempt.firstAttemptAt().minusSeconds(60); // two machines' clocks disagree a little
        Optional<Checkpoint> recorded = attempt.checkpoint(container(index));
        if (recorded.isEmpty() || recorded.get().get("containerId") == null) {
            Optional<PartReceipt> found = network.findPublished(attempt, index, replyTo, since);
            if (found.isPresent()) {
                attempt.record(Checkpoint.posted(index, found.get()));
                return ReadBack.found(which + " is post " + found.get().remoteId() + " on the account");
            }
            return ReadBack.notFound("no container is recorded for " + which + " and no post with its text is on the"
                    + " account since " + since);
        }
        String containerId = recorded.get().get("containerId");
        ContainerState state = status(attempt, containerId);
        switch (state.status()) {
            case PUBLISHED -> {
                Optional<PartReceipt> found = network.findPublished(attempt, index, replyTo, since);
                if (found.isEmpty()) {
                    return ReadBack.unsupported("container " + containerId + " of " + which + " is PUBLISHED, but its post"
                            + " is not among the account's latest posts; find it on the account and settle the delivery"
                            + " with herald resolve --published <id>");
                }
                PartReceipt receipt = withContainer(found.get(), containerId);
                attempt.record(Checkpoint.posted(index, receipt));
                return ReadBack.found(which + ": container " + containerId + " is PUBLISHED as post " + receipt.remoteId());
            }
            case FINISHED, IN_PROGRESS -> {
                return ReadBack.notFound("container " + containerId + " of " + which + " is " + state.describe()
                        + ", not published: publishing it is safe");
            }
            default -> {
                return ReadBack.notFound("container " + containerId + " of " + which + " is " + state.describe()
                        + ": it was never published; a new container will be made");
            }
        }
    }

    /** The receipts of every part, publishing those not yet recorded, each a reply to the one before. */
    public List<PartReceipt> publishAll(PublishAttempt attempt, int parts) throws PublishException {
        List<PartReceipt> out = new java.util.ArrayList<>();
        for (int i = 0; i < parts; i++) {
            String replyTo = out.isEmpty() ? null : out.get(out.size() - 1).remoteId();
            try {
                out.add(publishPart(attempt, i, replyTo));
            } catch (PublishException e) {
                throw out.isEmpty() ? e : inThread(e, i, parts, out);
            }
        }
        return out;
    }

    private String create(PublishAttempt attempt, int index, String replyTo) throws PublishException {
        network.checkQuota(attempt, index);
        String containerId;
        try {
            containerId = network.createContainer(attempt, index, replyTo);
        } catch (PublishException e) {
            if (e.kind() != PublishException.Kind.OUTCOME_UNKNOWN) {
                throw e;
            }
            // a container nobody publishes is never shown and expires after 24 hours: make another one
            throw new PublishException(PublishException.Kind.RETRYABLE, e.getMessage() + " (only a media container could"
                    + " have been created, which is never shown unless published; the retry makes a new one)",
                    null, e.httpStatus(), e.getCause());
        }
        attempt.record(new Checkpoint(container(index), Map.of("containerId", containerId)));
        return containerId;
    }

    /** Polls until the container is FINISHED (or PUBLISHED), within the bound. */
    private ContainerState await(PublishAttempt attempt, String containerId, boolean fresh) throws PublishException {
        Duration waited = Duration.ZERO;
        Duration next = FIRST_PAUSE;
        while (true) {
            ContainerState state = status(attempt, containerId);
            switch (state.status()) {
                case FINISHED, PUBLISHED -> {
                    return state;
                }
                case ERROR -> throw fresh
                        ? PublishException.permanent(network.platform() + " could not prepare media container " + containerId
                                + ": " + state.describe() + "; check the media (type, size, aspect ratio) and the text")
                        : PublishException.retryable(network.platform() + " media container " + containerId + " is "
                                + state.describe() + "; the retry makes a new one", null);
                case EXPIRED, GONE -> throw PublishException.retryable(network.platform() + " media container "
                        + containerId + " is " + state.describe() + " before it was published; the retry makes a new one", null);
                default -> {
                    // IN_PROGRESS: wait, bounded
                }
            }
            if (waited.compareTo(statusBound) >= 0) {
                throw PublishException.retryable(network.platform() + " media container " + containerId + " is still "
                        + state.describe() + " after " + waited.toMillis() + " ms; the retry goes on with the same container",
                        null);
            }
            Duration wait = next.compareTo(statusBound.minus(waited)) > 0 ? statusBound.minus(waited) : next;
            pause.pause(wait);
            waited = waited.plus(wait);
            next = next.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next.multipliedBy(2);
        }
    }

    /** The status, or GONE when the network answers that it does not know the container (any permanent 4xx). */
    private ContainerState status(PublishAttempt attempt, String containerId) throws PublishException {
        try {
            return network.status(attempt, containerId);
        } catch (PublishException e) {
            if (e.kind() == PublishException.Kind.PERMANENT && e.httpStatus() >= 400 && e.httpStatus() < 500) {
                return new ContainerState(ContainerStatus.GONE, e.getMessage());
            }
            throw e;
        }
    }

    /** A container found PUBLISHED: its post is found on the account and recorded; nothing is published. */
    private PartReceipt adopt(PublishAttempt attempt, int index, String replyTo, String containerId) throws PublishException {
        Instant since = attempt.firstAttemptAt().minusSeconds(60);
        Optional<PartReceipt> found = network.findPublished(attempt, index, replyTo, since);
        if (found.isEmpty()) {
            throw PublishException.outcomeUnknown(network.platform() + " media container " + containerId + " of part "
                    + (index + 1) + " is already PUBLISHED, but its post is not among the account's latest posts;"
                    + " nothing is published again", null);
        }
        PartReceipt receipt = withContainer(found.get(), containerId);
        attempt.record(Checkpoint.posted(index, receipt));
        return receipt;
    }

    private static PartReceipt receipt(String mediaId, String url, String containerId) {
        return new PartReceipt(mediaId, url, Map.of("containerId", containerId));
    }

    private static PartReceipt withContainer(PartReceipt found, String containerId) {
        Map<String, String> refs = new LinkedHashMap<>(found.refs());
        refs.put("containerId", containerId);
        return new PartReceipt(found.remoteId(), found.url(), refs);
    }

    /** The same failure, saying which part of the thread failed and which parts were posted. */
    private static PublishException inThread(PublishException e, int part, int parts, List<PartReceipt> posted) {
        return new PublishException(e.kind(), e.getMessage() + " (part " + (part + 1) + " of " + parts
                + "; parts before it were posted as " + String.join(", ", posted.stream().map(PartReceipt::remoteId).toList())
                + ")", e.retryAfter().orElse(null), e.httpStatus(), e.getCause());
    }
}
