package io.herald.connector.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.connector.ConnectorContext;
import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PublishException;
import io.herald.connector.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Mastodon's {@code POST /api/v1/statuses}, with every failure classified for the dispatcher:
 * <ul>
 *   <li>no connection (refused, unknown host, connect timeout): nothing was sent, {@code RETRYABLE}</li>
 *   <li>no answer in time, or the connection lost after sending: {@code OUTCOME_UNKNOWN}</li>
 *   <li>an HTTP error: by {@link HttpErrorClassifier} (401/403 authentication, 429 rate limited
 *       with {@code X-RateLimit-Reset}, 422 and other 4xx permanent, 5xx retryable)</li>
 * </ul>
 * No message carries the access token.
 */
final class MastodonApi {

    static final String PLATFORM = "mastodon";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorContext context;
    private final HttpErrorClassifier classifier;

    MastodonApi(ConnectorContext context, HttpErrorClassifier classifier) {
        this.context = context;
        this.classifier = classifier;
    }

    /** A status Mastodon created (or, for a repeated {@code Idempotency-Key}, had created). */
    record Posted(String id, String url) {
    }

    Posted postStatus(MastodonConfig config, Secret token, String text, String inReplyToId, String idempotencyKey)
            throws PublishException {
        HttpRequest request = HttpRequest.newBuilder(config.statusesUri())
                .timeout(context.requestTimeout())
                .header("Authorization", "Bearer " + token.reveal())
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "Herald")
                .POST(HttpRequest.BodyPublishers.ofString(body(config, text, inReplyToId)))
                .build();
        HttpResponse<String> response = send(request, token);
        if (response.statusCode() / 100 != 2) {
            throw classifier.classify(PLATFORM, response.statusCode(), response.headers(),
                    redact(response.body(), token));
        }
        return parse(response.body(), token);
    }

    private static String body(MastodonConfig config, String text, String inReplyToId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", text);
        if (inReplyToId != null) {
            body.put("in_reply_to_id", inReplyToId);
        }
        body.put("visibility", config.visibility());
        config.language().ifPresent(language -> body.put("language", language));
        return body.toString();
    }

    private HttpResponse<String> send(HttpRequest request, Secret token) throws PublishException {
        String where = PLATFORM + " at " + request.uri();
        try {
            return context.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw PublishException.retryable("cannot connect to " + where + " (connect timed out)", e);
        } catch (HttpTimeoutException e) {
            throw PublishException.outcomeUnknown("no answer from " + where + " within "
                    + context.requestTimeout().toMillis() + " ms; the status may have been posted", e);
        } catch (IOException e) {
            if (notConnected(e)) {
                throw PublishException.retryable("cannot connect to " + where + ": " + describe(e, token), e);
            }
            throw PublishException.outcomeUnknown("connection to " + where + " failed after sending: "
                    + describe(e, token) + "; the status may have been posted", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.outcomeUnknown("interrupted while waiting for " + where, e);
        }
    }

    /** True when the failure happened before any byte of the request could have been sent. */
    private static boolean notConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private Posted parse(String body, Secret token) throws PublishException {
        try {
            JsonNode json = JSON.readTree(body);
            String id = json.path("id").asText("");
            if (id.isEmpty()) {
                throw new IOException("no id in the answer");
            }
            return new Posted(id, json.path("url").isTextual() ? json.get("url").asText() : null);
        } catch (IOException e) {
            throw PublishException.outcomeUnknown(PLATFORM + " accepted the status but its answer cannot be read ("
                    + describe(e, token) + ")", null);
        }
    }

    private static String describe(Throwable e, Secret token) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return redact(message, token);
    }

    /** {@code text} with the token, should it ever appear, masked. */
    static String redact(String text, Secret token) {
        if (text == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token.reveal(), "******");
    }
}
