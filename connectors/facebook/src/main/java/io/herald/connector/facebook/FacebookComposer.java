package io.herald.connector.facebook;

import io.herald.connector.AdaptException;
import io.herald.connector.Capabilities;
import io.herald.connector.Media;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PostText;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shapes content for a Facebook Page post. A post without media is a feed post whose link goes in
 * the Graph API's {@code link} field (Facebook shows its preview card), the text being the body and
 * the hashtags; a post with a photo is a photo post, whose caption carries the link in the text
 * ({@code /photos} has no link field). Facebook has no threads: a text over 63,206 characters is
 * refused with a reason. Pure.
 */
final class FacebookComposer {

    /** The longest message of a Page post. */
    static final int LIMIT = 63_206;
    static final String UNIT = "characters";

    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}_]");

    private FacebookComposer() {
    }

    static PlatformPost adapt(PostContent content, Capabilities capabilities) {
        boolean photo = !content.media().isEmpty();
        String link = content.link() == null || content.link().isBlank() ? null : content.link().strip();
        String text = compose(content.body(), photo ? link : null, content.hashtags());
        if (text.isBlank() && link == null && !photo) {
            throw new AdaptException("nothing to post to facebook: the body, link, hashtags and media are empty");
        }
        int maxMedia = capabilities.media().maxItems();
        if (content.media().size() > maxMedia) {
            throw new AdaptException("facebook takes " + (maxMedia == 1 ? "one photo" : maxMedia + " photos")
                    + " per post through Herald (a photo post on /photos), but the post has " + content.media().size()
                    + "; keep one or give facebook an override");
        }
        for (Media m : content.media()) {
            if (m.mimeType() != null && !capabilities.media().accepts(m.mimeType())) {
                throw new AdaptException("facebook takes JPEG, PNG, GIF, BMP or TIFF photos, but " + m.url() + " is "
                        + m.mimeType() + "; convert it or give facebook an override");
            }
        }
        int limit = capabilities.limits().getOrDefault(UNIT, LIMIT);
        int length = length(text);
        if (length > limit) {
            throw new AdaptException("too long for facebook: " + length + " characters, the limit of a Page post is " + limit
                    + " and Facebook has no threads; shorten the body by " + (length - limit)
                    + " characters or give facebook an override");
        }
        PlatformPost.Part part = new PlatformPost.Part(text, Map.of(UNIT, length), List.of());
        return new PlatformPost(List.of(part), Map.of(UNIT, limit), content.media(), photo ? null : link, null);
    }

    /** UTF-16 code units: never fewer than the characters Facebook counts. */
    static int length(String text) {
        return text.length();
    }

    static String compose(String body, String linkInText, List<String> hashtags) {
        return PostText.compose(body, linkInText, hashtags, NOT_IN_HASHTAG);
    }

    /** {@code #Tag #Other}: letters, digits and underscores, without tags the text has. */
    static String hashtags(List<String> hashtags, String text) {
        return PostText.hashtags(hashtags, text, NOT_IN_HASHTAG, tag -> true);
    }
}
