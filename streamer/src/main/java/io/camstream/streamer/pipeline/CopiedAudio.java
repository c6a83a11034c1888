package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.SourceAudio;
import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/** The source's audio packets published as they are, like {@code ffmpeg -c:a copy}. */
final class CopiedAudio implements AudioTrack {

    private final SourceAudio source;
    private long lastDts = Long.MIN_VALUE;

    CopiedAudio(SourceAudio source) {
        this.source = source;
    }

    @Override
    public void describe(AVStream stream) {
        int ret = avcodec_parameters_copy(stream.codecpar(), source.parameters());
        if (ret < 0) {
            throw new IllegalStateException("avcodec_parameters_copy() error " + ret);
        }
        stream.codecpar().codec_tag(0);
        stream.time_base(source.timeBase());
    }

    @Override
    public AVRational timeBase() {
        return source.timeBase();
    }

    /**
     * Hands the packet itself on, its timestamps completed (no copy, no reference taken: it is one of 50 a second);
     * skips packets without a time and those that do not move forward, which every muxer refuses.
     */
    @Override
    public void accept(AVPacket packet, PacketSink sink) throws IOException {
        long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        if (dts == AV_NOPTS_VALUE || dts <= lastDts) {
            return;
        }
        lastDts = dts;
        packet.dts(dts);
        if (packet.pts() == AV_NOPTS_VALUE) {
            packet.pts(dts);
        }
        packet.pos(-1);
        sink.accept(packet);
    }

    @Override
    public void close() {
        // Holds nothing of its own.
    }
}
