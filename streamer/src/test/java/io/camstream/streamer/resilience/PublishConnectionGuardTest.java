package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.testing.RtspRelay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The loopback hop with real sockets: relays both ways, counts, and cuts a server that stops reading. */
class PublishConnectionGuardTest {

    @Test
    void relaysBothWaysAndCountsWhatWasSent() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicLong sent = new AtomicLong();
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] buf = new byte[1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            echo.start();
            try (PublishConnectionGuard guard = PublishConnectionGuard.open("127.0.0.1", server.getLocalPort(),
                    Duration.ofSeconds(1), sent::addAndGet);
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), guard.localPort())) {
                client.getOutputStream().write("OPTIONS rtsp://x RTSP/1.0\r\n\r\n".getBytes());
                byte[] reply = client.getInputStream().readNBytes(29);
                assertThat(new String(reply)).isEqualTo("OPTIONS rtsp://x RTSP/1.0\r\n\r\n");
                await().atMost(Duration.ofSeconds(5)).until(() -> sent.get() == 29);
                assertThat(guard.tripped()).isFalse();
            }
        }
    }

    @Test
    void cutsBothSidesWhenTheServerStopsReading() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch done = new CountDownLatch(1);
            Thread silent = new Thread(() -> {
                try (Socket s = server.accept()) {
                    done.await(60, TimeUnit.SECONDS); // accepts, never reads
                } catch (Exception ignored) {
                    // closed
                }
            });
            silent.start();
            try (PublishConnectionGuard guard = PublishConnectionGuard.open("127.0.0.1", server.getLocalPort(),
                    Duration.ofMillis(500), n -> { });
                 Socket client = new Socket(InetAddress.getLoopbackAddress(), guard.localPort())) {
                long start = System.nanoTime();
                byte[] chunk = new byte[64 * 1024];
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        client.getOutputStream().write(chunk);
                    }
                }).as("the writer's blocked write fails once the guard cuts").isInstanceOf(IOException.class);
                assertThat(guard.tripped()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            } finally {
                done.countDown();
            }
        }
    }

    @Test
    void aServerThatIsNotThereIsReportedAtOnce() {
        int closed = RtspRelay.freePort();
        assertThatThrownBy(() -> PublishConnectionGuard.open("127.0.0.1", closed, Duration.ofSeconds(1), n -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("refused");
    }
}
