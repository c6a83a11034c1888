package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.SourceAudio;
import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * A session's audio on its way from the source's packets to the publisher's audio stream: copied
 * ({@link CopiedAudio}) or made Opus ({@link OpusTranscoder}), never touching the video. Used on the publishing
 * thread only.
 */
interface AudioTrack extends AutoCloseable {

    /** The track for a decision that publishes audio ({@link AudioAction#COPY} or {@link AudioAction#TRANSCODE}). */
    static AudioTrack open(AudioDecision decision, SourceAudio source, boolean globalHeader) throws IOException {
        return switch (decision.action()) {
            case COPY -> new CopiedAudio(source);
            case TRANSCODE -> OpusTranscoder.open(source, decision.opusChannels(), globalHeader);
            case NONE -> throw new IllegalArgumentException("no audio to publish: " + decision);
        };
    }

    /** Fills the output stream's {@code codecpar} and {@code time_base}. */
    void describe(AVStream stream);

    /** The time base of the packets handed on. */
    AVRational timeBase();

    /**
     * Turns one source packet (timestamps in the source's audio time base, already on the session's output clock)
     * into the packets to publish, each handed to {@code sink} with strictly increasing timestamps in
     * {@link #timeBase()}. The sink may be handed the source packet itself, and with it its reference; the caller
     * unreferences the source packet afterwards in any case (a no-op once the sink took it).
     *
     * @throws IOException only what {@code sink} threw
     * @throws IllegalStateException the track itself failed (a format it cannot convert, an encoder error)
     */
    void accept(AVPacket packet, PacketSink sink) throws IOException;

    @Override
    void close();
}
