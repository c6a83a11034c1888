package io.camstream.streamer.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * The video stream (and an audio stream, when there is audio) muxed and sent to the server with libavformat (RTSP,
 * or FLV/MPEG-TS for RTMP/SRT), the same calls the ffmpeg CLI makes, with no per-packet work on the Java side
 * beyond the timestamp rescale. Packets go to {@code av_write_frame} as the encoder or the source made them, each
 * stream in its own order: {@code av_interleaved_write_frame} would hold every video packet back until an audio
 * packet at least as late had come (up to an Opus frame and the camera's audio packetisation), and RTSP carries
 * each stream on its own RTP session anyway.
 *
 * <p>Errors are thrown as {@link IOException}s whose message names FFmpeg's error code ("... error -104"), for
 * {@link io.camstream.streamer.source.FfmpegErrors#causeOf(Throwable)}.
 */
final class OutputMuxer implements AutoCloseable {

    private final AVFormatContext context;
    private final AVRational[] timeBases;
    private final boolean ownsIo;

    private OutputMuxer(AVFormatContext context, AVRational[] timeBases, boolean ownsIo) {
        this.context = context;
        this.timeBases = timeBases;
        this.ownsIo = ownsIo;
    }

    /** Whether the format wants codec headers out of band (the encoder then needs AV_CODEC_FLAG_GLOBAL_HEADER). */
    static boolean wantsGlobalHeader(String formatName) {
        AVFormatContext probe = new AVFormatContext(null);
        if (avformat_alloc_output_context2(probe, null, formatName, null) < 0 || probe.isNull()) {
            return false;
        }
        try {
            return (probe.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
        } finally {
            avformat_free_context(probe);
        }
    }

    /**
     * Connects and writes the header (for RTSP: ANNOUNCE, SETUP, RECORD).
     *
     * @param url     what FFmpeg opens (may carry credentials: never in a message)
     * @param streams one per stream, in stream order: each fills its new stream's {@code codecpar} and
     *                {@code time_base}
     */
    static OutputMuxer open(String url, String formatName, Map<String, String> options,
                            List<Consumer<AVStream>> streams) throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        int ret = avformat_alloc_output_context2(context, null, formatName, url);
        if (ret < 0 || context.isNull()) {
            throw new IOException("avformat_alloc_output_context2() error " + ret);
        }
        boolean ownsIo = (context.oformat().flags() & AVFMT_NOFILE) == 0;
        AVDictionary dictionary = new AVDictionary(null);
        try {
            for (Consumer<AVStream> describe : streams) {
                AVStream stream = avformat_new_stream(context, null);
                if (stream == null) {
                    throw new IOException("avformat_new_stream() failed");
                }
                describe.accept(stream);
            }
            for (Map.Entry<String, String> e : options.entrySet()) {
                av_dict_set(dictionary, e.getKey(), e.getValue(), 0);
            }
            if (ownsIo) {
                AVIOContext io = new AVIOContext(null);
                ret = avio_open2(io, url, AVIO_FLAG_WRITE, null, dictionary);
                if (ret < 0) {
                    throw new IOException("avio_open2() error " + ret);
                }
                context.pb(io);
            }
            ret = avformat_write_header(context, dictionary);
            if (ret < 0) {
                throw new IOException("avformat_write_header() error " + ret);
            }
            AVRational[] timeBases = new AVRational[streams.size()];
            for (int i = 0; i < timeBases.length; i++) {
                timeBases[i] = context.streams(i).time_base();
            }
            return new OutputMuxer(context, timeBases, ownsIo);
        } catch (IOException | RuntimeException e) {
            free(context, ownsIo);
            throw e;
        } finally {
            av_dict_free(dictionary);
        }
    }

    /**
     * Stream {@code stream}'s time base as the muxer settled it in the header (for RTP 1/90000 for video, the sample
     * rate for audio).
     */
    AVRational timeBase(int stream) {
        return timeBases[stream];
    }

    /**
     * Sends the packet to stream {@code stream} (timestamps already in {@link #timeBase(int)}); takes its
     * reference, also on failure.
     */
    void write(int stream, AVPacket packet) throws IOException {
        packet.stream_index(stream);
        int ret = av_write_frame(context, packet);
        av_packet_unref(packet);
        if (ret < 0) {
            throw new IOException("av_write_frame() error " + ret);
        }
    }

    /** Writes the trailer (RTSP: TEARDOWN) and frees everything. */
    @Override
    public void close() {
        av_write_trailer(context);
        free(context, ownsIo);
    }

    private static void free(AVFormatContext context, boolean ownsIo) {
        if (ownsIo && context.pb() != null && !context.pb().isNull()) {
            avio_closep(context.pb());
        }
        avformat_free_context(context);
    }
}
