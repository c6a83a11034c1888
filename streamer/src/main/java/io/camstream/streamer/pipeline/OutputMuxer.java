package io.camstream.streamer.pipeline;

import java.io.IOException;
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
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
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
 * One video stream muxed and sent to the server with libavformat (RTSP, or FLV/MPEG-TS for RTMP/SRT), the same
 * calls the ffmpeg CLI makes: packets go to {@code av_interleaved_write_frame} as the encoder or the source made
 * them, with no per-packet work on the Java side beyond the timestamp rescale.
 *
 * <p>Errors are thrown as {@link IOException}s whose message names FFmpeg's error code ("... error -104"), for
 * {@link io.camstream.streamer.source.FfmpegErrors#causeOf(Throwable)}.
 */
final class OutputMuxer implements AutoCloseable {

    private final AVFormatContext context;
    private final AVStream stream;
    private final AVRational streamTimeBase;
    private final boolean ownsIo;

    private OutputMuxer(AVFormatContext context, AVStream stream, boolean ownsIo) {
        this.context = context;
        this.stream = stream;
        this.streamTimeBase = stream.time_base();
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
     * @param url      what FFmpeg opens (may carry credentials: never in a message)
     * @param describe fills the new stream's {@code codecpar} and {@code time_base}
     */
    static OutputMuxer open(String url, String formatName, Map<String, String> options, Consumer<AVStream> describe)
            throws IOException {
        AVFormatContext context = new AVFormatContext(null);
        int ret = avformat_alloc_output_context2(context, null, formatName, url);
        if (ret < 0 || context.isNull()) {
            throw new IOException("avformat_alloc_output_context2() error " + ret);
        }
        boolean ownsIo = (context.oformat().flags() & AVFMT_NOFILE) == 0;
        AVDictionary dictionary = new AVDictionary(null);
        try {
            AVStream stream = avformat_new_stream(context, null);
            if (stream == null) {
                throw new IOException("avformat_new_stream() failed");
            }
            describe.accept(stream);
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
            return new OutputMuxer(context, stream, ownsIo);
        } catch (IOException | RuntimeException e) {
            free(context, ownsIo);
            throw e;
        } finally {
            av_dict_free(dictionary);
        }
    }

    /** The stream's time base as the muxer settled it in the header (1/90000 for RTP). */
    AVRational timeBase() {
        return streamTimeBase;
    }

    int streamIndex() {
        return stream.index();
    }

    /** Sends the packet (timestamps already in {@link #timeBase()}); takes its reference, also on failure. */
    void write(AVPacket packet) throws IOException {
        packet.stream_index(stream.index());
        int ret = av_interleaved_write_frame(context, packet);
        if (ret < 0) {
            throw new IOException("av_interleaved_write_frame() error " + ret);
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
