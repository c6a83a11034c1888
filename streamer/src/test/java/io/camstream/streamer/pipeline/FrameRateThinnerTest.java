package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class FrameRateThinnerTest {

    private static final long SECOND = MonotonicTimestamps.TICKS_PER_SECOND;

    /** The output timestamps kept out of {@code frames} source frames at {@code sourceFps}, each moved by jitter. */
    private static List<Long> kept(FrameRateThinner thinner, double sourceFps, int frames, LongUnaryOperator jitter) {
        MonotonicTimestamps timestamps = new MonotonicTimestamps(sourceFps);
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            long micros = Math.round(i * 1_000_000.0 / sourceFps);
            long pts = timestamps.pts(micros + jitter.applyAsLong(i));
            if (thinner.keep(pts)) {
                kept.add(pts);
            }
        }
        return kept;
    }

    private static List<Long> gaps(List<Long> kept) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < kept.size(); i++) {
            gaps.add(kept.get(i) - kept.get(i - 1));
        }
        return gaps;
    }

    @Test
    void thirtyToTenKeepsEveryThirdFrame() {
        List<Long> kept = kept(new FrameRateThinner(10, 30), 30, 300, i -> 0);
        assertThat(kept).hasSize(100);
        assertThat(gaps(kept)).allSatisfy(gap -> assertThat(gap).isBetween(SECOND / 10 - 1, SECOND / 10 + 1));
    }

    @Test
    void thirtyToTwentyKeepsTwoOfEveryThreeEvenly() {
        List<Long> kept = kept(new FrameRateThinner(20, 30), 30, 300, i -> 0);
        assertThat(kept).hasSize(200);
        // Never two skipped in a row, never three kept in a row.
        assertThat(gaps(kept)).allSatisfy(gap -> assertThat(gap).isIn(3_000L, 6_000L));
        for (int i = 2; i < kept.size(); i++) {
            assertThat(kept.get(i) - kept.get(i - 2)).as("two gaps").isEqualTo(9_000L);
        }
    }

    @Test
    void aJitteryCameraIsThinnedToTheExactRateWithEvenSpacing() {
        Random random = new Random(7);
        // 30 fps stamped on arrival, each frame up to 12 ms early or late.
        List<Long> kept = kept(new FrameRateThinner(10, 30), 30, 3_000, i -> random.nextInt(24_001) - 12_000);
        assertThat(kept.size()).isBetween(999, 1_001);
        long sourceFrame = SECOND / 30;
        assertThat(gaps(kept)).allSatisfy(gap ->
                assertThat(gap).isBetween(SECOND / 10 - sourceFrame, SECOND / 10 + sourceFrame));
        // Nearly always the frame the camera took for the slot, off by no more than the two frames' jitter.
        long jitter = 2 * MonotonicTimestamps.toTicks(12_000);
        assertThat(gaps(kept).stream().filter(gap -> Math.abs(gap - SECOND / 10) > jitter).count())
                .isLessThan(kept.size() / 100);
    }

    @Test
    void aSourceAlreadyAtTheRateLosesNothingToJitter() {
        Random random = new Random(11);
        // 25 fps asked, 25 fps delivered with up to +-30 % of a frame of jitter.
        List<Long> kept = kept(new FrameRateThinner(25, 25), 25, 1_000, i -> random.nextInt(24_001) - 12_000);
        assertThat(kept).hasSize(1_000);
    }

    @Test
    void anUnknownSourceRateIsLearntFromItsTimestamps() {
        List<Long> kept = kept(new FrameRateThinner(15, 0), 30, 600, i -> 0);
        assertThat(kept.size()).isBetween(299, 301);
        assertThat(gaps(kept).subList(20, gaps(kept).size())).allSatisfy(gap -> assertThat(gap).isBetween(5_999L, 6_001L));
    }

    @Test
    void aBurstySourceIsThinnedToTheRateWithoutBurstsInTheOutput() {
        FrameRateThinner thinner = new FrameRateThinner(10, 30);
        MonotonicTimestamps timestamps = new MonotonicTimestamps(30);
        int kept = 0;
        // 30 fps delivered as bursts of six frames 1 ms apart every 200 ms.
        for (int burst = 0; burst < 50; burst++) {
            for (int i = 0; i < 6; i++) {
                if (thinner.keep(timestamps.pts(burst * 200_000L + i * 1_000L))) {
                    kept++;
                }
            }
        }
        // Every burst spans two output slots but its frames are 1 ms apart: one or two per burst, ~10 fps overall.
        assertThat(kept).isBetween(50, 100);
    }

    @Test
    void afterAPauseTheGridRestartsInsteadOfCatchingUp() {
        FrameRateThinner thinner = new FrameRateThinner(10, 30);
        long pts = 0;
        for (int i = 0; i < 30; i++, pts += 3_000) {
            thinner.keep(pts);
        }
        pts += 5 * SECOND; // the camera paused for 5 s
        int keptAfter = 0;
        for (int i = 0; i < 30; i++, pts += 3_000) {
            if (thinner.keep(pts)) {
                keptAfter++;
            }
        }
        assertThat(keptAfter).isEqualTo(10);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new FrameRateThinner(0, 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
