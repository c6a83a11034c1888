package io.camstream.streamer.testpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LumaTimestampCodecTest {

    @Test
    void roundTripsAtManySizes() {
        long millis = 1_764_000_000_123L;
        for (int[] size : new int[][] {{128, 72}, {320, 240}, {640, 360}, {1280, 720}, {1920, 1080}, {350, 200}}) {
            TestPatternGenerator generator = new TestPatternGenerator(size[0], size[1]);
            ByteBuffer frame = generator.draw(7, millis);
            assertThat(LumaTimestampCodec.decode(frame, size[0], size[0], size[1])).as("%dx%d", size[0], size[1])
                    .hasValue(millis);
        }
    }

    @Test
    void survivesNoiseAndHalfScaling() {
        int width = 640;
        int height = 360;
        ByteBuffer frame = new TestPatternGenerator(width, height).draw(0, 1_700_000_000_000L);
        Random random = new Random(1);
        byte[] halved = new byte[(width / 2) * (height / 2)];
        for (int y = 0; y < height / 2; y++) {
            for (int x = 0; x < width / 2; x++) {
                int v = (frame.get(2 * y * width + 2 * x) & 0xff) + random.nextInt(61) - 30;
                halved[y * (width / 2) + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        assertThat(LumaTimestampCodec.decode(halved, width / 2, width / 2, height / 2)).hasValue(1_700_000_000_000L);
    }

    @Test
    void rejectsPicturesWithoutACode() {
        byte[] grey = new byte[320 * 240];
        java.util.Arrays.fill(grey, (byte) 128);
        assertThat(LumaTimestampCodec.decode(grey, 320, 320, 240)).isEmpty();
        ByteBuffer frame = new TestPatternGenerator(320, 240).draw(0, 1_700_000_000_000L);
        // Flip one block: the check bits catch it.
        int block = 320 / LumaTimestampCodec.COLUMNS;
        for (int y = 0; y < block; y++) {
            for (int x = 3 * block; x < 4 * block; x++) {
                frame.put(y * 320 + x, (byte) (255 - (frame.get(y * 320 + x) & 0xff)));
            }
        }
        assertThat(LumaTimestampCodec.decode(frame, 320, 320, 240)).isEmpty();
    }

    @Test
    void everySingleFlippedBlockIsCaught() {
        int width = 320;
        int height = 240;
        int block = width / LumaTimestampCodec.COLUMNS;
        for (long millis : new long[] {1_700_000_000_000L, 1_764_000_000_123L, 1L}) {
            byte[] picture = new byte[width * height];
            LumaTimestampCodec.encode(ByteBuffer.wrap(picture), width, width, millis);
            assertThat(LumaTimestampCodec.decode(picture, width, width, height)).hasValue(millis);
            for (int bit = 0; bit < 64; bit++) {
                byte[] damaged = picture.clone();
                int row = bit / LumaTimestampCodec.COLUMNS;
                int col = bit % LumaTimestampCodec.COLUMNS;
                for (int y = row * block; y < (row + 1) * block; y++) {
                    for (int x = col * block; x < (col + 1) * block; x++) {
                        damaged[y * width + x] = (byte) (255 - (damaged[y * width + x] & 0xff));
                    }
                }
                assertThat(LumaTimestampCodec.decode(damaged, width, width, height)).as("%d, block %d", millis, bit)
                        .isEmpty();
            }
        }
    }

    /** The code is a band of uniform black or white blocks on top; the picture below it is left alone. */
    @Test
    void paintsTheWholeBandInUniformBlocksAndNothingElse() {
        for (int width : new int[] {128, 350, 640}) {
            int height = 100;
            int stride = width + 16;
            byte[] picture = new byte[stride * height];
            java.util.Arrays.fill(picture, (byte) 128);
            LumaTimestampCodec.encode(ByteBuffer.wrap(picture), stride, width, 1_764_000_000_123L);
            double block = width / (double) LumaTimestampCodec.COLUMNS;
            int band = LumaTimestampCodec.bandHeight(width);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < stride; x++) {
                    int luma = picture[y * stride + x] & 0xff;
                    if (y < band && x < width) {
                        int centreY = (int) ((blockOf(y, block, LumaTimestampCodec.ROWS) + 0.5) * block);
                        int centreX = (int) ((blockOf(x, block, LumaTimestampCodec.COLUMNS) + 0.5) * block);
                        assertThat(luma).as("%d wide: band pixel %d,%d", width, x, y)
                                .isIn(LumaTimestampCodec.BLACK, LumaTimestampCodec.WHITE)
                                .isEqualTo(picture[centreY * stride + centreX] & 0xff);
                    } else {
                        assertThat(luma).as("%d wide: picture pixel %d,%d", width, x, y).isEqualTo(128);
                    }
                }
            }
        }
    }

    /** Which of {@code count} blocks of size {@code block} a pixel belongs to; the last one takes any remainder. */
    private static int blockOf(int position, double block, int count) {
        for (int i = 0; i < count - 1; i++) {
            if (position < (int) Math.floor((i + 1) * block)) {
                return i;
            }
        }
        return count - 1;
    }

    @Test
    void readsAPictureThatIsExactlyTheBandButNotASmallerOne() {
        int width = LumaTimestampCodec.MIN_WIDTH;
        int band = LumaTimestampCodec.bandHeight(width);
        byte[] picture = new byte[width * band];
        LumaTimestampCodec.encode(ByteBuffer.wrap(picture), width, width, 1_700_000_000_000L);
        assertThat(LumaTimestampCodec.decode(picture, width, width, band)).hasValue(1_700_000_000_000L);
        assertThat(LumaTimestampCodec.decode(picture, width, width, band - 1)).isEmpty();
        assertThat(LumaTimestampCodec.decode(new byte[96 * 72], 96, 96, 72)).as("narrower than the code").isEmpty();
    }

    @Test
    void sourceIsPacedInRealTimeAndMoves() {
        TestPatternSource source = new TestPatternSource(new TestPatternSpec(320, 240, 30));
        long start = System.nanoTime();
        byte[] first = new byte[320 * 240];
        source.grabFrame().data().get(first);
        io.camstream.streamer.source.YuvFrame last = null;
        for (int i = 0; i < 15; i++) {
            last = source.grabFrame();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        assertThat(elapsed).as("15 frames at 30 fps take about half a second").isGreaterThan(0.4);
        // Timestamps follow the frame slots; a busy machine may skip slots (a live source never queues).
        assertThat(last.timestampMicros()).isBetween(15 * 1_000_000L / 30, (long) (elapsed * 1_000_000) + 40_000);
        byte[] now = new byte[320 * 240];
        last.data().get(now);
        assertThat(now).isNotEqualTo(first);
    }

    @Test
    void everyPictureCarriesItsOwnStampEvenWithinOneMillisecond() {
        TestPatternSource source = new TestPatternSource(new TestPatternSpec(128, 72, 120), () -> 1_000L);
        long previous = 0;
        for (int i = 0; i < 5; i++) {
            long stamp = LumaTimestampCodec.decode(source.grabFrame().data(), 128, 128, 72).orElseThrow();
            assertThat(stamp).isGreaterThan(previous);
            previous = stamp;
        }
        assertThat(previous).isEqualTo(1_004L);
    }
}
