package io.herald.connector.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.CredentialStore;
import io.herald.connector.PublishException;
import io.herald.connector.Secret;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The account's session, kept in Herald's credential store under {@value #NAME} (one value, so that
 * the DID and both tokens change together): reused while the access token has a minute left, renewed
 * by {@code refreshSession} while the refresh token lives, and opened anew by {@code createSession}
 * only when neither works, because the PDS limits createSession (30 per 5 minutes, 300 a day).
 */
final class BlueskySessions {

    /** The credential-store name of the session. */
    static final String NAME = "bluesky.session";
    private static final Duration MARGIN = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlueskyApi api;
    private final Clock clock;

    BlueskySessions(BlueskyApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** A call made with the session's access token. */
    @FunctionalInterface
    interface Call<T> {
        T apply(BlueskyApi.Session session) throws PublishException;
    }

    /** The session of one account for one attempt; renews itself once when the PDS refuses its token. */
    final class Handle {
        private final BlueskyConfig config;
        private final CredentialStore store;
        private BlueskyApi.Session session;

        private Handle(BlueskyConfig config, CredentialStore store, BlueskyApi.Session session) {
            this.config = config;
            this.store = store;
            this.session = session;
        }

        String did() {
            return session.did();
        }

        String handle() {
            return session.handle();
        }

        /** Makes {@code call}; when the PDS refuses the token (expired, revoked), renews the session and calls once more. */
        <T> T call(Call<T> call) throws PublishException {
            try {
                return call.apply(session);
            } catch (BlueskyApi.XrpcException e) {
                if (!e.tokenRefused()) {
                    throw e;
                }
                session = renew(config, store, session);
                return call.apply(session);
            }
        }
    }

    /** The account's session: kept, refreshed or new. */
    Handle open(BlueskyConfig config, CredentialStore store) throws PublishException {
        Optional<BlueskyApi.Session> kept = load(config, store);
        Instant now = clock.instant();
        if (kept.isPresent()) {
            BlueskyApi.Session s = kept.get();
            if (s.accessExpires() == null || now.plus(MARGIN).isBefore(s.accessExpires())) {
                return new Handle(config, store, s);
            }
            return new Handle(config, store, renew(config, store, s));
        }
        return new Handle(config, store, create(config, store));
    }

    private BlueskyApi.Session renew(BlueskyConfig config, CredentialStore store, BlueskyApi.Session s) throws PublishException {
        Instant now = clock.instant();
        if (s.refreshExpires() == null || now.plus(MARGIN).isBefore(s.refreshExpires())) {
            try {
                BlueskyApi.Session fresh = api.refreshSession(config, s.refresh());
                save(config, store, fresh);
                return fresh;
            } catch (BlueskyApi.XrpcException e) {
                if (!e.tokenRefused()) {
                    throw e;
                }
                store.remove(NAME);
            }
        }
        return create(config, store);
    }

    private BlueskyApi.Session create(BlueskyConfig config, CredentialStore store) throws PublishException {
        BlueskyApi.Session fresh = api.createSession(config);
        save(config, store, fresh);
        return fresh;
    }

    private static void save(BlueskyConfig config, CredentialStore store, BlueskyApi.Session s) {
        ObjectNode v = JSON.createObjectNode();
        v.put("login", config.handle());
        v.put("did", s.did());
        v.put("handle", s.handle());
        v.put("accessJwt", s.access().reveal());
        v.put("refreshJwt", s.refresh().reveal());
        store.put(NAME, Secret.of(v.toString()), s.refreshExpires());
    }

    /** The kept session of this login, if any and readable. */
    private Optional<BlueskyApi.Session> load(BlueskyConfig config, CredentialStore store) {
        Optional<CredentialStore.Stored> stored = store.get(NAME);
        if (stored.isEmpty() || stored.get().expiredAt(clock.instant())) {
            return Optional.empty();
        }
        try {
            JsonNode v = JSON.readTree(stored.get().value().reveal());
            if (!config.handle().equals(v.path("login").asText()) || !v.path("did").isTextual()) {
                return Optional.empty(); // a session of another handle: the account was reconfigured
            }
            String access = v.path("accessJwt").asText("");
            String refresh = v.path("refreshJwt").asText("");
            return Optional.of(new BlueskyApi.Session(v.get("did").asText(), v.path("handle").asText(""), Secret.of(access),
                    BlueskyApi.expiry(access), Secret.of(refresh), BlueskyApi.expiry(refresh)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
