package io.camstream.streamer.testpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TestPatternGeneratorTest {

    /**
     * The picture below the time-stamp band: a 32-pixel checkerboard over a left-to-right ramp with a diagonal ripple,
     * in video range, scrolled 4 pixels per frame.
     */
    @Test
    void drawsTheCheckerRampAndRippleBackgroundScrolling() {
        int width = 192;
        int height = 96;
        TestPatternGenerator generator = new TestPatternGenerator(width, height);
        int band = LumaTimestampCodec.bandHeight(width);

        for (long index : new long[] {0, 1, 7}) {
            ByteBuffer frame = generator.draw(index, 1_700_000_000_000L);
            int shift = (int) (index * 4 % width);
            for (int y = band; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    assertThat(frame.get(y * width + x) & 0xff).as("frame %d at %d,%d", index, x, y)
                            .isEqualTo(background((x + shift) % width, y, width));
                }
            }
        }
    }

    private static int background(int x, int y, int width) {
        int checker = ((x / 32) + (y / 32)) % 2 == 0 ? 0 : 48;
        int ramp = x * 120 / width;
        int ripple = (int) (20 * Math.sin((x + 2 * y) / 9.0));
        return Math.max(16, Math.min(235, 50 + checker + ramp + ripple));
    }
}
