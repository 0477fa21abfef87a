package io.herald.connector;

import java.util.Objects;

/**
 * One published part to take down, as Herald hands it to {@link Connector#delete}: the account, the
 * delivery it belongs to, the part's position and what the network answered when it was published.
 *
 * @param account the account that published it
 * @param delivery the delivery {@code (postId, revision, target)} that published it
 * @param part the part's position in its thread (0 for the first); Herald takes a thread down from
 *     its last part to its first, so that no reply is left without what it answered
 * @param parts how many parts the delivery published
 * @param published the part's receipt: its remote id, URL and refs (Bluesky's {@code uri})
 * @param credentials the account's credentials that the network rotates, as for publishing
 * @param reason why it is taken down, as the person said (for a network that carries it, such as a
 *     webhook's retraction event); never needed by a social network's API
 */
public record Takedown(Account account, DeliveryKey delivery, int part, int parts, PartReceipt published,
        CredentialStore credentials, String reason) {

    public Takedown {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(published, "published");
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("part must be between 0 and " + (parts - 1) + ", but was " + part);
        }
    }
}
