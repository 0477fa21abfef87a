package io.herald.connector.instagram;

import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PostText;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shapes content for Instagram: one image post whose caption is the body, then the link and the
 * hashtags, each after a blank line. Instagram has no threads and no text-only posts, so a post it
 * cannot take is refused here, at ingest and in {@code herald preview}, with a reason that names
 * Instagram and says what to change: no image, more than one image (carousels are not published
 * yet), an image that is not JPEG, a caption over 2,200 characters or 30 hashtags. Pure.
 */
final class InstagramComposer {

    static final String CHARACTERS = "characters";
    static final String HASHTAGS = "hashtags";
    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private InstagramComposer() {
    }

    static PlatformPost adapt(PostContent content, Capabilities capabilities) {
        Capabilities.MediaRules rules = capabilities.media();
        if (content.media().isEmpty()) {
            throw new AdaptException("instagram needs an image: Instagram cannot publish text alone, and this post has no"
                    + " image (media); add one, or take instagram out of the post's targets");
        }
        if (content.media().size() > rules.maxItems()) {
            throw new AdaptException("instagram: Herald publishes one image per Instagram post (carousels are not supported"
                    + " yet), but this post has " + content.media().size() + "; keep one image, or take instagram out of"
                    + " the post's targets");
        }
        for (Media m : content.media()) {
            String scheme = scheme(m.url());
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new AdaptException("instagram fetches the image from its URL itself, so it must be an https URL, but was '"
                        + m.url() + "'");
            }
            if (m.mimeType() != null && !m.mimeType().isBlank() && !rules.accepts(m.mimeType().strip())) {
                throw new AdaptException("instagram takes JPEG images only, but " + m.url() + " is " + m.mimeType()
                        + "; convert it to JPEG");
            }
            if (m.altText() != null && rules.maxAltText() > 0 && m.altText().length() > rules.maxAltText()) {
                throw new AdaptException("instagram takes alt text of at most " + rules.maxAltText() + " characters, but the"
                        + " image's has " + m.altText().length() + "; shorten it");
            }
        }
        String caption = compose(content);
        int characterLimit = capabilities.limits().getOrDefault(CHARACTERS, InstagramText.CAPTION_LIMIT);
        int hashtagLimit = capabilities.limits().getOrDefault(HASHTAGS, InstagramConfig.HASHTAG_LIMIT);
        int length = InstagramText.length(caption);
        int hashtags = InstagramText.hashtags(caption);
        if (length > characterLimit) {
            throw new AdaptException("too long for instagram: the caption (body, link and hashtags) has " + length
                    + " characters and Instagram takes " + characterLimit + " in one post, with no threads; shorten the body"
                    + " or give instagram an override");
        }
        if (hashtags > hashtagLimit) {
            throw new AdaptException("too many hashtags for instagram: the caption has " + hashtags + " hashtags and"
                    + " Instagram takes at most " + hashtagLimit + "; remove " + (hashtags - hashtagLimit)
                    + " or give instagram an override");
        }
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put(CHARACTERS, length);
        lengths.put(HASHTAGS, hashtags);
        return new PlatformPost(List.of(new PlatformPost.Part(caption, lengths, List.of())), capabilities.limits(), content.media(),
                content.link(), null);
    }

    /** The caption: the body, then the link and the hashtags the body does not have yet, each after a blank line. */
    static String compose(PostContent content) {
        return PostText.compose(content.body(), content.link(), content.hashtags(), NOT_IN_HASHTAG);
    }

    /** {@code #Tag #Other}: each tag cleaned to letters, digits and underscores, without duplicates or tags the text has. */
    static String hashtags(List<String> hashtags, String text) {
        return PostText.hashtags(hashtags, text, NOT_IN_HASHTAG, tag -> true);
    }

    private static String scheme(String url) {
        try {
            String s = URI.create(url.strip()).getScheme();
            return s == null ? "" : s.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
