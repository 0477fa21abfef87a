package io.herald.compliance;

/**
 * What the gate needs to know about one media item of a post.
 *
 * @param url where the media is; may be null
 * @param altText the description for screen readers; null or blank means none
 * @param mimeType e.g. {@code image/jpeg}; may be null (then the url's extension decides)
 * @param showsFace true when the uploader marked the media as showing a person's face
 * @param consentRef reference to the signed consent of the person shown; null or blank means none
 */
public record MediaInfo(String url, String altText, String mimeType, boolean showsFace, String consentRef) {

    /** A media item that is not marked as showing a face. */
    public static MediaInfo of(String url, String altText, String mimeType) {
        return new MediaInfo(url, altText, mimeType, false, null);
    }

    /** True for images (by MIME type, or by the url's extension when there is no MIME type). */
    public boolean isImage() {
        if (mimeType != null && !mimeType.isBlank()) {
            return mimeType.trim().toLowerCase(java.util.Locale.ROOT).startsWith("image/");
        }
        if (url == null) {
            return false;
        }
        String u = url.toLowerCase(java.util.Locale.ROOT);
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        return u.endsWith(".jpg") || u.endsWith(".jpeg") || u.endsWith(".png") || u.endsWith(".gif")
                || u.endsWith(".webp") || u.endsWith(".heic") || u.endsWith(".avif") || u.endsWith(".bmp");
    }

    public boolean hasAltText() {
        return altText != null && !altText.isBlank();
    }

    public boolean hasConsent() {
        return consentRef != null && !consentRef.isBlank();
    }
}
