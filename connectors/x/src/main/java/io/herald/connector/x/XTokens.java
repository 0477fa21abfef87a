package io.herald.connector.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.connector.ConnectorHttp;
import io.herald.connector.CredentialStore;
import io.herald.connector.PublishException;
import io.herald.connector.Secret;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 user-context tokens of X accounts. An access token lives two hours; a refresh token
 * ({@code offline.access}) renews it through {@code POST /2/oauth2/token} ({@code grant_type=refresh_token})
 * and X answers with a <b>new</b> refresh token: the one just used no longer works. So every renewal is
 * kept at once in Herald's {@link CredentialStore} ({@value #ACCESS}, {@value #REFRESH}), and the
 * store's refresh token wins over the configured one, unless the configured one changed since the
 * chain began ({@value #ORIGIN}: a fingerprint of it), which means an operator authorized again.
 *
 * <p>Renewals of one account are serialised in this process; when another instance renewed first
 * (X refuses the refresh token this one read), the store's newer token is tried once. No token ever
 * reaches a log, a message or a checkpoint.
 */
final class XTokens {

    static final String ACCESS = "x-access-token";
    static final String REFRESH = "x-refresh-token";
    static final String ORIGIN = "x-refresh-origin";
    /** An access token is renewed this long before X says it expires. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(XTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorHttp http;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    XTokens(ConnectorHttp http) {
        this.http = http;
        this.clock = http.context().clock();
    }

    /** The access token to send now: a kept one still valid, else the configured one, else a renewed one. */
    Secret current(XSession s) throws PublishException {
        forgetIfReauthorized(s);
        Optional<CredentialStore.Stored> kept = s.store().get(ACCESS);
        if (kept.isPresent() && fresh(kept.get())) {
            return kept.get().value();
        }
        if (kept.isEmpty() && s.config().token().isPresent()) {
            return s.config().token().get();
        }
        return renew(s, null);
    }

    /**
     * A new access token, after X refused {@code refused} (or none was usable).
     *
     * @throws PublishException {@code AUTHENTICATION} when there is no refresh token or X refuses it
     */
    Secret renew(XSession s, Secret refused) throws PublishException {
        synchronized (locks.computeIfAbsent(s.target(), t -> new Object())) {
            Optional<CredentialStore.Stored> kept = s.store().get(ACCESS);
            if (kept.isPresent() && fresh(kept.get()) && !kept.get().value().equals(refused)) {
                return kept.get().value(); // renewed meanwhile by another thread
            }
            Secret refresh = s.store().get(REFRESH).map(CredentialStore.Stored::value)
                    .or(() -> s.config().refreshToken()).orElse(null);
            if (refresh == null) {
                throw PublishException.authentication("x refused the access token of " + s.target()
                        + " and the account has no refreshToken to renew it (access tokens live 2 hours); authorize Herald"
                        + " with the offline.access scope and set refreshTokenEnv or refreshTokenFile");
            }
            try {
                return refresh(s, refresh);
            } catch (PublishException e) {
                Optional<Secret> newer = s.store().get(REFRESH).map(CredentialStore.Stored::value).filter(r -> !r.equals(refresh));
                if (e.kind() == PublishException.Kind.AUTHENTICATION && newer.isPresent()) {
                    return refresh(s, newer.get()); // another instance rotated it first
                }
                throw e;
            }
        }
    }

    private Secret refresh(XSession s, Secret refresh) throws PublishException {
        XConfig config = s.config();
        String clientId = config.clientId().orElse("");
        String form = "grant_type=refresh_token&refresh_token=" + enc(refresh.reveal()) + "&client_id=" + enc(clientId);
        HttpRequest.Builder request = http.request(config.uri("/2/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        Secret clientSecret = config.clientSecret().orElse(null);
        if (clientSecret != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret.reveal()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.exchange(request.build(), refresh, clientSecret);
        } catch (PublishException e) {
            // nothing was posted; but X may have rotated the token without our hearing the new one
            throw e.kind() == PublishException.Kind.OUTCOME_UNKNOWN ? PublishException.retryable(e.getMessage()
                    + " (renewing the access token; if X refuses the refresh token next, authorize Herald again)", e) : e;
        }
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            PublishException refused = http.classify(response, refresh, clientSecret);
            throw PublishException.authentication("x refused the refresh token of " + s.target() + " ("
                    + refused.getMessage().replaceFirst("^x answered ", "") + "); authorize Herald for the account again"
                    + " and set its refreshTokenEnv or refreshTokenFile");
        }
        if (response.statusCode() / 100 != 2) {
            throw http.classify(response, refresh, clientSecret);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        String access = json == null ? "" : json.path("access_token").asText("");
        if (access.isEmpty()) {
            throw PublishException.retryable("x answered the token renewal of " + s.target() + " without an access token", null);
        }
        String rotated = json.path("refresh_token").asText("");
        long expiresIn = json.path("expires_in").asLong(7200);
        Instant now = clock.instant();
        if (!rotated.isEmpty()) {
            s.store().put(REFRESH, Secret.of(rotated), null);
        }
        s.store().put(ACCESS, Secret.of(access), now.plusSeconds(expiresIn));
        config.refreshToken().ifPresent(configured -> s.store().put(ORIGIN, Secret.of(fingerprint(configured)), null));
        LOG.info("{}: renewed the X access token (valid {} s){}", s.target(), expiresIn,
                rotated.isEmpty() ? "" : "; the rotated refresh token is kept in Herald's store");
        return Secret.of(access);
    }

    /** The configured refresh token changed since the kept chain began: an operator authorized again. */
    private void forgetIfReauthorized(XSession s) {
        Optional<Secret> configured = s.config().refreshToken();
        Optional<CredentialStore.Stored> origin = s.store().get(ORIGIN);
        if (configured.isPresent() && origin.isPresent() && !origin.get().value().reveal().equals(fingerprint(configured.get()))) {
            LOG.info("{}: the configured X refresh token changed; forgetting the kept tokens", s.target());
            s.store().remove(ACCESS);
            s.store().remove(REFRESH);
            s.store().remove(ORIGIN);
        }
    }

    private boolean fresh(CredentialStore.Stored stored) {
        return stored.expiresAt() == null || clock.instant().plus(MARGIN).isBefore(stored.expiresAt());
    }

    static String fingerprint(Secret s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
