package io.herald.connector.linkedin;

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
 * Shapes content for LinkedIn: the body, then the link and the hashtags, each after a blank line,
 * as one commentary in little text ({@link LinkedInText#commentary}); LinkedIn has no threads, so a
 * text over the limit is refused with a reason. Pure.
 */
final class LinkedInComposer {

    /** The Posts API's limit on the commentary. */
    static final int LIMIT = 3000;
    /** The unit of the limit. */
    static final String UNIT = "characters";

    private static final Pattern NOT_IN_HASHTAG = Pattern.compile("[^\\p{L}\\p{N}]");

    private LinkedInComposer() {
    }

    static PlatformPost adapt(PostContent content, Capabilities capabilities) {
        String text = compose(content);
        if (text.isBlank() && content.media().isEmpty()) {
            throw new AdaptException("nothing to post to linkedin: the body, link, hashtags and media are empty");
        }
        int maxMedia = capabilities.media().maxItems();
        if (content.media().size() > maxMedia) {
            throw new AdaptException("linkedin takes " + (maxMedia == 1 ? "one image" : maxMedia + " images")
                    + " per post (Herald posts through the Posts API, not the MultiImage API), but the post has "
                    + content.media().size() + "; keep one or give linkedin an override");
        }
        for (Media m : content.media()) {
            if (m.mimeType() != null && !capabilities.media().accepts(m.mimeType())) {
                throw new AdaptException("linkedin takes JPEG, PNG or GIF images, but " + m.url() + " is " + m.mimeType()
                        + "; convert it or give linkedin an override");
            }
        }
        int limit = capabilities.limits().getOrDefault(UNIT, LIMIT);
        String commentary = LinkedInText.commentary(text);
        int length = LinkedInText.length(commentary);
        if (length > limit) {
            throw new AdaptException("too long for linkedin: " + length + " characters as LinkedIn counts them (each of"
                    + " \\ | { } @ [ ] ( ) < > # * _ ~ counts with the backslash that escapes it), the limit is " + limit
                    + " and LinkedIn has no threads; shorten the body by " + (length - limit)
                    + " characters or give linkedin an override");
        }
        PlatformPost.Part part = new PlatformPost.Part(commentary, Map.of(UNIT, length), List.of());
        return new PlatformPost(List.of(part), Map.of(UNIT, limit), content.media(), content.link(), null);
    }

    /** The text as people see it: body, link (unless the body has it), hashtags (unless the body has them). */
    static String compose(PostContent content) {
        return PostText.compose(content.body(), content.link(), content.hashtags(), NOT_IN_HASHTAG);
    }

    /** {@code #Tag #Other}: letters and digits only (an underscore is reserved), without tags the text has. */
    static String hashtags(List<String> hashtags, String text) {
        return PostText.hashtags(hashtags, text, NOT_IN_HASHTAG, tag -> true);
    }
}
