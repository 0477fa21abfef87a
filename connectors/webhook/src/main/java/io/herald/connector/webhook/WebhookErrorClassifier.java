package io.herald.connector.webhook;

import io.herald.connector.HttpErrorClassifier;
import io.herald.connector.PublishException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Optional;

/**
 * A receiver's answers, as the Standard Webhooks spec and common senders treat them: 2xx delivered;
 * 410 Gone means the endpoint is retired, {@code PERMANENT}; 429 {@code RATE_LIMITED} and every 5xx
 * {@code RETRYABLE}, each after the receiver's {@code Retry-After} when it sends one; 401/403 (a
 * signature it refuses) {@code AUTHENTICATION}; other 4xx {@code PERMANENT} (408 and 409 retried).
 */
final class WebhookErrorClassifier extends HttpErrorClassifier {

    WebhookErrorClassifier(Clock clock) {
        super(clock);
    }

    @Override
    protected Optional<PublishException> classifyBody(String platform, int status, HttpHeaders headers, String body,
            String message) {
        if (status == 410) {
            return Optional.of(new PublishException(PublishException.Kind.PERMANENT, message
                    + " (the receiver says this endpoint is gone: correct the account's baseUrl or remove the account)",
                    null, status, null));
        }
        if (status == 401 || status == 403) {
            return Optional.of(new PublishException(PublishException.Kind.AUTHENTICATION, message
                    + " (the receiver refused the request: check that it has the account's signing secret)", null, status, null));
        }
        if (status >= 500 && headers.firstValue("Retry-After").isPresent()) {
            return Optional.of(new PublishException(PublishException.Kind.RETRYABLE, message, retryAfter(headers), status, null));
        }
        return Optional.empty();
    }
}
