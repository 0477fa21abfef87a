package io.herald.connector.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.Account;
import io.herald.connector.AccountHealth;
import io.herald.connector.Capabilities;
import io.herald.connector.Checkpoint;
import io.herald.connector.Connector;
import io.herald.connector.ConnectorContext;
import io.herald.connector.Media;
import io.herald.connector.MediaSource;
import io.herald.connector.PartReceipt;
import io.herald.connector.PlatformPost;
import io.herald.connector.PostContent;
import io.herald.connector.PublishAttempt;
import io.herald.connector.PublishException;
import io.herald.connector.ReadBack;
import io.herald.connector.Receipt;
import io.herald.connector.Takedown;
import io.herald.connector.TakedownResult;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes to Bluesky (or any AT Protocol PDS) as {@code app.bsky.feed.post} records.
 *
 * <p><b>Sessions.</b> {@code com.atproto.server.createSession} with the handle and app password once;
 * the session (access and refresh JWTs) is kept in Herald's store ({@link PublishAttempt#credentials()})
 * and renewed with {@code refreshSession}, because createSession is limited (30 per 5 minutes, 300 a
 * day on bsky.social). A token the PDS refuses ({@code ExpiredToken}, {@code InvalidToken}) opens a new
 * session once. Tokens are never logged, never in a message or a checkpoint.
 *
 * <p><b>Record keys.</b> Every part is written with {@code createRecord} under a record key derived from
 * the delivery and the part ({@link Tid}), and {@code getRecord} is asked first: a part that is already
 * there (an earlier attempt that got no answer, a crash before its checkpoint) is taken, never written
 * twice. The reference PDS answers a second createRecord of the same key with HTTP 500 and writes
 * nothing; after a 500 the connector looks again before it reports a failure.
 *
 * <p><b>Posts.</b> Text with facets (links, tags, mentions, UTF-8 byte offsets; a mention's DID by
 * {@code resolveHandle}, unresolvable ones stay plain text), {@code langs} from the account's language,
 * images by {@code uploadBlob} with their alt text (checkpoints {@code media-N}), else a link card
 * ({@code embed.external}) for the post's link, both on the first part; a thread as replies, each naming
 * the first part as root and the one before as parent (uri + cid). Settings: {@link BlueskyConfig}.
 */
public final class BlueskyConnector implements Connector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** What one image may weigh: the lexicon's {@code maxSize} of {@code app.bsky.embed.images#image}. */
    static final long MAX_IMAGE_BYTES = 1_000_000;
    /** The longest alt text the Bluesky app takes. */
    static final int MAX_ALT_TEXT = 2000;

    private final BlueskyApi api;
    private final BlueskySessions sessions;

    public BlueskyConnector(ConnectorContext context) {
        this.api = new BlueskyApi(context);
        this.sessions = new BlueskySessions(api, context.clock());
    }

    @Override
    public String platform() {
        return BlueskyApi.PLATFORM;
    }

    @Override
    public Capabilities capabilities(Account account) {
        return Capabilities.builder()
                .limit(BlueskyComposer.GRAPHEMES, BlueskyText.GRAPHEME_LIMIT)
                .limit(BlueskyComposer.BYTES, BlueskyText.BYTE_LIMIT)
                .threads(Capabilities.Threads.replyChain(25))
                .media(new Capabilities.MediaRules(4, IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_ALT_TEXT, false, false))
                .links(Capabilities.LinkHandling.IN_TEXT, Capabilities.LinkHandling.FACET, Capabilities.LinkHandling.CARD)
                // bsky.social: 5,000 points an hour and 35,000 a day per account, a created record costs 3
                .rateWindows(new Capabilities.RateWindow(1666, Duration.ofHours(1)),
                        new Capabilities.RateWindow(11666, Duration.ofDays(1)))
                .idempotency(Capabilities.Idempotency.naturalKey())
                .readBack(Duration.ZERO)
                .corrections(Capabilities.Corrections.deleteOnly("com.atproto.repo.deleteRecord for each part of a thread;"
                        + " Bluesky has no edit of a published post (the app shows a post as first written)"))
                .build();
    }

    @Override
    public PlatformPost adapt(PostContent content, Capabilities capabilities) {
        return BlueskyComposer.adapt(content, capabilities);
    }

    @Override
    public void validate(Account account) {
        BlueskyConfig.from(account);
    }

    @Override
    public Set<String> settingNames() {
        return BlueskyConfig.SETTINGS;
    }

    @Override
    public AccountHealth health(Account account) {
        BlueskyConfig config;
        try {
            config = BlueskyConfig.from(account);
        } catch (IllegalArgumentException e) {
            return AccountHealth.error(e.getMessage());
        }
        if (config.handle().startsWith("did:")) {
            return AccountHealth.unknown("bluesky: the account is named by its DID; nothing to check without a session");
        }
        try {
            Optional<String> did = api.resolveHandle(config, config.handle());
            return did.map(d -> AccountHealth.ok("bluesky: " + config.handle() + " is " + d + " on " + account.baseUrl()))
                    .orElseGet(() -> AccountHealth.error("bluesky: " + account.baseUrl() + " does not know the handle "
                            + config.handle() + "; check the account's handle"));
        } catch (PublishException e) {
            return AccountHealth.unknown("bluesky: cannot check " + config.handle() + ": " + e.getMessage());
        }
    }

    @Override
    public Receipt publish(PublishAttempt attempt) throws PublishException {
        BlueskyConfig config = config(attempt.account());
        PlatformPost post = attempt.post();
        Optional<Receipt> done = Receipt.fromCheckpoints(attempt, post.parts().size());
        if (done.isPresent()) {
            return done.get();
        }
        BlueskySessions.Handle session = sessions.open(config, attempt.credentials());
        List<PartReceipt> parts = new ArrayList<>();
        for (int i = 0; i < post.parts().size(); i++) {
            Optional<Checkpoint> recorded = attempt.checkpoint(Checkpoint.part(i));
            if (recorded.isPresent()) {
                parts.add(recorded.get().asPartReceipt());
                continue;
            }
            try {
                parts.add(publishPart(attempt, config, session, i, parts));
            } catch (PublishException e) {
                throw parts.isEmpty() ? e : inThread(e, i, post.parts().size(), parts);
            }
        }
        return Receipt.of(parts);
    }

    private PartReceipt publishPart(PublishAttempt attempt, BlueskyConfig config, BlueskySessions.Handle session, int index,
            List<PartReceipt> before) throws PublishException {
        String rkey = Tid.of(attempt.delivery(), index);
        Optional<BlueskyApi.Ref> existing = api.getRecord(config, session.did(), rkey);
        if (existing.isPresent()) {
            return recordPart(attempt, index, rkey, existing.get(), session);
        }
        PlatformPost post = attempt.post();
        ObjectNode record = record(attempt, config, session, index, before);
        BlueskyApi.Ref ref;
        try {
            ref = session.call(s -> api.createRecord(config, s, rkey, record));
        } catch (BlueskyApi.XrpcException e) {
            if (e.httpStatus() >= 500) {
                // the PDS answers a repeated record key with 500: the part may be there after all
                Optional<BlueskyApi.Ref> there = api.getRecord(config, session.did(), rkey);
                if (there.isPresent()) {
                    return recordPart(attempt, index, rkey, there.get(), session);
                }
            }
            if (e.error().equals("BlobNotFound") && index == 0 && !post.media().isEmpty()) {
                // an image uploaded by an earlier attempt was dropped by the PDS as unused: upload it again
                ObjectNode again = record(attempt, config, session, index, before, true);
                ref = session.call(s -> api.createRecord(config, s, rkey, again));
                return recordPart(attempt, index, rkey, ref, session);
            }
            throw e;
        }
        return recordPart(attempt, index, rkey, ref, session);
    }

    private static PartReceipt recordPart(PublishAttempt attempt, int index, String rkey, BlueskyApi.Ref ref,
            BlueskySessions.Handle session) {
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("uri", ref.uri());
        refs.put("cid", ref.cid());
        refs.put("rkey", rkey);
        String profile = session.handle().isEmpty() ? session.did() : session.handle();
        PartReceipt receipt = new PartReceipt(ref.uri(), "https://bsky.app/profile/" + profile + "/post/" + rkey, refs);
        attempt.record(Checkpoint.posted(index, receipt));
        return receipt;
    }

    private ObjectNode record(PublishAttempt attempt, BlueskyConfig config, BlueskySessions.Handle session, int index,
            List<PartReceipt> before) throws PublishException {
        return record(attempt, config, session, index, before, false);
    }

    private ObjectNode record(PublishAttempt attempt, BlueskyConfig config, BlueskySessions.Handle session, int index,
            List<PartReceipt> before, boolean uploadAgain) throws PublishException {
        PlatformPost post = attempt.post();
        PlatformPost.Part part = post.parts().get(index);
        ObjectNode record = JSON.createObjectNode();
        record.put("$type", BlueskyApi.POST);
        record.put("text", part.text());
        record.put("createdAt", CREATED_AT.format(api.context().clock().instant()));
        ArrayNode facets = facets(config, part);
        if (!facets.isEmpty()) {
            record.set("facets", facets);
        }
        String language = config.language().orElse(post.language());
        if (language != null) {
            record.putArray("langs").add(language);
        }
        if (index > 0) {
            ObjectNode reply = record.putObject("reply");
            reply.set("root", strongRef(before.get(0)));
            reply.set("parent", strongRef(before.get(index - 1)));
        } else if (!post.media().isEmpty()) {
            ObjectNode embed = record.putObject("embed");
            embed.put("$type", "app.bsky.embed.images");
            ArrayNode images = embed.putArray("images");
            for (int m = 0; m < post.media().size(); m++) {
                Media media = post.media().get(m);
                ObjectNode image = images.addObject();
                image.put("alt", media.altText() == null ? "" : media.altText());
                image.set("image", blob(attempt, config, session, m, uploadAgain));
            }
        } else {
            String link = post.link() != null ? post.link() : part.facets().stream().filter(f -> f.type().equals("link"))
                    .map(PlatformPost.Facet::value).findFirst().orElse(null);
            if (link != null) {
                ObjectNode embed = record.putObject("embed");
                embed.put("$type", "app.bsky.embed.external");
                ObjectNode external = embed.putObject("external");
                external.put("uri", link);
                external.put("title", cardTitle(link));
                external.put("description", "");
            }
        }
        return record;
    }

    /** The blob of media item {@code m}: from its checkpoint, else fetched, uploaded and recorded. */
    private JsonNode blob(PublishAttempt attempt, BlueskyConfig config, BlueskySessions.Handle session, int m, boolean uploadAgain)
            throws PublishException {
        Optional<Checkpoint> uploaded = attempt.checkpoint(Checkpoint.media(m));
        if (uploaded.isPresent() && !uploadAgain) {
            Checkpoint c = uploaded.get();
            ObjectNode blob = JSON.createObjectNode();
            blob.put("$type", "blob");
            blob.putObject("ref").put("$link", c.get("cid"));
            blob.put("mimeType", c.get("mimeType"));
            blob.put("size", Long.parseLong(c.get("size")));
            return blob;
        }
        Media media = attempt.post().media().get(m);
        MediaSource.FetchedMedia fetched = attempt.media().fetch(media, MAX_IMAGE_BYTES);
        String type = fetched.mimeType() == null ? media.mimeType() : fetched.mimeType();
        if (type == null || !IMAGE_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))) {
            throw PublishException.permanent("bluesky takes JPEG, PNG and WebP images, but " + media.url() + " is "
                    + (type == null ? "of no declared type" : type) + "; convert it");
        }
        JsonNode blob = session.call(s -> api.uploadBlob(config, s, fetched.bytes(), type));
        Map<String, String> data = new HashMap<>();
        data.put("cid", blob.path("ref").path("$link").asText());
        data.put("mimeType", blob.path("mimeType").asText(type));
        data.put("size", Long.toString(blob.path("size").asLong(fetched.bytes().length)));
        attempt.record(new Checkpoint(Checkpoint.media(m), new java.util.TreeMap<>(data)));
        return blob;
    }

    private ArrayNode facets(BlueskyConfig config, PlatformPost.Part part) throws PublishException {
        ArrayNode out = JSON.createArrayNode();
        for (PlatformPost.Facet f : part.facets()) {
            ObjectNode feature = JSON.createObjectNode();
            switch (f.type()) {
                case "link" -> feature.put("$type", "app.bsky.richtext.facet#link").put("uri", f.value());
                case "tag" -> feature.put("$type", "app.bsky.richtext.facet#tag").put("tag", f.value());
                case "mention" -> {
                    Optional<String> did = api.resolveHandle(config, f.value());
                    if (did.isEmpty()) {
                        continue; // the app shows an unknown handle as plain text too
                    }
                    feature.put("$type", "app.bsky.richtext.facet#mention").put("did", did.get());
                }
                default -> {
                    continue;
                }
            }
            ObjectNode facet = out.addObject();
            facet.putObject("index").put("byteStart", f.byteStart()).put("byteEnd", f.byteEnd());
            facet.putArray("features").add(feature);
        }
        return out;
    }

    @Override
    public ReadBack readBack(PublishAttempt attempt) throws PublishException {
        BlueskyConfig config = config(attempt.account());
        PlatformPost post = attempt.post();
        int next = 0;
        while (next < post.parts().size() && attempt.checkpoint(Checkpoint.part(next)).isPresent()) {
            next++;
        }
        if (next == post.parts().size()) {
            return ReadBack.found("every part is recorded");
        }
        BlueskySessions.Handle session = sessions.open(config, attempt.credentials());
        String rkey = Tid.of(attempt.delivery(), next);
        Optional<BlueskyApi.Ref> ref = api.getRecord(config, session.did(), rkey);
        if (ref.isPresent()) {
            recordPart(attempt, next, rkey, ref.get(), session);
            return ReadBack.found("part " + (next + 1) + " of " + post.parts().size() + " is " + ref.get().uri());
        }
        return ReadBack.notFound("part " + (next + 1) + " of " + post.parts().size() + " has no record " + rkey + " on "
                + config.handle());
    }

    /**
     * Takes one part down: {@code getRecord} first (a record no longer there was deleted before, by an
     * earlier attempt whose answer was lost or by a person: the reference PDS would answer a
     * deleteRecord of it with 200 all the same), then {@code com.atproto.repo.deleteRecord}. A repeat
     * after a lost answer finds nothing and counts as done; it never deletes twice.
     */
    @Override
    public TakedownResult delete(Takedown takedown) throws PublishException {
        BlueskyConfig config = config(takedown.account());
        PartReceipt part = takedown.published();
        String uri = part.ref("uri") != null ? part.ref("uri") : part.remoteId();
        String[] at = atUri(uri);
        if (!at[1].equals(BlueskyApi.POST)) {
            throw PublishException.permanent("bluesky: " + uri + " is not a post record (" + BlueskyApi.POST + ")");
        }
        if (api.getRecord(config, at[0], at[2]).isEmpty()) {
            return TakedownResult.alreadyGone("record " + uri + " is not on the PDS (deleted before)");
        }
        BlueskySessions.Handle session = sessions.open(config, takedown.credentials());
        if (!session.did().equals(at[0])) {
            throw PublishException.permanent("bluesky: " + uri + " is in the repo of " + at[0] + ", but the account "
                    + takedown.account().target() + " is now " + session.did() + "; delete it by hand at " + part.url());
        }
        session.call(s -> {
            api.deleteRecord(config, s, at[2]);
            return null;
        });
        return TakedownResult.deleted("record " + uri + " deleted");
    }

    /** {@code at://DID/COLLECTION/RKEY} as its three parts. */
    private static String[] atUri(String uri) throws PublishException {
        String[] p = uri == null || !uri.startsWith("at://") ? new String[0] : uri.substring("at://".length()).split("/");
        if (p.length != 3 || p[0].isEmpty() || p[2].isEmpty()) {
            throw PublishException.permanent("bluesky: the published part's id '" + uri + "' is not an at:// record URI");
        }
        return p;
    }

    private static ObjectNode strongRef(PartReceipt part) {
        ObjectNode ref = JSON.createObjectNode();
        ref.put("uri", part.ref("uri") != null ? part.ref("uri") : part.remoteId());
        ref.put("cid", part.ref("cid"));
        return ref;
    }

    private static String cardTitle(String link) {
        try {
            URI u = URI.create(link);
            String host = u.getHost() == null ? link : u.getHost().replaceFirst("^www\\.", "");
            String path = u.getRawPath() == null || u.getRawPath().equals("/") ? "" : u.getRawPath();
            String title = host + path;
            return title.length() <= 100 ? title : title.substring(0, 99) + "…";
        } catch (IllegalArgumentException e) {
            return link.length() <= 100 ? link : link.substring(0, 99) + "…";
        }
    }

    private static BlueskyConfig config(Account account) throws PublishException {
        try {
            return BlueskyConfig.from(account);
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent(e.getMessage());
        }
    }

    /** The same failure, saying which part of the thread failed and which parts were posted. */
    private static PublishException inThread(PublishException e, int part, int parts, List<PartReceipt> posted) {
        return new PublishException(e.kind(), e.getMessage() + " (part " + (part + 1) + " of " + parts
                + "; parts before it were posted as " + String.join(", ", posted.stream().map(PartReceipt::remoteId).toList()) + ")",
                e.retryAfter().orElse(null), e.httpStatus(), e.getCause());
    }
}
