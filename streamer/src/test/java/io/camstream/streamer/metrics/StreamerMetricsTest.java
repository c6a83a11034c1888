package io.camstream.streamer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camstream.streamer.testing.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamerMetricsTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final StreamerMetrics metrics =
            new StreamerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "lobby", now::get);

    @AfterEach
    void close() {
        metrics.close();
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void exposesEveryStreamerMetricAsValidPrometheusTextTaggedWithTheCamera() {
        metrics.mode(StreamerMetrics.MODE_TRANSCODE);
        for (int i = 0; i < 10; i++) {
            metrics.frameGrabbed();
            metrics.framePublished();
            metrics.bytesSent(1000);
            metrics.writeTimed(Duration.ofMillis(4).toNanos());
        }
        metrics.frameDropped();
        metrics.reconnect(ReconnectCause.SERVER);
        metrics.reconnect(ReconnectCause.SERVER);
        metrics.reconnect(ReconnectCause.STALL);

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        Map<String, String> lobby = Map.of("camera", "lobby");
        assertThat(text.value("camstream_streamer_frames_grabbed_total", lobby)).isEqualTo(10);
        assertThat(text.value("camstream_streamer_frames_published_total", lobby)).isEqualTo(10);
        assertThat(text.value("camstream_streamer_frames_dropped_total", lobby)).isEqualTo(1);
        assertThat(text.value("camstream_streamer_sent_bytes_total", lobby)).isEqualTo(10_000);
        assertThat(text.value("camstream_streamer_reconnects_total", Map.of("cause", "server"))).isEqualTo(2);
        assertThat(text.value("camstream_streamer_reconnects_total", Map.of("cause", "stall"))).isEqualTo(1);
        assertThat(text.value("camstream_streamer_reconnects_total", Map.of("cause", "source"))).isZero();
        assertThat(text.value("camstream_streamer_mode", Map.of("mode", "transcode"))).isEqualTo(1);
        assertThat(text.value("camstream_streamer_mode", Map.of("mode", "passthrough"))).isZero();
        assertThat(text.value("camstream_streamer_record_seconds_count")).isEqualTo(10);
        assertThat(text.type("camstream_streamer_record_seconds")).contains("histogram");
        assertThat(text.samples()).anyMatch(s -> s.name().equals("camstream_streamer_record_seconds_bucket"));
        assertThat(text.value("camstream_streamer_since_last_publish_seconds")).isZero();
        assertThat(text.samples()).anyMatch(s -> s.name().startsWith("jvm_memory_used_bytes"));
        assertThat(text.samples()).anyMatch(s -> s.name().equals("jvm_threads_live_threads"));
        assertThat(text.samples()).anyMatch(s -> s.name().equals("process_files_open_files"));
        assertThat(text.samples()).allMatch(s -> "lobby".equals(s.labels().get("camera")), "camera tag everywhere");
        assertThat(text.samples()).extracting(s -> s.name())
                .contains("camstream_streamer_fps", "camstream_streamer_bitrate_bits_per_second");
    }

    @Test
    void audioSaysWhatTheSourceHadAndWhatWasDoneWithIt() {
        PrometheusText before = PrometheusText.parse(metrics.scrape());
        assertThat(before.samples()).noneMatch(s -> s.name().equals("camstream_streamer_audio"));

        metrics.audio("aac", "opus", "transcode");
        metrics.audioPublished(3);
        metrics.audioPublished(0);
        metrics.audioPublished(2);
        metrics.audioDropped();
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("camstream_streamer_audio",
                Map.of("camera", "lobby", "source_codec", "aac", "codec", "opus", "action", "transcode"))).isEqualTo(1);
        assertThat(text.value("camstream_streamer_audio_packets_published_total")).isEqualTo(5);
        assertThat(text.value("camstream_streamer_audio_packets_dropped_total")).isEqualTo(1);

        // The next session found a camera without sound: one row, the new one.
        metrics.audio("none", "none", "none");
        PrometheusText after = PrometheusText.parse(metrics.scrape());
        assertThat(after.samples()).filteredOn(s -> s.name().equals("camstream_streamer_audio")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("source_codec", "none")
                        .containsEntry("codec", "none").containsEntry("action", "none"));
    }

    @Test
    void fpsAndBitrateReflectTheLastTwoSeconds() {
        // 25 frames of 4000 bytes per second for 3 s
        for (int i = 0; i < 75; i++) {
            metrics.framePublished();
            metrics.bytesSent(4000);
            advance(Duration.ofMillis(40));
        }
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("camstream_streamer_fps")).isCloseTo(25.0, within(0.01));
        assertThat(text.value("camstream_streamer_bitrate_bits_per_second")).isCloseTo(800_000.0, within(1.0));

        advance(Duration.ofSeconds(3));
        text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("camstream_streamer_fps")).isZero();
        assertThat(text.value("camstream_streamer_bitrate_bits_per_second")).isZero();
    }

    @Test
    void fpsIsExactRightAfterStartup() {
        for (int i = 0; i < 10; i++) {
            metrics.framePublished();
            metrics.bytesSent(100);
            advance(Duration.ofMillis(100));
        }
        // 1 s elapsed: two completed 500 ms buckets of 5 frames
        assertThat(PrometheusText.parse(metrics.scrape()).value("camstream_streamer_fps"))
                .isCloseTo(10.0, within(0.01));
    }

    @Test
    void secondsSinceLastPublishCountsFromStartUntilTheFirstFrame() {
        advance(Duration.ofSeconds(7));
        assertThat(metrics.secondsSinceLastPublish()).isEqualTo(7.0);
        assertThat(metrics.publishedWithin(Duration.ofSeconds(5))).isFalse();
        metrics.framePublished();
            metrics.bytesSent(10);
        advance(Duration.ofMillis(2500));
        assertThat(metrics.secondsSinceLastPublish()).isEqualTo(2.5);
        assertThat(metrics.publishedWithin(Duration.ofSeconds(5))).isTrue();
        advance(Duration.ofMillis(2501));
        assertThat(metrics.publishedWithin(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void strictParserRejectsMalformedText() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrometheusText.parse("foo 1\n"))
                .hasMessageContaining("without a TYPE");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> PrometheusText.parse("# TYPE foo gauge\nfoo{a=\"b\" 1\n")).hasMessageContaining("bad");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> PrometheusText.parse("# TYPE foo gauge\nfoo one\n")).hasMessageContaining("bad value");
    }
}
