package io.camstream.streamer.source;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;

/**
 * A source's container or stream read with libavformat, as the ffmpeg CLI reads its input: open, probe, then the
 * video stream's packets one by one; the other streams (audio, data) are discarded by the demuxer.
 *
 * <p>Only libavformat and libavcodec are loaded for this: libavdevice (and with it libavfilter and the X11, ALSA and
 * PulseAudio client libraries it links) only for a capture device ({@link InputDevices}). Decoding is a separate
 * step ({@link VideoDecoder}), taken only when the pictures are needed.
 *
 * <p>Errors are thrown as {@link IOException}s whose message names FFmpeg's error code ("... error -111"), for
 * {@link FfmpegErrors#causeOf(Throwable)}. The URL may carry credentials: it never appears in a message.
 */
final class InputDemuxer implements AutoCloseable {

    /** Some devices answer "try again" instead of blocking; FFmpeg's CLI waits 10 ms too. */
    private static final long RETRY_NANOS = 10_000_000L;
    private static volatile boolean networkInitialised;

    private final AVFormatContext context;
    private final AVStream video;
    private final AVPacket packet = av_packet_alloc();

    private InputDemuxer(AVFormatContext context, AVStream video) {
        this.context = context;
        this.video = video;
    }

    /**
     * Opens and probes the input.
     *
     * @param url        what FFmpeg opens (may carry credentials: never in a message)
     * @param formatName the demuxer to force, or null to let FFmpeg probe
     * @throws IOException naming FFmpeg's error code; {@link NoVideoStreamException} when there is no video
     */
    static InputDemuxer open(String url, String formatName, Map<String, String> options) throws IOException {
        initNetwork();
        AVInputFormat format = null;
        if (formatName != null) {
            format = av_find_input_format(formatName);
            if (format == null) {
                throw new IOException("the input format " + formatName + " is not in these FFmpeg natives");
            }
        }
        AVFormatContext context = new AVFormatContext(null);
        AVDictionary dictionary = new AVDictionary(null);
        try {
            for (Map.Entry<String, String> e : options.entrySet()) {
                av_dict_set(dictionary, e.getKey(), e.getValue(), 0);
            }
            int ret = avformat_open_input(context, url, format, dictionary);
            if (ret < 0) {
                throw new IOException("avformat_open_input() error " + ret);
            }
        } finally {
            av_dict_free(dictionary);
        }
        try {
            int ret = avformat_find_stream_info(context, (PointerPointer<?>) null);
            if (ret < 0) {
                throw new IOException("avformat_find_stream_info() error " + ret);
            }
            int index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
            if (index < 0 || context.streams(index).codecpar().width() <= 0) {
                throw new NoVideoStreamException();
            }
            for (int i = 0; i < context.nb_streams(); i++) {
                if (i != index) {
                    context.streams(i).discard(AVDISCARD_ALL);
                }
            }
            return new InputDemuxer(context, context.streams(index));
        } catch (IOException | RuntimeException e) {
            avformat_close_input(context);
            throw e;
        }
    }

    /** TLS and the network protocols, once per process (JavaCV's grabber did this when its class loaded). */
    private static void initNetwork() {
        if (!networkInitialised) {
            synchronized (InputDemuxer.class) {
                if (!networkInitialised) {
                    avformat_network_init();
                    networkInitialised = true;
                }
            }
        }
    }

    AVFormatContext context() {
        return context;
    }

    AVStream videoStream() {
        return video;
    }

    /**
     * The next packet of the video stream; the caller owns its reference until the next read (write it, which
     * takes the reference, or {@code av_packet_unref} it). Null at the end of the input.
     *
     * @throws IOException a read error other than the end (connection lost, timed out)
     */
    AVPacket read() throws IOException {
        while (true) {
            int ret = av_read_frame(context, packet);
            if (ret == AVERROR_EAGAIN()) {
                LockSupport.parkNanos(RETRY_NANOS);
                if (Thread.currentThread().isInterrupted()) {
                    return null;
                }
                continue;
            }
            if (ret == AVERROR_EOF) {
                return null;
            }
            if (ret < 0) {
                throw new IOException("av_read_frame() error " + ret);
            }
            if (packet.stream_index() == video.index()) {
                return packet;
            }
            av_packet_unref(packet);
        }
    }

    /** Back to the start of a file; false when the input cannot seek. */
    boolean rewind() {
        return av_seek_frame(context, -1, Long.MIN_VALUE, AVSEEK_FLAG_BACKWARD) >= 0
                || av_seek_frame(context, -1, 0, AVSEEK_FLAG_BACKWARD) >= 0;
    }

    @Override
    public void close() {
        av_packet_free(packet);
        avformat_close_input(context);
    }

    /** The input opened but carries no decodable video stream. */
    static final class NoVideoStreamException extends IOException {
        NoVideoStreamException() {
            super("no video stream");
        }
    }
}
