package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteDeadlineTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Long> recorded = new ArrayList<>();
    private final WriteDeadline deadline =
            new WriteDeadline(Duration.ofMillis(2000), now::get, recorded::add);
    private final SecretRedactor redactor = new SecretRedactor(List.of("hunter2"));

    @Test
    void aFastWritePassesAndIsTimed() throws Exception {
        deadline.write(() -> now.addAndGet(Duration.ofMillis(15).toNanos()), redactor);
        assertThat(recorded).containsExactly(Duration.ofMillis(15).toNanos());
    }

    @Test
    void aWriteThatReturnsLateIsAStalledServer() {
        assertThatThrownBy(() -> deadline.write(() -> now.addAndGet(Duration.ofMillis(2500).toNanos()), redactor))
                .isInstanceOfSatisfying(ServerLostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LossKind.STALL);
                    assertThat(e.getMessage()).contains("2500 ms", "2000 ms deadline");
                });
        assertThat(recorded).hasSize(1);
    }

    @Test
    void aFailedWriteIsALostServerWithARedactedMessage() {
        assertThatThrownBy(() -> deadline.write(() -> {
            throw new Exception("av_interleaved_write_frame() error -32 while writing to "
                    + "rtsp://cam:hunter2@mediamtx:8554/lobby");
        }, redactor)).isInstanceOfSatisfying(ServerLostException.class, e -> {
            assertThat(e.kind()).isEqualTo(LossKind.ERROR);
            assertThat(e.getMessage()).contains("error -32", "rtsp://***@mediamtx:8554/lobby")
                    .doesNotContain("hunter2", "cam:");
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    void aWriteThatTimesOutInsideFfmpegCountsAsAStall() {
        assertThatThrownBy(() -> deadline.write(() -> {
            now.addAndGet(Duration.ofMillis(2001).toNanos());
            throw new Exception("av_interleaved_write_frame() error -110");
        }, redactor)).isInstanceOfSatisfying(ServerLostException.class,
                e -> assertThat(e.kind()).isEqualTo(LossKind.STALL));
    }

    @Test
    void measuresRealTimeByDefaultClock() throws Exception {
        List<Long> real = new ArrayList<>();
        WriteDeadline guard = new WriteDeadline(Duration.ofMillis(50), System::nanoTime, real::add);
        assertThatThrownBy(() -> guard.write(() -> Thread.sleep(120), redactor))
                .isInstanceOf(ServerLostException.class);
        assertThat(real.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    }
}
