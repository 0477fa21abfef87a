package io.herald.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Asks each address of a bootstrap list whether it is a Kafka broker, before any Kafka client
 * talks to it.
 *
 * <p>Why: a Kafka client reads every reply as a 4-byte size and then that many bytes, and for a
 * plaintext connection nothing in its configuration bounds that size ({@code receive.buffer.bytes},
 * {@code fetch.max.bytes} and the like bound other things). An HTTP server's reply starts
 * {@code HTTP}, which the client takes for a size of 1,213,486,160 bytes and tries to allocate:
 * {@code OutOfMemoryError}, in whichever thread was reading. A TLS listener's alert does much the
 * same. So Herald sends the one request every broker answers whatever its version (ApiVersions,
 * version 0), reads at most a few bytes of the answer, and calls the peer Kafka only when the
 * answer is a sane size with the request's correlation id.
 *
 * <p>Each probe is bounded: DNS, connect and reply share one deadline; several addresses are asked
 * at once.
 */
public final class KafkaProbe {

    /** What one address turned out to be. */
    public enum Kind {
        /** Answered ApiVersions as a Kafka broker does. */
        KAFKA,
        /** Answered, but not as Kafka: what a Kafka client must never be pointed at. */
        NOT_KAFKA,
        /** Accepted the connection, then said nothing, or closed it, before the deadline. */
        SILENT,
        /** Not reached: the name is unknown, nothing listens, or no answer to the connect. */
        UNREACHABLE
    }

    /**
     * @param address the {@code host:port} asked
     * @param detail one line for a person: why it is not a usable broker; null for KAFKA
     */
    public record Result(String address, Kind kind, String detail) {
        public boolean isKafka() {
            return kind == Kind.KAFKA;
        }
    }

    private static final short API_VERSIONS = 18;
    /**
     * Any number does for Kafka; this one reads "\r\n\r\n", so that a line-based server (HTTP,
     * SMTP, ...) takes the request for a complete, malformed one and answers it, as it would a
     * Kafka client's own request sooner or later.
     */
    private static final int CORRELATION_ID = 0x0d0a0d0a;
    private static final byte[] CLIENT_ID = "herald-probe".getBytes(StandardCharsets.US_ASCII);
    /** An ApiVersions answer is well under a kilobyte; anything claiming more than this is not one. */
    private static final int MAX_ANSWER = 1 << 20;

    private KafkaProbe() {}

    /** Probes every address of a bootstrap list at once; each within {@code timeout}. */
    public static List<Result> probeAll(String bootstrap, Duration timeout) {
        List<String> addresses = addresses(bootstrap);
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        for (String a : addresses) {
            futures.add(CompletableFuture.supplyAsync(() -> probe(a, timeout)));
        }
        List<Result> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.add(futures.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                out.add(new Result(addresses.get(i), Kind.UNREACHABLE, "no answer within " + seconds(timeout)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("interrupted while looking for Kafka at " + bootstrap, e);
            } catch (ExecutionException e) {
                out.add(new Result(addresses.get(i), Kind.UNREACHABLE, String.valueOf(e.getCause())));
            }
        }
        return out;
    }

    /** Probes one {@code host:port}. Never throws; every failure is a result. */
    public static Result probe(String address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            return new Result(address, Kind.UNREACHABLE, "not host:port");
        }
        String host = address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return new Result(address, Kind.UNREACHABLE, "not host:port");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return new Result(address, Kind.UNREACHABLE, "the host name " + host + " is not known");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), millisLeft(deadline));
            socket.setSoTimeout(millisLeft(deadline));
            OutputStream out = socket.getOutputStream();
            out.write(apiVersionsRequest());
            out.flush();
            return answer(address, socket.getInputStream(), timeout);
        } catch (ConnectException e) {
            return new Result(address, Kind.UNREACHABLE, "nothing listens there (connection refused)");
        } catch (NoRouteToHostException e) {
            return new Result(address, Kind.UNREACHABLE, "no route to the host");
        } catch (SocketTimeoutException e) {
            return new Result(address, Kind.UNREACHABLE, "no answer to the connection within " + seconds(timeout));
        } catch (IOException e) {
            return new Result(address, Kind.UNREACHABLE, "cannot connect (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Result answer(String address, InputStream in, Duration timeout) {
        byte[] head = new byte[8];
        int read = 0;
        try {
            while (read < head.length) {
                int n = in.read(head, read, head.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (SocketTimeoutException e) {
            if (read == 0) {
                return new Result(address, Kind.SILENT, "accepts connections but does not answer the Kafka protocol within "
                        + seconds(timeout));
            }
        } catch (IOException e) {
            if (read == 0) {
                return new Result(address, Kind.SILENT, "closed the connection without an answer");
            }
        }
        if (read == 0) {
            return new Result(address, Kind.SILENT, "closed the connection without an answer");
        }
        if (read < head.length) {
            return notKafka(address, head, read);
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int size = b.getInt();
        int correlation = b.getInt();
        if (size < 4 || size > MAX_ANSWER || correlation != CORRELATION_ID) {
            return notKafka(address, head, read);
        }
        return new Result(address, Kind.KAFKA, null);
    }

    private static Result notKafka(String address, byte[] head, int read) {
        String what;
        if (read >= 4 && new String(head, 0, 4, StandardCharsets.US_ASCII).equals("HTTP")) {
            what = "it answers as an HTTP server does";
        } else if (read >= 2 && (head[0] == 0x15 || head[0] == 0x16) && head[1] == 0x03) {
            what = "it answers with TLS (Herald speaks plaintext Kafka)";
        } else {
            what = "its answer is not the Kafka protocol";
        }
        return new Result(address, Kind.NOT_KAFKA, what);
    }

    /** ApiVersions version 0, request header version 1: every broker answers it, whatever it supports. */
    private static byte[] apiVersionsRequest() {
        int size = 2 + 2 + 4 + 2 + CLIENT_ID.length;
        ByteBuffer b = ByteBuffer.allocate(4 + size);
        b.putInt(size);
        b.putShort(API_VERSIONS);
        b.putShort((short) 0);
        b.putInt(CORRELATION_ID);
        b.putShort((short) CLIENT_ID.length);
        b.put(CLIENT_ID);
        return b.array();
    }

    /** The {@code host:port} entries of a bootstrap list. */
    static List<String> addresses(String bootstrap) {
        List<String> out = new ArrayList<>();
        for (String s : bootstrap.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /**
     * One line on a failed probe of a bootstrap list, naming each address; null when the list is
     * usable (at least one broker answered and nothing answered as something else).
     */
    public static String problem(List<Result> results) {
        List<Result> wrong = results.stream().filter(r -> r.kind() == Kind.NOT_KAFKA).toList();
        if (!wrong.isEmpty()) {
            return wrong.stream().map(r -> r.address() + " is not a Kafka broker: " + r.detail()).collect(Collectors.joining("; "));
        }
        if (results.stream().anyMatch(Result::isKafka)) {
            return null;
        }
        String all = results.stream().map(Result::address).collect(Collectors.joining(","));
        if (results.size() == 1) {
            Result r = results.get(0);
            return r.kind() == Kind.SILENT ? r.address() + " does not answer as Kafka: " + r.detail()
                    : "cannot reach Kafka at " + r.address() + ": " + r.detail();
        }
        return "cannot reach Kafka at " + all + ": " + results.stream().map(r -> r.address() + " " + r.detail())
                .collect(Collectors.joining("; "));
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
