package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MonotonicTimestampsTest {

    @Test
    void startsAtZeroAndKeepsTheSourcesOwnTimesOnA90kHzBase() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        assertThat(t.pts(1_000_000)).isZero();
        assertThat(t.pts(1_040_000)).isEqualTo(3_600);
        assertThat(t.pts(1_120_000)).isEqualTo(10_800);
    }

    @Test
    void timesFinerThanAFrameAreKeptNotRoundedToAFrameGrid() {
        MonotonicTimestamps t = new MonotonicTimestamps(30);
        t.pts(0);
        // 29.97 fps: 33,367 us apart; a 1/30 s grid would put some frames 2 slots apart and others on one slot.
        assertThat(t.pts(33_367)).isEqualTo(3_003);
        assertThat(t.pts(66_733)).isEqualTo(6_005);
        // Two frames 5 ms apart (a burst) stay 5 ms apart.
        assertThat(t.pts(71_733)).isEqualTo(6_455);
    }

    @Test
    void everyFrameOfABurstySourceGetsItsOwnIncreasingTimestamp() {
        // A relay that stamps on arrival and delivers 30 fps in bursts of three frames 1 ms apart every 100 ms.
        MonotonicTimestamps t = new MonotonicTimestamps(30);
        long last = -1;
        int kept = 0;
        for (int burst = 0; burst < 100; burst++) {
            for (int i = 0; i < 3; i++) {
                long pts = t.pts(burst * 100_000L + i * 1_000L);
                assertThat(pts).isGreaterThan(last);
                last = pts;
                kept++;
            }
        }
        assertThat(kept).isEqualTo(300);
        assertThat(last).isEqualTo(toTicks(99 * 100_000L + 2_000));
    }

    @Test
    void duplicatesAndSmallStepsBackAreKeptOneTickAfterThePreviousFrame() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        t.pts(0);
        assertThat(t.pts(40_000)).isEqualTo(3_600);
        assertThat(t.pts(40_000)).isEqualTo(3_601);
        assertThat(t.pts(10_000)).isEqualTo(3_602);
        assertThat(t.pts(80_000)).isEqualTo(7_200);
    }

    @Test
    void aNewSourceClockContinuesOneFrameAfterTheLastTimestamp() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        t.pts(50_000_000);
        assertThat(t.pts(50_040_000)).isEqualTo(3_600);
        // The camera restarted its clock: 50 s back.
        assertThat(t.pts(0)).isEqualTo(7_200);
        assertThat(t.pts(40_000)).isEqualTo(10_800);
        // A jump 15 minutes ahead.
        assertThat(t.pts(900_000_000)).isEqualTo(14_400);
        assertThat(t.pts(900_040_000)).isEqualTo(18_000);
    }

    @Test
    void aSourceClockStartingAnywhereKeepsItsSpacingFromTheFirstFrame() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        assertThat(t.pts(10_000_000)).isZero();
        assertThat(t.pts(10_005_000)).as("5 ms later, not a frame later").isEqualTo(450);
    }

    @Test
    void afterANewClockFramesKeepTheNewClocksOwnSpacing() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        t.pts(0);
        t.pts(40_000);
        assertThat(t.pts(600_000_000)).as("a new clock: one frame after the last").isEqualTo(7_200);
        assertThat(t.pts(600_020_000)).as("20 ms later on the new clock").isEqualTo(9_000);
        assertThat(t.pts(600_120_000)).as("100 ms later").isEqualTo(18_000);
    }

    @Test
    void aStepOfExactlyTheRebaseThresholdIsNotANewClock() {
        MonotonicTimestamps ahead = new MonotonicTimestamps(25);
        ahead.pts(0);
        assertThat(ahead.pts(MonotonicTimestamps.REBASE_MICROS)).isEqualTo(180_000);

        MonotonicTimestamps back = new MonotonicTimestamps(25);
        back.pts(0);
        back.pts(1_500_000);
        back.pts(3_000_000);
        assertThat(back.pts(1_000_000)).as("2 s back: a step back, one tick after").isEqualTo(270_001);
    }

    @Test
    void stepsUpToTheRebaseThresholdAreTheSourcesOwnGaps() {
        MonotonicTimestamps t = new MonotonicTimestamps(25);
        t.pts(0);
        // A camera that froze for 1.9 s: the gap is real time and is kept.
        assertThat(t.pts(1_900_000)).isEqualTo(171_000);
    }

    @Test
    void anUnknownFrameRateSpacesAJumpAtTwentyFiveFps() {
        MonotonicTimestamps t = new MonotonicTimestamps(0);
        t.pts(0);
        assertThat(t.pts(10_000_000)).isEqualTo(3_600);
    }

    @Test
    void outputStrictlyIncreasesWhateverTheSourceDoes() {
        Random random = new Random(42);
        MonotonicTimestamps t = new MonotonicTimestamps(30);
        long source = 0;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < 20_000; i++) {
            int kind = random.nextInt(10);
            source += switch (kind) {
                case 0 -> 0;                                          // duplicate
                case 1 -> -random.nextInt(100_000);                   // small step back
                case 2 -> random.nextBoolean() ? 5_000_000 : -60_000_000; // new clock
                default -> random.nextInt(66_000);                    // jittered 30 fps
            };
            long pts = t.pts(source);
            assertThat(pts).isGreaterThan(last);
            last = pts;
        }
    }

    private static long toTicks(long micros) {
        return micros * 90_000 / 1_000_000;
    }
}
