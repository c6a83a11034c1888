package io.camstream.streamer.source;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_is_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * Converts pictures to {@code yuv420p} of a given size with swscale (bilinear), into a frame it reuses while no one
 * else holds a reference to it. Only used where a conversion is needed: a source that does not decode to
 * {@code yuv420p}, or a {@code --width}/{@code --height} that differs from the source's.
 */
public final class I420Scaler implements AutoCloseable {

    private final int width;
    private final int height;
    private final AVFrame out = av_frame_alloc();
    private SwsContext context;

    public I420Scaler(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * @return the converted picture, valid until the next call (take a reference to keep it longer)
     * @throws IllegalStateException when swscale cannot convert from the input's format
     */
    public AVFrame scale(AVFrame in) {
        context = sws_getCachedContext(context, in.width(), in.height(), in.format(), width, height,
                AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("cannot convert pixel format " + in.format() + " to yuv420p");
        }
        if (out.buf(0) == null || av_frame_is_writable(out) == 0) {
            // The previous picture is still referenced downstream: give this one a buffer of its own.
            av_frame_unref(out);
            out.format(AV_PIX_FMT_YUV420P).width(width).height(height);
            if (av_frame_get_buffer(out, 0) < 0) {
                throw new OutOfMemoryError("no memory for a " + width + "x" + height + " picture");
            }
        }
        sws_scale(context, new PointerPointer<>(in), in.linesize(), 0, in.height(), new PointerPointer<>(out),
                out.linesize());
        return out;
    }

    @Override
    public void close() {
        av_frame_free(out);
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
    }
}
