package io.herald.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fault to inject, for reliability tests: the next {@code times} calls to {@code platform} wait
 * {@code delayMillis}, then answer {@code status} with {@code headers} and {@code body} instead of
 * being served; with {@code status} 0 they are served normally after the delay (a slow network
 * that still acts, as a request that timed out on the client may).
 *
 * <pre>{@code
 * server.inject(SandboxFault.status("mastodon", 503).times(3));
 * server.inject(SandboxFault.status("mastodon", 429).withHeader("X-RateLimit-Reset", reset));
 * server.inject(SandboxFault.delay("mastodon", Duration.ofSeconds(2)));
 * server.inject(SandboxFault.delay("instagram", Duration.ofSeconds(2)).onPath("/media_publish$"));
 * }</pre>
 *
 * @param platform the stand-in it applies to, e.g. {@code mastodon}
 * @param times how many calls it applies to, at least 1
 * @param status the status to answer, or 0 to serve the call after the delay
 * @param headers headers of the injected answer
 * @param body body of the injected answer; null for {@code {"error": "<reason>"}}
 * @param delayMillis how long to wait before answering
 * @param path null for every call, else a regular expression that must be found in the request's
 *     path below the platform's prefix ({@code /media_publish$}): only those calls count, so that a
 *     test can make the one step of a multi-step publication slow or failing
 */
public record SandboxFault(
        String platform, int times, int status, Map<String, String> headers, String body, long delayMillis,
        String path) {

    /** A fault for every call of the platform. */
    public SandboxFault(String platform, int times, int status, Map<String, String> headers, String body, long delayMillis) {
        this(platform, times, status, headers, body, delayMillis, null);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public SandboxFault {
        Objects.requireNonNull(platform, "platform");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, but was " + times);
        }
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 or an HTTP status 100..599, but was " + status);
        }
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative, but was " + delayMillis);
        }
        if (status == 0 && delayMillis == 0) {
            throw new IllegalArgumentException("a fault needs a status or a delay");
        }
        if (path != null) {
            try {
                java.util.regex.Pattern.compile(path);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("path must be a regular expression, but was '" + path + "'");
            }
        }
    }

    /** Whether this fault applies to a call of {@code requestPath} (below the platform's prefix). */
    public boolean appliesTo(String requestPath) {
        return path == null || java.util.regex.Pattern.compile(path).matcher(requestPath).find();
    }

    /** The same fault, only for calls whose path matches {@code regex}. */
    public SandboxFault onPath(String regex) {
        return new SandboxFault(platform, times, status, headers, body, delayMillis, regex);
    }

    /** The next call to {@code platform} answers {@code status}. */
    public static SandboxFault status(String platform, int status) {
        return new SandboxFault(platform, 1, status, Map.of(), null, 0);
    }

    /** The next call to {@code platform} is served after {@code delay}. */
    public static SandboxFault delay(String platform, Duration delay) {
        return new SandboxFault(platform, 1, 0, Map.of(), null, delay.toMillis());
    }

    /** The same fault for the next {@code n} calls. */
    public SandboxFault times(int n) {
        return new SandboxFault(platform, n, status, headers, body, delayMillis, path);
    }

    /** The same fault, answering with one more header. */
    public SandboxFault withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SandboxFault(platform, times, status, more, body, delayMillis, path);
    }

    /** The same fault, answering with {@code body}. */
    public SandboxFault withBody(String body) {
        return new SandboxFault(platform, times, status, headers, body, delayMillis, path);
    }

    /** The same fault, answering after {@code delay}. */
    public SandboxFault withDelay(Duration delay) {
        return new SandboxFault(platform, times, status, headers, body, delay.toMillis(), path);
    }
}
