package io.camstream.streamer.testpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ToneGeneratorTest {

    private final ToneGenerator tone = new ToneGenerator();

    @Test
    void beepsForTheFirstTenthOfEverySecondAndIsSilentOtherwise() {
        int rate = ToneGenerator.SAMPLE_RATE;
        for (long second : new long[] {0, 1, 7}) {
            long start = second * rate;
            assertThat(peak(start, rate / 10)).as("beep in second %d", second)
                    .isBetween((int) (0.24 * Short.MAX_VALUE), (int) (0.26 * Short.MAX_VALUE));
            assertThat(peak(start + rate / 10, rate - rate / 10)).as("silence after it").isZero();
        }
        assertThat(peak(-rate / 2, rate / 2)).as("before the timeline too").isZero();
    }

    @Test
    void isA1KilohertzSineThatFadesInAndOut() {
        // 48 samples a period: a quarter period in, the sine peaks (past the fade-in, 240 samples).
        assertThat(tone.sample(240 + 12)).isEqualTo((short) Math.round(ToneGenerator.AMPLITUDE));
        assertThat(tone.sample(240 + 36)).isEqualTo((short) -Math.round(ToneGenerator.AMPLITUDE));
        assertThat(tone.sample(0)).isZero();
        assertThat(Math.abs(tone.sample(12))).as("fading in").isLessThan(Math.abs(tone.sample(252)) / 10);
        assertThat(Math.abs(tone.sample(ToneGenerator.BEEP_SAMPLES - 13))).as("fading out")
                .isLessThan(Math.abs(tone.sample(252)) / 10);
    }

    @Test
    void fillsLittleEndianSamplesFromAnyPointOfTheTimeline() {
        ByteBuffer out = ByteBuffer.allocate(2 * 100);
        tone.fill(out, 200, 100);
        ByteBuffer samples = out.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 100; i++) {
            assertThat(samples.getShort(2 * i)).isEqualTo(tone.sample(200 + i));
        }
        assertThat(out.position()).as("the caller's buffer position is left alone").isZero();
    }

    private int peak(long first, int count) {
        int peak = 0;
        for (int i = 0; i < count; i++) {
            peak = Math.max(peak, Math.abs(tone.sample(first + i)));
        }
        return peak;
    }
}
