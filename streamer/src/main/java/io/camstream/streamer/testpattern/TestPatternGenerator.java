package io.camstream.streamer.testpattern;

import io.camstream.streamer.source.YuvFrame;
import java.nio.ByteBuffer;

/**
 * Draws the synthetic picture: a textured background that scrolls a few pixels per frame (real motion for the
 * encoder to work on, like a camera panning) under the {@link LumaTimestampCodec} band carrying the capture time.
 */
public final class TestPatternGenerator {

    private static final int SCROLL_PIXELS_PER_FRAME = 4;

    private final int width;
    private final int height;
    private final int chromaWidth;
    private final int chromaHeight;
    private final byte[] background;
    private final byte[] chroma;
    private final ByteBuffer frame;

    public TestPatternGenerator(int width, int height) {
        this.width = width;
        this.height = height;
        this.chromaWidth = (width + 1) / 2;
        this.chromaHeight = (height + 1) / 2;
        this.background = new byte[2 * width * height];
        this.chroma = new byte[2 * chromaWidth * chromaHeight];
        this.frame = ByteBuffer.allocateDirect(YuvFrame.bufferSize(width, height));
        drawBackground();
    }

    /**
     * Twice as wide as the picture so that each scrolled row is one contiguous copy. Computed once per start from
     * per-column and per-diagonal tables (a sine per pixel cost a 720p start ~0.1 s of CPU, most of it interpreted).
     */
    private void drawBackground() {
        int[] ramp = new int[width];
        for (int x = 0; x < width; x++) {
            ramp[x] = 50 + x * 120 / width;
        }
        // The ripple runs along diagonals: it depends on x + 2y only.
        int[] ripple = new int[width + 2 * height];
        for (int d = 0; d < ripple.length; d++) {
            ripple[d] = (int) (20 * Math.sin(d / 9.0));
        }
        for (int y = 0; y < height; y++) {
            int row = y * 2 * width;
            int checkerRow = y / 32;
            for (int x = 0; x < width; x++) {
                int checker = ((x / 32) + checkerRow) % 2 == 0 ? 0 : 48;
                background[row + x] = (byte) clamp(checker + ramp[x] + ripple[x + 2 * y]);
            }
            System.arraycopy(background, row, background, row + width, width);
        }
        int band = (LumaTimestampCodec.bandHeight(width) + 1) / 2;
        for (int y = 0; y < chromaHeight; y++) {
            for (int x = 0; x < chromaWidth; x++) {
                boolean neutral = y < band;
                chroma[y * chromaWidth + x] = (byte) (neutral ? 128 : 64 + x * 128 / chromaWidth);
                chroma[chromaWidth * chromaHeight + y * chromaWidth + x] =
                        (byte) (neutral ? 128 : 192 - y * 128 / chromaHeight);
            }
        }
    }

    /**
     * Draws frame number {@code index} stamped with {@code captureEpochMillis}.
     *
     * @return the packed I420 picture; the buffer is reused by the next call
     */
    public ByteBuffer draw(long index, long captureEpochMillis) {
        ByteBuffer out = frame.clear();
        int shift = (int) ((index * SCROLL_PIXELS_PER_FRAME) % width);
        for (int y = 0; y < height; y++) {
            out.put(background, y * 2 * width + shift, width);
        }
        out.put(chroma);
        LumaTimestampCodec.encode(out, width, width, captureEpochMillis);
        return out.flip();
    }

    private static int clamp(int v) {
        return Math.max(16, Math.min(235, v));
    }
}
