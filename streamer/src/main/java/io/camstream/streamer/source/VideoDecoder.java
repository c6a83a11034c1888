package io.camstream.streamer.source;

import java.io.IOException;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * The video stream's decoder (libavcodec), opened only when pictures are needed: a passthrough session never opens
 * one, so it holds none of a decoder's picture buffers.
 *
 * <p>Packets go in with {@link #send(AVPacket)}, pictures come out of {@link #receive()}, the decoder's own
 * reference-counted frames, as in the ffmpeg CLI. A corrupt packet is skipped, as FFmpeg's CLI does by default: a
 * camera's picture recovers at its next keyframe.
 */
final class VideoDecoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoDecoder.class);

    private final AVCodecContext context;
    private final AVFrame frame = av_frame_alloc();
    private boolean draining;
    private boolean drained;

    private VideoDecoder(AVCodecContext context) {
        this.context = context;
    }

    /** @throws IOException naming FFmpeg's error code, or the codec these natives cannot decode */
    static VideoDecoder open(AVStream stream, Map<String, String> options) throws IOException {
        int codecId = stream.codecpar().codec_id();
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null) {
            throw new IOException("no decoder for " + avcodec_get_name(codecId).getString() + " in these FFmpeg natives");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        if (context == null) {
            throw new OutOfMemoryError("avcodec_alloc_context3");
        }
        AVDictionary dictionary = new AVDictionary(null);
        try {
            int ret = avcodec_parameters_to_context(context, stream.codecpar());
            if (ret < 0) {
                throw new IOException("avcodec_parameters_to_context() error " + ret);
            }
            context.pkt_timebase(stream.time_base());
            for (Map.Entry<String, String> e : options.entrySet()) {
                av_dict_set(dictionary, e.getKey(), e.getValue(), 0);
            }
            ret = avcodec_open2(context, codec, dictionary);
            if (ret < 0) {
                throw new IOException("avcodec_open2() error " + ret);
            }
            return new VideoDecoder(context);
        } catch (IOException | RuntimeException e) {
            avcodec_free_context(context);
            throw e;
        } finally {
            av_dict_free(dictionary);
        }
    }

    /** Decodes the packet (its reference stays with the caller); null enters draining: the end of the input. */
    void send(AVPacket packet) {
        if (packet == null) {
            draining = true;
        }
        int ret = avcodec_send_packet(context, packet);
        if (ret < 0 && ret != AVERROR_EAGAIN() && ret != AVERROR_EOF) {
            LOG.debug("avcodec_send_packet() error {}: packet skipped", ret);
        }
    }

    /**
     * The next decoded picture, valid until the next call (take a reference to keep it); null when the decoder
     * needs another packet, or, once draining, has given out its last picture ({@link #drained()}).
     */
    AVFrame receive() {
        while (true) {
            int ret = avcodec_receive_frame(context, frame);
            if (ret >= 0) {
                return frame;
            }
            if (ret == AVERROR_EOF) {
                drained = draining;
                return null;
            }
            if (ret == AVERROR_EAGAIN()) {
                return null;
            }
            // A picture that failed to decode: go on with the next one.
            LOG.debug("avcodec_receive_frame() error {}: picture skipped", ret);
        }
    }

    /** Whether draining has ended: every picture of the input has been given out. */
    boolean drained() {
        return drained;
    }

    /** Forgets the stream so far (after a seek back to the start of a file) and accepts packets again. */
    void restart() {
        avcodec_flush_buffers(context);
        draining = false;
        drained = false;
    }

    @Override
    public void close() {
        av_frame_free(frame);
        avcodec_free_context(context);
    }
}
