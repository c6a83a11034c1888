package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonotonicTimestampsTest {

    @Test
    void mapsSourceTimeToFrameNumbers() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        assertThat(t.frameIndex(1_000_000)).isZero();
        assertThat(t.frameIndex(1_040_000)).isEqualTo(1);
        assertThat(t.frameIndex(1_120_000)).isEqualTo(3);
    }

    @Test
    void dropsDuplicatesAndSmallStepsBack() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        t.frameIndex(0);
        t.frameIndex(40_000);
        assertThat(t.frameIndex(40_000)).isEqualTo(-1);
        assertThat(t.frameIndex(10_000)).isEqualTo(-1);
        assertThat(t.frameIndex(80_000)).isEqualTo(2);
    }

    @Test
    void thinsAFasterSourceDownToTheOutputRate() {
        MonotonicTimestamps t = new MonotonicTimestamps(10);
        long written = 0;
        for (int i = 0; i < 30; i++) {
            if (t.frameIndex(i * 1_000_000L / 30) >= 0) {
                written++;
            }
        }
        assertThat(written).isBetween(9L, 11L);
    }

    @Test
    void continuesAfterAClockResetOrJump() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        t.frameIndex(50_000_000);
        assertThat(t.frameIndex(50_040_000)).isEqualTo(1);
        assertThat(t.frameIndex(0)).isEqualTo(2);
        assertThat(t.frameIndex(40_000)).isEqualTo(3);
        assertThat(t.frameIndex(900_000_000)).isEqualTo(4);
    }

    @Test
    void keepsEveryFrameOfASourceWhoseFramesArriveWithJitter() {
        // 30 fps stamped on arrival: each frame up to 15 ms early or late, alternating (the worst case for rounding).
        MonotonicTimestamps t = new MonotonicTimestamps(30);
        long written = 0;
        long last = -1;
        for (int i = 0; i < 300; i++) {
            long jitter = i % 2 == 0 ? 15_000 : -15_000;
            long index = t.frameIndex(i * 1_000_000L / 30 + jitter);
            if (index >= 0) {
                assertThat(index).isGreaterThan(last);
                last = index;
                written++;
            }
        }
        assertThat(written).isEqualTo(300);
        assertThat(last).isBetween(298L, 301L);
    }
}
