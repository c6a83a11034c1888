package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.pipeline.SampleClock.Kind;
import io.camstream.streamer.pipeline.SampleClock.Placement;
import org.junit.jupiter.api.Test;

class SampleClockTest {

    private final SampleClock clock = new SampleClock(100, 48_000);

    @Test
    void theFirstFrameSetsTheClockAndChunksFollowWithoutGaps() {
        assertThat(clock.place(5_000, 0)).isEqualTo(Placement.APPEND);
        assertThat(clock.take(960)).isEqualTo(5_000);
        assertThat(clock.take(960)).isEqualTo(5_960);
        assertThat(clock.take(480)).isEqualTo(6_920);
    }

    @Test
    void framesWithinTheJitterOfTheCountJustFollow() {
        clock.place(0, 0);
        // 1024-sample frames, 960-sample chunks: after one chunk 64 samples wait, the next frame is due at 1024.
        clock.take(960);
        assertThat(clock.place(1_024, 64)).isEqualTo(Placement.APPEND);
        assertThat(clock.place(1_024 + 100, 64)).as("at the jitter").isEqualTo(Placement.APPEND);
        assertThat(clock.place(1_024 - 100, 64)).as("at the jitter").isEqualTo(Placement.APPEND);
        assertThat(clock.take(960)).as("counted, not the frame's time").isEqualTo(960);
    }

    @Test
    void aGapIsFilledWithSilenceSoTheFrameKeepsItsTime() {
        clock.place(0, 0);
        clock.take(960);
        assertThat(clock.place(1_024 + 101, 64)).isEqualTo(new Placement(Kind.PAD, 101));
        assertThat(clock.place(1_024 + 48_000, 64)).as("a second: still filled")
                .isEqualTo(new Placement(Kind.PAD, 48_000));
        assertThat(clock.take(960)).isEqualTo(960);
    }

    @Test
    void anOverlapIsCutOffTheFrame() {
        clock.place(10_000, 0);
        assertThat(clock.place(10_000 - 101, 0)).isEqualTo(new Placement(Kind.TRIM, 101));
        assertThat(clock.place(10_000 + 500 - 5_000, 500)).isEqualTo(new Placement(Kind.TRIM, 5_000));
        assertThat(clock.place(10_000 - 1_000_000, 0)).as("however far back")
                .isEqualTo(new Placement(Kind.TRIM, 1_000_000));
        assertThat(clock.take(960)).as("cutting changes nothing counted").isEqualTo(10_000);
    }

    @Test
    void aGapBeyondTheLimitRestartsTheCountAtTheFramesTime() {
        clock.place(0, 0);
        clock.take(960);
        assertThat(clock.place(1_024 + 48_001, 64)).isEqualTo(Placement.RESTART);
        assertThat(clock.take(960)).isEqualTo(49_025);
    }
}
