package io.herald.sandbox.linkedin;

import io.herald.sandbox.linkedin.LinkedInEvent.Image;
import io.herald.sandbox.linkedin.LinkedInEvent.Post;
import io.herald.sandbox.standin.Journal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The posts and images of the LinkedIn stand-in, in memory and journalled on every change. Not
 * thread-safe: the stand-in serialises calls.
 */
final class LinkedInStore {

    private final Journal<LinkedInEvent> journal;
    private final Clock clock;
    private final Map<String, Post> posts = new LinkedHashMap<>();
    /** Deleted posts, for {@code herald sandbox posts} (and LinkedIn's idempotent delete) only. */
    private final Map<String, Post> deleted = new LinkedHashMap<>();
    private final Map<String, Image> images = new LinkedHashMap<>();
    private long lastId;

    LinkedInStore(Journal<LinkedInEvent> journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
        journal.replay().forEach(this::apply);
        journal.rewrite(compacted());
    }

    /** A new id: time in the high bits, so ids sort by creation as LinkedIn's do. */
    long nextId() {
        lastId = Math.max(lastId + 1, clock.instant().toEpochMilli() << 16);
        return lastId;
    }

    Image register(String owner, String uploadToken) {
        Image image = new Image("urn:li:image:D4E10AQ" + Long.toString(nextId(), 36).toUpperCase(java.util.Locale.ROOT),
                owner, uploadToken, "WAITING_UPLOAD", null, 0, clock.instant());
        LinkedInEvent.ImageRegistered event = new LinkedInEvent.ImageRegistered(image);
        journal.append(event);
        apply(event);
        return image;
    }

    Image uploaded(Image image, String mimeType, long size) {
        LinkedInEvent.ImageUploaded event = new LinkedInEvent.ImageUploaded(image.id(), mimeType, size);
        journal.append(event);
        apply(event);
        return images.get(image.id());
    }

    Post create(Post post) {
        LinkedInEvent.PostCreated event = new LinkedInEvent.PostCreated(post);
        journal.append(event);
        apply(event);
        return post;
    }

    void delete(Post post) {
        LinkedInEvent.PostDeleted event = new LinkedInEvent.PostDeleted(post.id());
        journal.append(event);
        apply(event);
    }

    Optional<Post> post(String id) {
        return Optional.ofNullable(posts.get(id));
    }

    Optional<Image> image(String id) {
        return Optional.ofNullable(images.get(id));
    }

    Optional<Image> imageByUploadToken(String token) {
        return images.values().stream().filter(i -> i.uploadToken().equals(token)).findFirst();
    }

    /** Whether a post of this id was deleted. */
    boolean wasDeleted(String id) {
        return deleted.containsKey(id);
    }

    /** The deleted posts, oldest first. */
    List<Post> deleted() {
        return List.copyOf(deleted.values());
    }

    /** Every post, oldest first. */
    List<Post> all() {
        return List.copyOf(posts.values());
    }

    /** An author's posts, newest first. */
    List<Post> byAuthor(String author) {
        List<Post> out = new ArrayList<>();
        posts.values().stream().filter(p -> p.author().equals(author)).forEach(p -> out.add(0, p));
        return out;
    }

    private void apply(LinkedInEvent event) {
        if (event instanceof LinkedInEvent.ImageRegistered r) {
            images.put(r.image().id(), r.image());
        } else if (event instanceof LinkedInEvent.ImageUploaded u) {
            Image image = images.get(u.imageId());
            if (image != null) {
                images.put(image.id(), image.uploaded(u.mimeType(), u.size()));
            }
        } else if (event instanceof LinkedInEvent.PostCreated c) {
            posts.put(c.post().id(), c.post());
            String digits = c.post().id().substring(c.post().id().lastIndexOf(':') + 1);
            try {
                lastId = Math.max(lastId, Long.parseLong(digits));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        } else if (event instanceof LinkedInEvent.PostDeleted d) {
            Post gone = posts.remove(d.postId());
            if (gone != null) {
                deleted.put(gone.id(), gone);
            }
        }
    }

    private List<LinkedInEvent> compacted() {
        List<LinkedInEvent> events = new ArrayList<>();
        images.values().forEach(i -> events.add(new LinkedInEvent.ImageRegistered(i)));
        posts.values().forEach(p -> events.add(new LinkedInEvent.PostCreated(p)));
        deleted.values().forEach(p -> {
            events.add(new LinkedInEvent.PostCreated(p));
            events.add(new LinkedInEvent.PostDeleted(p.id()));
        });
        return events;
    }
}
