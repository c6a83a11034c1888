package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.streamer.pipeline.PublishLostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteDeadlineTest {

    /** An arbitrary origin, as System.nanoTime() has. */
    private final AtomicLong now = new AtomicLong(123_456_789_000L);
    private final List<Long> recorded = new ArrayList<>();
    private final WriteDeadline deadline = new WriteDeadline(Duration.ofMillis(2000), now::get, recorded::add);

    @Test
    void aFastWritePassesAndIsTimed() throws Exception {
        long took = deadline.write(() -> now.addAndGet(Duration.ofMillis(15).toNanos()), "rtsp://mediamtx:8554/x");
        assertThat(took).isEqualTo(Duration.ofMillis(15).toNanos());
        assertThat(recorded).containsExactly(took);
    }

    @Test
    void aWriteThatReturnsLateIsAStalledServer() {
        assertThatThrownBy(() -> deadline.write(() -> now.addAndGet(Duration.ofMillis(2500).toNanos()),
                "rtsp://mediamtx:8554/x"))
                .isInstanceOfSatisfying(PublishLostException.class, e -> {
                    assertThat(e.stalled()).isTrue();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("rtsp://mediamtx:8554/x", "2500 ms", "deadline 2000 ms");
                });
        assertThat(recorded).hasSize(1);
    }

    @Test
    void aWriteThatTakesExactlyTheDeadlineIsNotAStall() throws Exception {
        assertThat(deadline.write(() -> now.addAndGet(Duration.ofMillis(2000).toNanos()), "x"))
                .isEqualTo(Duration.ofMillis(2000).toNanos());
        assertThat(deadline.deadline()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void aFailedWriteIsPassedOnAsIs() {
        PublishLostException broken = new PublishLostException("Lost publish connection: Broken pipe");
        assertThatThrownBy(() -> deadline.write(() -> {
            throw broken;
        }, "x")).isSameAs(broken);
        assertThat(broken.stalled()).isFalse();
        assertThat(recorded).hasSize(1);
    }

    @Test
    void aWriteThatFailsAfterTheDeadlineCountsAsAStall() {
        assertThatThrownBy(() -> deadline.write(() -> {
            now.addAndGet(Duration.ofMillis(2001).toNanos());
            throw new PublishLostException("Connection timed out (FFmpeg error -110)");
        }, "x")).isInstanceOfSatisfying(PublishLostException.class, e -> {
            assertThat(e.stalled()).isTrue();
            assertThat(e.getMessage()).contains("Connection timed out");
        });
    }

    @Test
    void measuresRealTimeWithTheSystemClock() {
        List<Long> real = new ArrayList<>();
        WriteDeadline guard = new WriteDeadline(Duration.ofMillis(50), System::nanoTime, real::add);
        assertThatThrownBy(() -> guard.write(() -> {
            try {
                Thread.sleep(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "x")).isInstanceOf(PublishLostException.class);
        assertThat(real.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    }
}
