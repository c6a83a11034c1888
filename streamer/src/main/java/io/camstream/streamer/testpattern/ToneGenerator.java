package io.camstream.streamer.testpattern;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The test pattern's sound ({@code +tone}): a 1 kHz beep during the first 100 ms of every second of the pattern's
 * timeline, silence in between. A viewer hears that audio arrives, and since the beep starts on the second of the
 * picture's clock, how well picture and sound keep together. 48 kHz mono, 16-bit little-endian.
 */
public final class ToneGenerator {

    public static final int SAMPLE_RATE = 48_000;
    static final int FREQUENCY = 1_000;
    static final int BEEP_SAMPLES = SAMPLE_RATE / 10;
    /** 5 ms fades at both ends of a beep: a sine switched on or off mid-wave clicks. */
    static final int FADE_SAMPLES = SAMPLE_RATE / 200;
    /** A quarter of full scale: plainly audible, not harsh. */
    static final double AMPLITUDE = 0.25 * Short.MAX_VALUE;

    private final short[] beep = new short[BEEP_SAMPLES];

    public ToneGenerator() {
        for (int i = 0; i < BEEP_SAMPLES; i++) {
            double fade = Math.min(1.0, Math.min(i, BEEP_SAMPLES - 1 - i) / (double) FADE_SAMPLES);
            beep[i] = (short) Math.round(AMPLITUDE * fade * Math.sin(2 * Math.PI * FREQUENCY * i / SAMPLE_RATE));
        }
    }

    /** Sample number {@code index} of the timeline (sample 0 starts second 0). */
    public short sample(long index) {
        long inSecond = Math.floorMod(index, SAMPLE_RATE);
        return inSecond < BEEP_SAMPLES ? beep[(int) inSecond] : 0;
    }

    /** Writes {@code count} samples from sample number {@code first} into {@code out}, little-endian. */
    public void fill(ByteBuffer out, long first, int count) {
        ByteBuffer samples = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            samples.putShort(sample(first + i));
        }
    }
}
