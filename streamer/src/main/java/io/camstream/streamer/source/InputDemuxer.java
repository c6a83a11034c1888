package io.camstream.streamer.source;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
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
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;

/**
 * A source's container or stream read with libavformat, as the ffmpeg CLI reads its input: open, probe, then the
 * packets of the video stream and, when asked for, of the best audio stream, one by one; the other streams (more
 * audio, data) are discarded by the demuxer.
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
    /** Null when the source has no audio, it was not asked for, or it was dropped. */
    private AVStream audio;
    /** The streams' indexes, kept on the Java side: read() compares them for every packet. */
    private final int videoIndex;
    private int audioIndex;
    private final AVPacket packet = av_packet_alloc();

    private InputDemuxer(AVFormatContext context, AVStream video, AVStream audio) {
        this.context = context;
        this.video = video;
        this.audio = audio;
        this.videoIndex = video.index();
        this.audioIndex = audio == null ? -1 : audio.index();
    }

    /**
     * Opens and probes the input.
     *
     * @param url        what FFmpeg opens (may carry credentials: never in a message)
     * @param formatName the demuxer to force, or null to let FFmpeg probe
     * @param withAudio  whether to read the best audio stream too
     * @throws IOException naming FFmpeg's error code; {@link NoVideoStreamException} when there is no video
     */
    static InputDemuxer open(String url, String formatName, Map<String, String> options, boolean withAudio)
            throws IOException {
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
            int audioIndex = withAudio ? audioStream(context, index) : -1;
            for (int i = 0; i < context.nb_streams(); i++) {
                if (i != index && i != audioIndex) {
                    context.streams(i).discard(AVDISCARD_ALL);
                }
            }
            return new InputDemuxer(context, context.streams(index), audioIndex < 0 ? null : context.streams(audioIndex));
        } catch (IOException | RuntimeException e) {
            avformat_close_input(context);
            throw e;
        }
    }

    /** The audio stream that goes with the video (FFmpeg's choice, as the CLI's), or -1 when none is usable. */
    private static int audioStream(AVFormatContext context, int videoIndex) {
        int index = av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, videoIndex, (PointerPointer<?>) null, 0);
        if (index < 0) {
            return -1;
        }
        AVCodecParameters parameters = context.streams(index).codecpar();
        boolean described = parameters.codec_id() != AV_CODEC_ID_NONE && parameters.sample_rate() > 0
                && parameters.ch_layout().nb_channels() > 0;
        return described ? index : -1;
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

    /** The audio stream read with the video, null when there is none. */
    AVStream audioStream() {
        return audio;
    }

    /** Stops reading the audio stream (its packets are discarded by the demuxer from now on). */
    void dropAudio() {
        if (audio != null) {
            audio.discard(AVDISCARD_ALL);
            audio = null;
            audioIndex = -1;
        }
    }

    /**
     * The next packet of the video stream or of the audio stream (when read); the caller owns its reference until
     * the next read (write it, which takes the reference, or {@code av_packet_unref} it). Null at the end of the
     * input.
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
            int stream = packet.stream_index();
            if (stream == videoIndex || stream == audioIndex) {
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
