package io.herald.connector;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;

/**
 * The HTTP calls of one connector, with every failure classified the same way for every network:
 * <ul>
 *   <li>no connection (refused, unknown host, connect timeout): nothing was sent, {@code RETRYABLE};</li>
 *   <li>no answer in time, or the connection lost after sending: {@code OUTCOME_UNKNOWN} for a request
 *       that changes something (POST, PUT, PATCH, DELETE), {@code RETRYABLE} for a read;</li>
 *   <li>an HTTP error answer: by the connector's {@link HttpErrorClassifier}.</li>
 * </ul>
 * Messages never carry a credential: every secret passed is masked wherever it might appear.
 */
public final class ConnectorHttp {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private final ConnectorContext context;
    private final String platform;
    private final HttpErrorClassifier classifier;

    public ConnectorHttp(ConnectorContext context, String platform, HttpErrorClassifier classifier) {
        this.context = context;
        this.platform = platform;
        this.classifier = classifier;
    }

    public ConnectorContext context() {
        return context;
    }

    /** A request builder with the connector's timeout and a User-Agent. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(context.requestTimeout()).header("User-Agent", "Herald");
    }

    /** Sends; any 2xx is returned, any other answer is thrown classified. */
    public HttpResponse<String> send(HttpRequest request, Secret... secrets) throws PublishException {
        HttpResponse<String> response = exchange(request, secrets);
        if (response.statusCode() / 100 != 2) {
            throw classifier.classify(platform, response.statusCode(), response.headers(), redact(response.body(), secrets));
        }
        return response;
    }

    /** Sends and returns whatever the server answered; only transport failures are thrown. */
    public HttpResponse<String> exchange(HttpRequest request, Secret... secrets) throws PublishException {
        return exchange(request, HttpResponse.BodyHandlers.ofString(), secrets);
    }

    /** As {@link #exchange(HttpRequest, Secret...)} with another body handler. */
    public <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, Secret... secrets)
            throws PublishException {
        String where = platform + " at " + request.uri().getScheme() + "://" + request.uri().getRawAuthority()
                + request.uri().getRawPath();
        boolean changes = !READS.contains(request.method());
        try {
            return context.http().send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw PublishException.retryable("cannot connect to " + where + " (connect timed out)", e);
        } catch (HttpTimeoutException e) {
            String message = "no answer from " + where + " within " + context.requestTimeout().toMillis() + " ms";
            throw changes ? PublishException.outcomeUnknown(message + "; the request may have taken effect", e)
                    : PublishException.retryable(message, e);
        } catch (IOException e) {
            if (notConnected(e)) {
                throw PublishException.retryable("cannot connect to " + where + ": " + describe(e, secrets), e);
            }
            String message = "connection to " + where + " failed after sending: " + describe(e, secrets);
            throw changes ? PublishException.outcomeUnknown(message + "; the request may have taken effect", e)
                    : PublishException.retryable(message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String message = "interrupted while waiting for " + where;
            throw changes ? PublishException.outcomeUnknown(message, e) : PublishException.retryable(message, e);
        }
    }

    /** Classifies an answer the caller read itself. */
    public PublishException classify(HttpResponse<String> response, Secret... secrets) {
        return classifier.classify(platform, response.statusCode(), response.headers(), redact(response.body(), secrets));
    }

    /** True when the failure happened before any byte of the request could have been sent. */
    static boolean notConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e, Secret... secrets) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return redact(message, secrets);
    }

    /** {@code text} with every secret, should it ever appear, masked. */
    public static String redact(String text, Secret... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s.reveal(), "******");
            }
        }
        return out;
    }
}
