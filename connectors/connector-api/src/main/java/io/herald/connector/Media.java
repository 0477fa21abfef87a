package io.herald.connector;

import java.util.Objects;

/** An image or video attached to a post, by URL. {@code altText} may be null (compliance warns). */
public record Media(String url, String altText, String mimeType) {

    public Media {
        Objects.requireNonNull(url, "url");
    }
}
