package io.herald.connector;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches media over HTTP for upload: https only, at most three redirects (each hop checked), the
 * size bounded while reading, the type taken from the server's {@code Content-Type} (else the
 * item's {@code mimeType}). Outside the sandbox, a URL whose host resolves to a loopback, private,
 * link-local, unique-local, carrier-grade NAT or multicast address is refused, so that a post cannot
 * make Herald read from the machine or network it runs in.
 *
 * <p>The host is resolved and checked before each request; the HTTP client resolves it again to
 * connect, so a DNS server that changes its answer between the two (rebinding) is not excluded:
 * where that matters, run Herald behind an egress proxy that allows only public addresses.
 */
public final class HttpMediaSource implements MediaSource {

    private static final int MAX_REDIRECTS = 3;
    private final HttpClient http;
    private final Duration timeout;
    private final boolean allowPrivate;

    /**
     * @param allowPrivate true only in the sandbox: http and loopback addresses are then allowed
     */
    public HttpMediaSource(HttpClient http, Duration timeout, boolean allowPrivate) {
        this.http = http;
        this.timeout = timeout;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public FetchedMedia fetch(Media media, long maxBytes) throws PublishException {
        URI uri;
        try {
            uri = URI.create(media.url().strip());
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent("media " + media.url() + " is not a URL");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(uri);
            HttpResponse<InputStream> r;
            try {
                r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "Herald").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw PublishException.retryable("cannot fetch media " + uri + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PublishException.retryable("interrupted while fetching media " + uri, e);
            }
            int status = r.statusCode();
            if (status / 100 == 3 && r.headers().firstValue("Location").isPresent()) {
                close(r);
                uri = uri.resolve(r.headers().firstValue("Location").get());
                continue;
            }
            if (status != 200) {
                close(r);
                String message = "media " + uri + " answered HTTP " + status;
                throw status >= 500 || status == 429 || status == 408 ? PublishException.retryable(message, null)
                        : PublishException.permanent(message + "; check the media URL");
            }
            long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                close(r);
                throw tooLarge(uri, declared, maxBytes);
            }
            byte[] bytes;
            try (InputStream in = r.body()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            } catch (IOException e) {
                throw PublishException.retryable("cannot read media " + uri + ": " + e.getMessage(), e);
            }
            if (bytes.length > maxBytes) {
                throw tooLarge(uri, bytes.length, maxBytes);
            }
            String type = r.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                    .filter(t -> !t.isEmpty() && !t.equals("application/octet-stream")).orElse(media.mimeType());
            return new FetchedMedia(media, bytes, type);
        }
        throw PublishException.permanent("media " + media.url() + " redirects more than " + MAX_REDIRECTS + " times");
    }

    /** The same checks as before a fetch (scheme, host, and outside the sandbox a public address), without fetching. */
    @Override
    public void checkFetchable(Media media) throws PublishException {
        URI uri;
        try {
            uri = URI.create(media.url().strip());
        } catch (IllegalArgumentException e) {
            throw PublishException.permanent("media " + media.url() + " is not a URL");
        }
        check(uri);
    }

    private void check(URI uri) throws PublishException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw PublishException.permanent("media " + uri + " must be an https URL");
        }
        if (uri.getHost() == null) {
            throw PublishException.permanent("media " + uri + " has no host");
        }
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw PublishException.retryable("media host " + uri.getHost() + " does not resolve", e);
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                throw PublishException.permanent("media " + uri + " is on a private or local address (" + a.getHostAddress()
                        + "); Herald fetches media only from public addresses");
            }
        }
    }

    /** Whether an address is on the public internet. */
    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return !(first == 100 && second >= 64 && second <= 127) // 100.64.0.0/10 carrier-grade NAT
                && first != 0 && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 240;
    }

    private static PublishException tooLarge(URI uri, long size, long max) {
        return PublishException.permanent("media " + uri + " has " + size + " bytes; the network takes at most " + max);
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
