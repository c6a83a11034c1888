package io.camstream.streamer.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.metrics.StreamerMetrics;
import io.camstream.streamer.testing.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StreamerMetrics metrics =
            new StreamerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "gate", now::get);
    private final LoopHeartbeat heartbeat = new LoopHeartbeat(Duration.ofSeconds(30), now::get);
    private final HttpClient http = HttpClient.newHttpClient();
    private HealthServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesProbesAndMetrics() throws Exception {
        server = HealthServer.start(0, heartbeat::check, new Readiness(metrics, Duration.ofSeconds(5)),
                metrics::scrape);
        heartbeat.loopStarted();

        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("no frame published");

        metrics.framePublished();
            metrics.bytesSent(100);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(get("/readyz").statusCode()).isEqualTo(503);

        HttpResponse<String> scrape = get("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).contains(HealthServer.PROMETHEUS_CONTENT_TYPE);
        assertThat(PrometheusText.parse(scrape.body()).value("camstream_streamer_frames_published_total"))
                .isEqualTo(1);

        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/healthz/x").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void livenessFailsWhenTheLoopIsStuckOrDead() throws Exception {
        server = HealthServer.start(0, heartbeat::check, () -> Probe.ok("x"), metrics::scrape);
        java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
        Thread loop = new Thread(() -> {
            heartbeat.loopStarted();
            try {
                end.await();
            } catch (InterruptedException ignored) {
                // ends the loop
            }
        });
        loop.start();
        org.awaitility.Awaitility.await().until(() -> get("/healthz").body().contains("alive"));
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        HttpResponse<String> stuck = get("/healthz");
        assertThat(stuck.statusCode()).isEqualTo(503);
        assertThat(stuck.body()).contains("no progress for 31 s");

        end.countDown();
        loop.join();
        heartbeat.beat();
        assertThat(get("/healthz").body()).contains("died");
    }
}
