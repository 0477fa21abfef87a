package io.herald.connector.meta;

import io.herald.connector.PartReceipt;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import java.time.Instant;
import java.util.Optional;

/**
 * One network that publishes through media containers (Instagram, Threads), as {@link ContainerSteps}
 * drives it: create a container for a part, read its status, publish it, find what a published
 * container became.
 */
public interface ContainerNetwork {

    /** The platform, for messages. */
    String platform();

    /**
     * Refuses to start a new container when the account's publishing limit is used up, as a
     * {@code RATE_LIMITED} failure. By default nothing is checked.
     *
     * @param index the part the container is for (parts after the first are replies on Threads)
     */
    default void checkQuota(PublishAttempt attempt, int index) throws PublishException {
    }

    /**
     * Creates the container of part {@code index}: its text, its media for the first part, a reply to
     * {@code replyTo} (null for the first part). Returns the container id.
     */
    String createContainer(PublishAttempt attempt, int index, String replyTo) throws PublishException;

    /** The container's status ({@code GET /{container-id}}). */
    ContainerState status(PublishAttempt attempt, String containerId) throws PublishException;

    /** Publishes the container; returns the id of the media it became. */
    String publish(PublishAttempt attempt, String containerId) throws PublishException;

    /**
     * Looks on the account for the post part {@code index} became: the same text, a reply to
     * {@code replyTo} where the network has replies, published at or after {@code since}.
     */
    Optional<PartReceipt> findPublished(PublishAttempt attempt, int index, String replyTo, Instant since)
            throws PublishException;

    /** The post's public URL, or null when it cannot be had now (never fails the publication). */
    String permalink(PublishAttempt attempt, String mediaId);
}
