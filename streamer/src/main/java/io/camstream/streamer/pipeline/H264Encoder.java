package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.I420Scaler;
import io.camstream.streamer.source.YuvFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.avcodec.AVCodecContext.FF_THREAD_SLICE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;

/**
 * libx264 through libavcodec, fed the source's pictures by reference and its timestamps on the 90 kHz time base
 * ({@link MonotonicTimestamps}); the frame rate only steers rate control (zerolatency turns x264's VFR rate control
 * off, so bits per frame follow the nominal rate as in the ffmpeg CLI).
 *
 * <ul>
 *   <li>preset ultrafast, tune zerolatency, sliced threads: no lookahead, no frame-threading delay (openh264 costs
 *       ~3x the CPU);</li>
 *   <li>constrained baseline, no B-frames (WebRTC cannot carry them), GOP = fps × gop-seconds so a new reader waits
 *       at most that long;</li>
 *   <li>CBR with a one-second VBV (maxrate = bufsize = bitrate), so the bitrate on the wire is predictable;</li>
 *   <li>{@code repeat-headers=1}: SPS/PPS before every keyframe. The RTSP muxer asks for global headers, which
 *       otherwise puts them only in the SDP, and a reader that joins through a relay may never see them.</li>
 * </ul>
 */
final class H264Encoder implements AutoCloseable {

    static final AVRational TIME_BASE = new AVRational().num(1).den(MonotonicTimestamps.TICKS_PER_SECOND);

    private final AVCodecContext context;
    private final AVPacket packet = av_packet_alloc();
    private final EncoderSettings settings;
    /** For packed pictures: a frame whose planes point into the caller's buffer (the encoder then copies it). */
    private AVFrame packedView;
    private I420Scaler scaler;

    private H264Encoder(AVCodecContext context, EncoderSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    static H264Encoder open(EncoderSettings settings, boolean globalHeader, int threads) throws IOException {
        AVCodec codec = avcodec_find_encoder_by_name("libx264");
        if (codec == null) {
            throw new IOException("libx264 is not in these FFmpeg natives (the -gpl build has it)");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.width(settings.width()).height(settings.height()).pix_fmt(AV_PIX_FMT_YUV420P);
        context.time_base(TIME_BASE);
        context.framerate(av_d2q(settings.fps(), 1001000));
        context.gop_size(settings.gopFrames());
        context.max_b_frames(0);
        context.profile(AV_PROFILE_H264_CONSTRAINED_BASELINE);
        context.bit_rate(settings.bitrateKbps() * 1000L);
        // libavcodec's default thread type (frame|slice) makes x264 use frame threads, which overrides zerolatency's
        // sliced threads and delays every frame by threads - 1 frames.
        context.thread_type(FF_THREAD_SLICE);
        if (globalHeader) {
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        String rate = settings.bitrateKbps() + "k";
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "preset", "ultrafast", 0);
        av_dict_set(options, "tune", "zerolatency", 0);
        av_dict_set(options, "maxrate", rate, 0);
        av_dict_set(options, "bufsize", rate, 0);
        av_dict_set(options, "x264-params", "repeat-headers=1:bframes=0", 0);
        av_dict_set(options, "threads", Integer.toString(threads), 0);
        try {
            int ret = avcodec_open2(context, codec, options);
            if (ret < 0) {
                avcodec_free_context(context);
                throw new IOException("avcodec_open2() error " + ret);
            }
        } finally {
            av_dict_free(options);
        }
        return new H264Encoder(context, settings);
    }

    AVCodecContext context() {
        return context;
    }

    /**
     * Encodes one picture as presentation time {@code pts} (1/90000 s, strictly increasing) and hands every packet
     * that is ready to {@code sink}, timestamps in {@link #TIME_BASE}; the sink takes each packet's reference.
     */
    void encode(YuvFrame frame, long pts, PacketSink sink) throws IOException {
        AVFrame picture = pictureOf(frame);
        picture.pts(pts);
        // The decoder's picture type (I, P, B of the camera's stream) would force x264's frame types: B is refused
        // ("not compatible with max B-frames"), and every camera I-frame would become a keyframe off our GOP.
        picture.pict_type(AV_PICTURE_TYPE_NONE);
        int ret = avcodec_send_frame(context, picture);
        if (ret < 0) {
            throw new IOException("avcodec_send_frame() error " + ret);
        }
        while (true) {
            ret = avcodec_receive_packet(context, packet);
            if (ret == AVERROR_EAGAIN()) {
                return;
            }
            if (ret < 0) {
                throw new IOException("avcodec_receive_packet() error " + ret);
            }
            try {
                sink.accept(packet);
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** The frame as the encoder takes it: the source's own frame, else a view of the packed buffer, scaled if asked. */
    private AVFrame pictureOf(YuvFrame frame) {
        AVFrame picture = frame.picture();
        if (picture == null) {
            picture = packedView(frame.data(), frame.width(), frame.height());
        }
        if (picture.width() != settings.width() || picture.height() != settings.height()) {
            if (scaler == null) {
                scaler = new I420Scaler(settings.width(), settings.height());
            }
            picture = scaler.scale(picture);
        }
        return picture;
    }

    private AVFrame packedView(ByteBuffer data, int width, int height) {
        if (packedView == null) {
            packedView = av_frame_alloc();
        }
        packedView.format(AV_PIX_FMT_YUV420P).width(width).height(height);
        av_image_fill_arrays(new PointerPointer<>(packedView), packedView.linesize(), new BytePointer(data),
                AV_PIX_FMT_YUV420P, width, height, 1);
        return packedView;
    }

    /** Packet timestamps from the encoder's time base to {@code streamTimeBase}. */
    static void rescale(AVPacket packet, AVRational streamTimeBase) {
        av_packet_rescale_ts(packet, TIME_BASE, streamTimeBase);
    }

    @Override
    public void close() {
        avcodec_free_context(context);
        av_packet_free(packet);
        if (packedView != null) {
            av_frame_free(packedView);
        }
        if (scaler != null) {
            scaler.close();
        }
    }
}
