package io.camstream.streamer.source;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * One picture in planar YUV 4:2:0 (I420), held either way a source has it, so that it reaches the encoder without a
 * copy on the Java side:
 * <ul>
 *   <li>as an FFmpeg {@link AVFrame} ({@link #picture()}): a decoder's reference-counted frame, planes with FFmpeg's
 *       aligned line sizes. Handing it to another thread or to the encoder takes a reference, not a copy;</li>
 *   <li>as a packed buffer ({@link #data()}, the test pattern and tests): Y ({@code width*height}), then U and V
 *       ({@code ceil(width/2)*ceil(height/2)} each) without padding.</li>
 * </ul>
 * Either is owned by the source and valid until its next grab, unless a consumer took its own reference.
 *
 * @param picture         the frame as FFmpeg holds it, or null for a packed buffer
 * @param timestampMicros presentation time on the source's clock, microseconds
 */
public record YuvFrame(ByteBuffer packed, AVFrame picture, int width, int height, long timestampMicros) {

    /** A packed I420 picture. */
    public YuvFrame(ByteBuffer data, int width, int height, long timestampMicros) {
        this(data, null, width, height, timestampMicros);
    }

    /** A picture in an FFmpeg frame (format {@code yuv420p}). */
    public YuvFrame(AVFrame picture, long timestampMicros) {
        this(null, picture, picture.width(), picture.height(), timestampMicros);
    }

    public static int bufferSize(int width, int height) {
        return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
    }

    /**
     * The picture as a packed I420 buffer: the buffer itself for a packed picture, else a packed copy of the frame's
     * planes (for tests and diagnostics; the streaming path never packs).
     */
    public ByteBuffer data() {
        if (packed != null) {
            return packed;
        }
        ByteBuffer out = ByteBuffer.allocateDirect(bufferSize(width, height));
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        copyPlane(0, width, height, out);
        copyPlane(1, chromaWidth, chromaHeight, out);
        copyPlane(2, chromaWidth, chromaHeight, out);
        return out.flip();
    }

    /** The luma plane as a buffer of {@link #lumaStride()}-byte rows, without copying. */
    public ByteBuffer luma() {
        if (packed != null) {
            return packed.duplicate().clear().limit(width * height);
        }
        return picture.data(0).capacity((long) picture.linesize(0) * height).asBuffer();
    }

    /** Bytes from one luma row to the next in {@link #luma()}. */
    public int lumaStride() {
        return packed != null ? width : picture.linesize(0);
    }

    private void copyPlane(int plane, int planeWidth, int planeHeight, ByteBuffer out) {
        int stride = picture.linesize(plane);
        BytePointer data = picture.data(plane);
        ByteBuffer rows = data.capacity((long) stride * planeHeight).asBuffer();
        for (int row = 0; row < planeHeight; row++) {
            out.put(rows.slice(row * stride, planeWidth));
        }
    }
}
