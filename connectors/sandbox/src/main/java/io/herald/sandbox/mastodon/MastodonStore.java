package io.herald.sandbox.mastodon;

import io.herald.sandbox.mastodon.MastodonEvent.Created;
import io.herald.sandbox.mastodon.MastodonEvent.Deleted;
import io.herald.sandbox.mastodon.MastodonEvent.IdempotencyKey;
import io.herald.sandbox.mastodon.MastodonEvent.KeyUsed;
import io.herald.sandbox.mastodon.MastodonEvent.Status;
import io.herald.sandbox.standin.Journal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The statuses and idempotency keys of the Mastodon stand-in, kept in memory and journalled on
 * every change. Not thread-safe: the stand-in serialises calls.
 */
final class MastodonStore {

    /** How long Mastodon remembers an {@code Idempotency-Key}. */
    static final Duration KEY_LIFETIME = Duration.ofHours(1);

    private final Journal<MastodonEvent> journal;
    private final Clock clock;
    private final TreeMap<Long, Status> statuses = new TreeMap<>();
    /** Deleted statuses, kept for {@code herald sandbox posts} only: the API no longer shows them. */
    private final TreeMap<Long, Status> deleted = new TreeMap<>();
    private final Map<String, IdempotencyKey> keys = new HashMap<>();
    private final Map<String, MastodonEvent.Media> media = new HashMap<>();
    /** Live statuses per account and replies per status, kept as statuses come and go (never counted per request). */
    private final Map<String, Integer> countByAccount = new HashMap<>();
    private final Map<String, Long> repliesTo = new HashMap<>();
    private long lastId;

    MastodonStore(Journal<MastodonEvent> journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
        journal.replay().forEach(this::apply);
        journal.rewrite(compacted());
    }

    /** The status an account created under {@code key} within the last hour, if any. */
    Optional<IdempotencyKey> key(String accountId, String key) {
        IdempotencyKey used = keys.get(accountId + "\n" + key);
        if (used == null || !clock.instant().isBefore(used.createdAt().plus(KEY_LIFETIME))) {
            return Optional.empty();
        }
        return Optional.of(used);
    }

    Optional<Status> find(String id) {
        try {
            return Optional.ofNullable(statuses.get(Long.parseLong(id)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Creates a status with the next id and the clock's time; {@code idempotencyKey} may be null. */
    Status create(String accountId, String text, String spoilerText, boolean sensitive, String visibility,
            String language, Status inReplyTo, String idempotencyKey, List<String> mediaIds) {
        Instant now = clock.instant();
        // Mastodon's ids are snowflakes: time in the high bits, so they sort by creation.
        long id = Math.max(lastId + 1, now.toEpochMilli() << 16);
        Status status = new Status(Long.toString(id), accountId, text, spoilerText, sensitive, visibility, language,
                inReplyTo == null ? null : inReplyTo.id(), inReplyTo == null ? null : inReplyTo.accountId(), now, mediaIds, null);
        Created event = new Created(status, idempotencyKey);
        journal.append(event);
        apply(event);
        return status;
    }

    /** Keeps an uploaded media item with the next id. */
    MastodonEvent.Media upload(String accountId, String description, String mimeType, long size) {
        Instant now = clock.instant();
        long id = Math.max(lastId + 1, now.toEpochMilli() << 16);
        lastId = id;
        MastodonEvent.Media m = new MastodonEvent.Media(Long.toString(id), accountId, description, mimeType, size, now);
        MastodonEvent.MediaUploaded event = new MastodonEvent.MediaUploaded(m);
        journal.append(event);
        apply(event);
        return m;
    }

    Optional<MastodonEvent.Media> media(String id) {
        return Optional.ofNullable(media.get(id));
    }

    void delete(Status status) {
        Deleted event = new Deleted(status.id(), clock.instant());
        journal.append(event);
        apply(event);
    }

    /** Changes a status's text in place; returns it as it stands now. */
    Status edit(Status status, String text) {
        MastodonEvent.Edited event = new MastodonEvent.Edited(status.id(), text, clock.instant());
        journal.append(event);
        apply(event);
        return statuses.get(Long.parseLong(status.id()));
    }

    /** The statuses deleted, oldest first (for {@code herald sandbox posts}). */
    List<Status> deleted() {
        return List.copyOf(deleted.values());
    }

    /** Every status, oldest first. */
    List<Status> all() {
        return List.copyOf(statuses.values());
    }

    /** An account's statuses, newest first. */
    List<Status> byAccount(String accountId) {
        return statuses.descendingMap().values().stream().filter(s -> s.accountId().equals(accountId)).toList();
    }

    long replies(String statusId) {
        return repliesTo.getOrDefault(statusId, 0L);
    }

    /** How many live statuses an account has. */
    int count(String accountId) {
        return countByAccount.getOrDefault(accountId, 0);
    }

    private void counted(Status s, int by) {
        countByAccount.merge(s.accountId(), by, Integer::sum);
        if (s.inReplyToId() != null) {
            repliesTo.merge(s.inReplyToId(), (long) by, Long::sum);
        }
    }

    private void apply(MastodonEvent event) {
        if (event instanceof Created created) {
            Status s = created.status();
            long id = Long.parseLong(s.id());
            Status before = statuses.put(id, s);
            if (before != null) {
                counted(before, -1);
            }
            counted(s, 1);
            lastId = Math.max(lastId, id);
            if (created.idempotencyKey() != null) {
                remember(new IdempotencyKey(s.accountId(), created.idempotencyKey(), s.id(), s.createdAt()));
            }
        } else if (event instanceof Deleted d) {
            Status gone = statuses.remove(Long.parseLong(d.statusId()));
            if (gone != null) {
                counted(gone, -1);
                deleted.put(Long.parseLong(gone.id()), gone);
            }
        } else if (event instanceof MastodonEvent.Edited e) {
            Status s = statuses.get(Long.parseLong(e.statusId()));
            if (s != null) {
                statuses.put(Long.parseLong(s.id()), s.withText(e.text(), e.editedAt()));
            }
        } else if (event instanceof KeyUsed used) {
            remember(used.key());
        } else if (event instanceof MastodonEvent.MediaUploaded uploaded) {
            media.put(uploaded.media().id(), uploaded.media());
            lastId = Math.max(lastId, Long.parseLong(uploaded.media().id()));
        }
    }

    private void remember(IdempotencyKey key) {
        keys.put(key.accountId() + "\n" + key.key(), key);
    }

    /** The journal reduced to what is in force: live statuses with their keys, and the keys of deleted ones. */
    private List<MastodonEvent> compacted() {
        Map<String, String> keyByStatus = new HashMap<>();
        List<MastodonEvent> events = new ArrayList<>();
        for (IdempotencyKey key : keys.values()) {
            if (key(key.accountId(), key.key()).isEmpty()) {
                continue;
            }
            if (find(key.statusId()).isPresent()) {
                keyByStatus.put(key.statusId(), key.key());
            } else {
                events.add(new KeyUsed(key));
            }
        }
        media.values().forEach(m -> events.add(new MastodonEvent.MediaUploaded(m)));
        statuses.values().forEach(s -> events.add(new Created(s, keyByStatus.get(s.id()))));
        for (Status s : deleted.values()) {
            events.add(new Created(s, null));
            events.add(new Deleted(s.id(), null));
        }
        return events;
    }
}
