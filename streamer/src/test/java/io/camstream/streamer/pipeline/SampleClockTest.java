package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.pipeline.SampleClock.Placement;
import org.junit.jupiter.api.Test;

class SampleClockTest {

    @Test
    void theFirstFrameSetsTheClockAndChunksFollowWithoutGaps() {
        SampleClock clock = new SampleClock(100);
        assertThat(clock.place(5_000, 0)).isEqualTo(Placement.APPEND);
        assertThat(clock.take(960)).isEqualTo(5_000);
        assertThat(clock.take(960)).isEqualTo(5_960);
        assertThat(clock.take(480)).isEqualTo(6_920);
    }

    @Test
    void framesThatKeepToTheCountAreAppendedWhateverTheirOwnTimesSay() {
        SampleClock clock = new SampleClock(100);
        clock.place(0, 0);
        // 1024-sample frames, 960-sample chunks: after one chunk 64 samples wait, the next frame is due at 1024.
        clock.take(960);
        assertThat(clock.place(1_024, 64)).isEqualTo(Placement.APPEND);
        assertThat(clock.place(1_024 + 100, 64)).as("at the tolerance").isEqualTo(Placement.APPEND);
        assertThat(clock.place(1_024 - 100, 64)).as("at the tolerance").isEqualTo(Placement.APPEND);
        assertThat(clock.take(960)).as("counted, not the frame's time").isEqualTo(960);
    }

    @Test
    void aGapBeyondTheToleranceRestartsTheClockAtTheFramesTime() {
        SampleClock clock = new SampleClock(100);
        clock.place(0, 0);
        clock.take(960);
        assertThat(clock.place(1_024 + 101, 64)).isEqualTo(Placement.RESTART);
        assertThat(clock.take(960)).isEqualTo(1_125);
    }

    @Test
    void aFrameFromBeforeTheCountIsDroppedAndChangesNothing() {
        SampleClock clock = new SampleClock(100);
        clock.place(10_000, 0);
        assertThat(clock.place(10_000 - 101, 0)).isEqualTo(Placement.DROP);
        assertThat(clock.place(10_000 + 500 - 101, 500)).isEqualTo(Placement.DROP);
        assertThat(clock.take(960)).isEqualTo(10_000);
    }
}
