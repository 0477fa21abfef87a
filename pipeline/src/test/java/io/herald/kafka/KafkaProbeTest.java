package io.herald.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a Kafka client must never be pointed at, told apart before it is: a real HTTP server on a
 * local port, a TLS-like answer, a peer that says nothing, a port where nothing listens, a host
 * name that does not resolve.
 */
class KafkaProbeTest {

    private static final Duration SHORT = Duration.ofSeconds(2);

    private final ExecutorService peers = Executors.newCachedThreadPool();
    private HttpServer http;
    private ServerSocket socket;

    @AfterEach
    void stop() throws IOException {
        if (http != null) {
            http.stop(0);
        }
        if (socket != null) {
            socket.close();
        }
        peers.shutdownNow();
    }

    private String httpServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        http.start();
        return "127.0.0.1:" + http.getAddress().getPort();
    }

    /** A peer that writes these bytes to whoever connects, then keeps the connection open. */
    private String peer(byte[] answer) throws IOException {
        socket = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        peers.submit(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(answer);
                    out.flush();
                    s.getInputStream().read(new byte[64]);
                    s.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return null;
                }
            }
            return null;
        });
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private static String freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void shouldNameAnHttpServerAsSuch() throws IOException {
        String address = httpServer();

        KafkaProbe.Result r = KafkaProbe.probe(address, SHORT);

        assertThat(r.kind()).isEqualTo(KafkaProbe.Kind.NOT_KAFKA);
        assertThat(KafkaProbe.problem(List.of(r))).isEqualTo(address + " is not a Kafka broker: it answers as an HTTP server does");
    }

    @Test
    void shouldRefuseToBuildAnyClientForAnHttpServerInsteadOfRunningOutOfMemory() throws IOException {
        String address = httpServer();

        assertThatThrownBy(() -> KafkaClients.producer(address, "t")).isInstanceOf(KafkaUnavailableException.class)
                .hasMessage(address + " is not a Kafka broker: it answers as an HTTP server does");
        assertThatThrownBy(() -> KafkaClients.admin(address)).isInstanceOf(KafkaUnavailableException.class);
        assertThatThrownBy(() -> KafkaClients.reader(address, "t", SHORT)).isInstanceOf(KafkaUnavailableException.class);
    }

    @Test
    void shouldRefuseAListWithOneHttpServerInItEvenWhenAnotherAddressIsUnreachable() throws IOException {
        String address = httpServer();
        String nothing = freePort();

        assertThatThrownBy(() -> KafkaClients.requireKafka(nothing + "," + address, SHORT))
                .hasMessage(address + " is not a Kafka broker: it answers as an HTTP server does");
    }

    @Test
    void shouldNameATlsAnswer() throws IOException {
        String address = peer(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46, 0x00});

        assertThat(KafkaProbe.probe(address, SHORT).detail()).isEqualTo("it answers with TLS (Herald speaks plaintext Kafka)");
    }

    @Test
    void shouldTakeAnAnswerOfAnImpossibleSizeForAnotherProtocol() throws IOException {
        String address = peer("SSH-2.0-OpenSSH_9.6\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        KafkaProbe.Result r = KafkaProbe.probe(address, SHORT);

        assertThat(r.kind()).isEqualTo(KafkaProbe.Kind.NOT_KAFKA);
        assertThat(r.detail()).isEqualTo("its answer is not the Kafka protocol");
    }

    @Test
    void shouldSayThatNothingListensOnAFreePort() throws IOException {
        String address = freePort();
        long start = System.nanoTime();

        assertThatThrownBy(() -> KafkaClients.requireKafka(address, SHORT)).isInstanceOf(KafkaUnavailableException.class)
                .hasMessage("cannot reach Kafka at " + address + ": nothing listens there (connection refused)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shouldSayThatAPeerThatSaysNothingIsNotKafkaWithinTheTimeout() throws IOException {
        String address = peer(new byte[0]);
        long start = System.nanoTime();

        KafkaProbe.Result r = KafkaProbe.probe(address, Duration.ofMillis(500));

        assertThat(r.kind()).isEqualTo(KafkaProbe.Kind.SILENT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(KafkaProbe.problem(List.of(r))).startsWith(address + " does not answer as Kafka: accepts connections but");
    }

    @Test
    void shouldLetAClientBeBuiltForAnAddressThatIsDownForNowSoThatItCanRetry() throws IOException {
        String address = freePort();

        try (var producer = KafkaClients.producer(address, "t")) {
            assertThat(producer).isNotNull();
        }
    }

    @Test
    void shouldNameAHostThatDoesNotResolve() {
        assertThatThrownBy(() -> KafkaClients.requireKafka("no-such-host.invalid:9092", SHORT))
                .hasMessage("cannot reach Kafka at no-such-host.invalid:9092: the host name no-such-host.invalid is not known");
    }
}
