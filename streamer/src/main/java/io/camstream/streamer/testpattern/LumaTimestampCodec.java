package io.camstream.streamer.testpattern;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * Writes a wall-clock timestamp into a picture as black/white luma blocks and reads it back, so that anyone who
 * decodes the stream (a test, a benchmark, a person with ffmpeg) can compute glass-to-glass latency.
 *
 * <p>The code is a band along the top of the picture: {@value #COLUMNS} columns × {@value #ROWS} rows of square
 * blocks, each {@code width / 32} pixels wide, so it survives scaling and H.264 compression: a reader samples the
 * middle of each block and compares with mid-grey. The 64 bits are 48 bits of Unix epoch milliseconds followed by
 * a 16-bit check that lets a reader reject a picture that is not a test pattern or was damaged.
 */
public final class LumaTimestampCodec {

    public static final int COLUMNS = 32;
    public static final int ROWS = 2;
    public static final int MIN_WIDTH = 128;
    public static final int MIN_HEIGHT = 72;

    static final int BLACK = 16;
    static final int WHITE = 235;
    private static final int THRESHOLD = (BLACK + WHITE) / 2;
    private static final long MILLIS_MASK = (1L << 48) - 1;

    private LumaTimestampCodec() {
    }

    /** Height in pixels of the code band for a picture of this width. */
    public static int bandHeight(int width) {
        return (int) Math.ceil(ROWS * blockSize(width));
    }

    /** Paints {@code epochMillis} into the luma plane {@code y} (row stride {@code stride}). */
    public static void encode(ByteBuffer y, int stride, int width, long epochMillis) {
        long word = pack(epochMillis);
        double block = blockSize(width);
        for (int row = 0; row < ROWS; row++) {
            int y0 = (int) Math.floor(row * block);
            int y1 = row == ROWS - 1 ? bandHeight(width) : (int) Math.floor((row + 1) * block);
            for (int col = 0; col < COLUMNS; col++) {
                int bit = row * COLUMNS + col;
                byte value = (byte) (((word >>> (63 - bit)) & 1) == 1 ? WHITE : BLACK);
                int x0 = (int) Math.floor(col * block);
                int x1 = (int) Math.floor((col + 1) * block);
                for (int line = y0; line < y1; line++) {
                    int base = line * stride;
                    for (int x = x0; x < x1; x++) {
                        y.put(base + x, value);
                    }
                }
            }
        }
    }

    /**
     * Reads the timestamp back from a decoded luma plane of a picture {@code width} pixels wide.
     *
     * @return the epoch milliseconds, or empty when the blocks do not carry a valid code
     */
    public static OptionalLong decode(ByteBuffer y, int stride, int width, int height) {
        double block = blockSize(width);
        if (width < MIN_WIDTH || height < bandHeight(width)) {
            return OptionalLong.empty();
        }
        int radius = Math.max(1, (int) (block / 4));
        long word = 0;
        for (int row = 0; row < ROWS; row++) {
            int cy = (int) ((row + 0.5) * block);
            for (int col = 0; col < COLUMNS; col++) {
                int cx = (int) ((col + 0.5) * block);
                long sum = 0;
                int n = 0;
                for (int line = cy - radius; line < cy + radius; line++) {
                    for (int x = cx - radius; x < cx + radius; x++) {
                        sum += y.get(line * stride + x) & 0xff;
                        n++;
                    }
                }
                word = (word << 1) | (sum / n > THRESHOLD ? 1 : 0);
            }
        }
        long millis = word >>> 16;
        return pack(millis) == word ? OptionalLong.of(millis) : OptionalLong.empty();
    }

    /** Same as {@link #decode(ByteBuffer, int, int, int)} for a plane held in a byte array. */
    public static OptionalLong decode(byte[] y, int stride, int width, int height) {
        return decode(ByteBuffer.wrap(y), stride, width, height);
    }

    private static double blockSize(int width) {
        return width / (double) COLUMNS;
    }

    private static long pack(long epochMillis) {
        long millis = epochMillis & MILLIS_MASK;
        return (millis << 16) | check(millis);
    }

    /** A 16-bit mix of all 48 bits, so a single flipped block is caught. */
    private static long check(long millis) {
        long h = millis * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (h >>> 48) & 0xffff;
    }
}
