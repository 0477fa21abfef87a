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

    /** The bytes of one media item, with the type its server declared (or the item's own). */
    record FetchedMedia(Media media, byte[] bytes, String mimeType) {
        public FetchedMedia {
            java.util.Objects.requireNonNull(media, "media");
            java.util.Objects.requireNonNull(bytes, "bytes");
        }
    }
}
