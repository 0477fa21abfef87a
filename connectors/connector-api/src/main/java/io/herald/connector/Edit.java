package io.herald.connector;

import java.util.Objects;

/**
 * A correction to make in place, as Herald hands it to {@link Connector#edit}: the published post's
 * receipt and the new revision's adapted post.
 *
 * @param account the account that published it
 * @param delivery the new revision's delivery {@code (postId, revision, target)}
 * @param published what the earlier revision left on the network, one receipt per part
 * @param post the new revision, adapted for this network as for a publish
 * @param credentials the account's credentials that the network rotates
 */
public record Edit(Account account, DeliveryKey delivery, Receipt published, PlatformPost post, CredentialStore credentials) {

    public Edit {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(post, "post");
    }
}
