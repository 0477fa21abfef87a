package io.herald.sandbox.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.herald.sandbox.SandboxFault;
import io.herald.sandbox.standin.SandboxApiException;
import io.herald.sandbox.standin.SandboxRequest;
import io.herald.sandbox.standin.SandboxResponse;
import io.herald.sandbox.standin.StandIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request: {@code /_sandbox/...} to the {@link AdminApi}, {@code /<platform>/...} to
 * that platform's stand-in after any injected fault. Never lets an exception escape to the JDK
 * server; never logs a header (they carry tokens).
 */
public final class SandboxHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpHandler.class);
    private static final int MAX_BODY_BYTES = 20 << 20;

    private final Map<String, StandIn> standIns;
    private final AdminApi admin;
    private final FaultInjector faults;

    public SandboxHttpHandler(Map<String, StandIn> standIns, AdminApi admin, FaultInjector faults) {
        this.standIns = Map.copyOf(standIns);
        this.admin = admin;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxResponse response = answer(exchange);
            LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    response.status());
            write(exchange, response);
        } catch (IOException e) {
            LOG.debug("client went away before the answer was written: {}", e.getMessage());
        }
    }

    private SandboxResponse answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        try {
            if (path.equals(AdminApi.PREFIX) || path.startsWith(AdminApi.PREFIX + "/")) {
                return admin.handle(read(exchange, AdminApi.PREFIX));
            }
            if (path.startsWith(SampleMedia.PREFIX)) {
                return SampleMedia.serve(path);
            }
            String[] segments = path.split("/", 3);
            String platform = segments.length > 1 ? segments[1] : "";
            StandIn standIn = standIns.get(platform);
            if (standIn == null) {
                return SandboxResponse.error(404, "no stand-in at /" + platform + "; available: "
                        + String.join(", ", standIns.keySet()));
            }
            SandboxRequest request = read(exchange, "/" + platform);
            Optional<SandboxFault> fault = faults.next(platform, request.path());
            if (fault.isPresent()) {
                Optional<SandboxResponse> injected = serve(fault.get());
                if (injected.isPresent()) {
                    return injected.get();
                }
            }
            return standIn.handle(request);
        } catch (SandboxApiException e) {
            return SandboxResponse.error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("the sandbox failed on {} {}", exchange.getRequestMethod(), path, e);
            return SandboxResponse.error(500, "Internal Server Error");
        }
    }

    /** Waits out the fault's delay; its answer, or empty when the call is to be served. */
    private static Optional<SandboxResponse> serve(SandboxFault fault) {
        if (fault.delayMillis() > 0) {
            try {
                Thread.sleep(fault.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(SandboxResponse.error(503, "Service Unavailable"));
            }
        }
        if (fault.status() == 0) {
            return Optional.empty();
        }
        SandboxResponse response = fault.body() == null
                ? SandboxResponse.error(fault.status(), reason(fault.status()))
                : new SandboxResponse(fault.status(), Map.of("Content-Type", "application/json; charset=utf-8"),
                        fault.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : fault.headers().entrySet()) {
            response = response.withHeader(h.getKey(), h.getValue());
        }
        return Optional.of(response);
    }

    private static String reason(int status) {
        switch (status) {
            case 429:
                return "Too many requests";
            case 500:
                return "Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout";
            default:
                return "HTTP " + status;
        }
    }

    private static SandboxRequest read(HttpExchange exchange, String prefix) throws IOException {
        String path = exchange.getRequestURI().getRawPath().substring(prefix.length());
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.isEmpty() ? "" : values.get(0)));
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                .orElse("127.0.0.1:" + exchange.getLocalAddress().getPort());
        return new SandboxRequest(exchange.getRequestMethod(), path.isEmpty() ? "/" : path,
                SandboxRequest.parseForm(exchange.getRequestURI().getRawQuery()), headers, body(exchange),
                "http://" + host + prefix);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new SandboxApiException(HttpURLConnection.HTTP_ENTITY_TOO_LARGE, "request body too large");
            }
            return body;
        }
    }

    private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean empty = response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
