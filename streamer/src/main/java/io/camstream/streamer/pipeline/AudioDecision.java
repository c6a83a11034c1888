package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.AudioInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session does with the source's audio and, for the log, why.
 *
 * @param source the source's audio track; empty when it has none or it was not asked for
 */
public record AudioDecision(AudioAction action, Optional<AudioInfo> source, String reason) {

    /** Opus is always encoded at 48 kHz, the only clock rate RTP and browsers know for it. */
    public static final int OPUS_SAMPLE_RATE = 48_000;

    public AudioDecision {
        Objects.requireNonNull(action);
        Objects.requireNonNull(source);
        Objects.requireNonNull(reason);
        if (action != AudioAction.NONE && source.isEmpty()) {
            throw new IllegalArgumentException("only a source with audio can have its audio " + action);
        }
    }

    /** The codec readers get: the source's, {@code opus}, or {@code none}. */
    public String outputCodec() {
        return switch (action) {
            case NONE -> "none";
            case COPY -> source.orElseThrow().codecName();
            case TRANSCODE -> "opus";
        };
    }

    /** The source's codec, {@code none} without audio. */
    public String sourceCodec() {
        return source.map(AudioInfo::codecName).orElse("none");
    }

    /** Channels of the Opus encoding: the source's, at most two (more are mixed down to stereo). */
    public int opusChannels() {
        return Math.min(2, source.orElseThrow().channels());
    }

    @Override
    public String toString() {
        return switch (action) {
            case NONE -> "none (" + reason + ")";
            case COPY -> source.orElseThrow() + " copied (" + reason + ")";
            case TRANSCODE -> source.orElseThrow() + " -> opus " + OPUS_SAMPLE_RATE + " Hz "
                    + AudioInfo.channelsName(opusChannels()) + " (" + reason + ")";
        };
    }
}
