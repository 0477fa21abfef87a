package io.herald.sandbox.meta;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Fetches the image a container names, as Meta does ("We cURL media used in publishing attempts, so
 * the media must be hosted on a publicly accessible server at the time of the attempt"): a URL that
 * does not answer 200 with an accepted image is refused as Meta refuses it, {@code code 9004,
 * error_subcode 2207052} ("Media download has failed."). In the sandbox the sample images come from
 * the sandbox's own {@code /media/} path.
 */
public final class MediaFetch {

    /** The most Meta downloads: 8 MiB ("It should be less than 8 MiB"). */
    public static final long MAX_BYTES = 8L << 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private MediaFetch() {
    }

    /** An image as fetched: its type, size and pixel size. */
    public record Image(String url, String mimeType, long bytes, int width, int height) {
    }

    /**
     * Fetches and checks {@code url}.
     *
     * @param types the accepted types (Instagram: JPEG; Threads: JPEG and PNG)
     * @throws GraphException as Meta answers a media it cannot use
     */
    public static Image fetch(String url, Set<String> types) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw failed(url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw failed(url);
        }
        HttpResponse<InputStream> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("User-Agent",
                    "facebookexternalhit/1.1 (Herald sandbox)").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failed(url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(url);
        }
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (IOException e) {
            throw failed(url);
        }
        if (r.statusCode() != 200) {
            throw failed(url);
        }
        if (bytes.length > MAX_BYTES) {
            throw new GraphException(400, 36000, 2207004, "OAuthException", "The image size is too large.",
                    "Image size too large", "The image is too large to download. It should be less than 8 MiB.", false);
        }
        String type = r.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!types.contains(type)) {
            throw failed(url);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw failed(url);
        }
        return new Image(url, type, bytes.length, image.getWidth(), image.getHeight());
    }

    private static GraphException failed(String url) {
        return new GraphException(400, 9004, 2207052, "OAuthException", "Only photo or video can be accepted as media type.",
                "Media download has failed.", "The media could not be fetched from this uri: " + url, false);
    }
}
