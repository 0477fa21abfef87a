package io.herald.connector;

/**
 * Fetches a post's media for upload: https only, size and type checked, never from a loopback or
 * private address outside the sandbox. Connectors of networks that fetch media themselves do not
 * use it.
 */
public interface MediaSource {

    /**
     * @param maxBytes the network's limit; a larger item fails as permanent
     * @throws PublishException {@code PERMANENT} for a refused URL, type or size; {@code RETRYABLE}
     *     when the media server does not answer
     */
    FetchedMedia fetch(Media media, long maxBytes) throws PublishException;

    /**
     * Checks, without fetching it, that a media item's URL may be handed to a network that fetches
     * media itself (Instagram, Threads): https only, and outside the sandbox never a loopback or
     * private address. By default https only.
     *
     * @throws PublishException {@code PERMANENT} for a URL the network must not be given
     */
    default void checkFetchable(Media media) throws PublishException {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(media.url().strip());
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent("media " + media.url() + " is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw PublishException.permanent("media " + media.url() + " must be an https URL");
        }
    }

    /** The bytes of one media item, with the type its server declared (or the item's own). */
    record FetchedMedia(Media media, byte[] bytes, String mimeType) {
        public FetchedMedia {
            java.util.Objects.requireNonNull(media, "media");
            java.util.Objects.requireNonNull(bytes, "bytes");
        }
    }
}
