package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.SourceAudio;
import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * The source's audio decoded (FFmpeg's decoder for its codec), resampled ({@link AudioResampler}) and encoded as
 * Opus at 48 kHz with libopus:
 * <ul>
 *   <li>{@code application=lowdelay}: CELT, the codec's general-audio mode (camera sound is ambient as often as
 *       speech), 2.5 ms of look-ahead instead of 6.5 ms;</li>
 *   <li>20 ms frames (a packet every 20 ms, what WebRTC expects), 32 kb/s per channel, constrained VBR (plain VBR
 *       spends ~45 % more on a camera's near-silence: 41 against 26 kb/s measured for a beep a second);</li>
 *   <li>complexity 0. The libopus in the JavaCV natives runs 3x slower than Debian's (measured, same settings):
 *       120 s of 48 kHz mono took 1.40 s of CPU at complexity 5 (1.2 % of a core, over the whole budget for making
 *       Opus), 0.50 s at 0 (0.4 %). FFmpeg's own Opus encoder would cost 0.1 %, but the 8.1 one in the natives
 *       overflows its frame queue and drops sound ("Buffer queue overflow") whatever its delay option.</li>
 * </ul>
 */
final class OpusTranscoder implements AudioTrack {

    private static final Logger LOG = LoggerFactory.getLogger(OpusTranscoder.class);
    static final AVRational TIME_BASE = new AVRational().num(1).den(AudioDecision.OPUS_SAMPLE_RATE);
    static final int BITRATE_PER_CHANNEL = 32_000;
    static final String FRAME_MILLIS = "20";
    static final String COMPLEXITY = "0";

    private final SourceAudio source;
    private final AVCodecContext decoder;
    private final AVCodecContext encoder;
    private final AudioResampler resampler;
    private final AVFrame decoded = av_frame_alloc();
    private final AVPacket encoded = av_packet_alloc();

    private OpusTranscoder(SourceAudio source, AVCodecContext decoder, AVCodecContext encoder) {
        this.source = source;
        this.decoder = decoder;
        this.encoder = encoder;
        this.resampler = new AudioResampler(encoder.ch_layout().nb_channels(), encoder.frame_size());
    }

    static OpusTranscoder open(SourceAudio source, int channels, boolean globalHeader) throws IOException {
        AVCodecContext decoder = openDecoder(source);
        try {
            return new OpusTranscoder(source, decoder, openEncoder(channels, globalHeader));
        } catch (IOException | RuntimeException e) {
            avcodec_free_context(decoder);
            throw e;
        }
    }

    private static AVCodecContext openDecoder(SourceAudio source) throws IOException {
        AVCodec codec = avcodec_find_decoder(source.parameters().codec_id());
        if (codec == null) {
            throw new IOException("no decoder for " + source.info().codecName() + " in these FFmpeg natives");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        int ret = avcodec_parameters_to_context(context, source.parameters());
        if (ret >= 0) {
            context.pkt_timebase(source.timeBase());
            ret = avcodec_open2(context, codec, (AVDictionary) null);
        }
        if (ret < 0) {
            avcodec_free_context(context);
            throw new IOException("cannot open the " + source.info().codecName() + " decoder: error " + ret);
        }
        return context;
    }

    private static AVCodecContext openEncoder(int channels, boolean globalHeader) throws IOException {
        AVCodec codec = avcodec_find_encoder_by_name("libopus");
        if (codec == null) {
            throw new IOException("libopus is not in these FFmpeg natives");
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        context.sample_rate(AudioDecision.OPUS_SAMPLE_RATE).sample_fmt(AV_SAMPLE_FMT_FLT).time_base(TIME_BASE)
                .bit_rate((long) BITRATE_PER_CHANNEL * channels);
        av_channel_layout_default(context.ch_layout(), channels);
        if (globalHeader) {
            context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "application", "lowdelay", 0);
        av_dict_set(options, "frame_duration", FRAME_MILLIS, 0);
        av_dict_set(options, "vbr", "constrained", 0);
        av_dict_set(options, "compression_level", COMPLEXITY, 0);
        try {
            int ret = avcodec_open2(context, codec, options);
            if (ret < 0) {
                avcodec_free_context(context);
                throw new IOException("cannot open the Opus encoder: error " + ret);
            }
        } finally {
            av_dict_free(options);
        }
        return context;
    }

    @Override
    public void describe(AVStream stream) {
        int ret = avcodec_parameters_from_context(stream.codecpar(), encoder);
        if (ret < 0) {
            throw new IllegalStateException("avcodec_parameters_from_context() error " + ret);
        }
        stream.time_base(TIME_BASE);
    }

    @Override
    public AVRational timeBase() {
        return TIME_BASE;
    }

    @Override
    public void accept(AVPacket packet, PacketSink sink) throws IOException {
        int ret = avcodec_send_packet(decoder, packet);
        if (ret < 0 && ret != AVERROR_EAGAIN()) {
            // A damaged packet costs its 20-odd ms of sound, not the stream.
            LOG.debug("avcodec_send_packet() error {}: audio packet skipped", ret);
            return;
        }
        while (true) {
            ret = avcodec_receive_frame(decoder, decoded);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            if (ret < 0) {
                LOG.debug("avcodec_receive_frame() error {}: audio skipped", ret);
                return;
            }
            long pts = decoded.best_effort_timestamp();
            if (pts != AV_NOPTS_VALUE) {
                resampler.add(decoded, av_rescale_q(pts, source.timeBase(), TIME_BASE));
            }
            for (AVFrame chunk = resampler.next(); chunk != null; chunk = resampler.next()) {
                encode(chunk, sink);
            }
        }
    }

    private void encode(AVFrame chunk, PacketSink sink) throws IOException {
        int ret = avcodec_send_frame(encoder, chunk);
        if (ret < 0) {
            throw new IllegalStateException("the Opus encoder refused a frame: error " + ret);
        }
        while (true) {
            ret = avcodec_receive_packet(encoder, encoded);
            if (ret == AVERROR_EAGAIN()) {
                return;
            }
            if (ret < 0) {
                throw new IllegalStateException("the Opus encoder failed: error " + ret);
            }
            try {
                // The encoder's look-ahead puts its very first packet before time 0: the stream starts with the next.
                if (encoded.pts() >= 0) {
                    sink.accept(encoded);
                }
            } finally {
                av_packet_unref(encoded);
            }
        }
    }

    /** Frees everything; what the encoder still holds (a frame of look-ahead) is drained and thrown away. */
    @Override
    public void close() {
        if (avcodec_send_frame(encoder, null) >= 0) {
            while (avcodec_receive_packet(encoder, encoded) >= 0) {
                av_packet_unref(encoded);
            }
        }
        resampler.close();
        av_frame_free(decoded);
        av_packet_free(encoded);
        avcodec_free_context(decoder);
        avcodec_free_context(encoder);
    }
}
