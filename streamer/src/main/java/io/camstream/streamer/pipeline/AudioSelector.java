package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.AudioInfo;
import java.util.Optional;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;

/**
 * Chooses what a session does with the source's audio; pure, so every rule is unit-tested. Browsers play Opus and
 * G.711 over WebRTC, AAC and Opus over LL-HLS; so {@code auto} copies Opus and G.711 and makes Opus of anything
 * else, and {@code opus} makes Opus of G.711 too, for LL-HLS viewers.
 */
public final class AudioSelector {

    /** G.711 as WebRTC (RFC 3551's static payload types) carries it; MediaMTX turns other rates into L16. */
    private static final int G711_RATE = 8000;

    private AudioSelector() {
    }

    /**
     * @param audio        the source's audio track, empty when it has none (or {@code --audio off} kept it closed)
     * @param outputFormat the publisher's FFmpeg muxer ({@link PublishTarget#formatName()})
     * @throws InvalidPipelineException when {@code --audio copy} is asked for a codec the output cannot carry
     */
    public static AudioDecision select(AudioMode mode, Optional<AudioInfo> audio, String outputFormat)
            throws InvalidPipelineException {
        if (mode == AudioMode.OFF) {
            return none(audio, "--audio off");
        }
        if (audio.isEmpty()) {
            return none(audio, "the source has no audio");
        }
        AudioInfo source = audio.get();
        boolean carried = PublishedAudioCodecs.carries(outputFormat, source.codecId());
        return switch (mode) {
            case COPY -> {
                if (!carried) {
                    throw new InvalidPipelineException("--audio copy cannot publish " + source.codecName() + ": "
                            + PublishedAudioCodecs.describe(outputFormat) + "; use --audio auto or opus");
                }
                if (source.codecId() == AV_CODEC_ID_AAC && !source.globalConfig() && "rtsp".equals(outputFormat)) {
                    throw new InvalidPipelineException("--audio copy cannot publish this AAC over RTSP: it carries its"
                            + " configuration in every packet (ADTS, as from MPEG-TS), RTP needs it announced; use"
                            + " --audio auto or opus");
                }
                yield copy(source, "--audio copy");
            }
            case OPUS -> isBrowserOpus(source) && carried
                    ? copy(source, "--audio opus, and the source's audio is Opus already")
                    : transcode(source, "--audio opus");
            default -> auto(source, carried, outputFormat);
        };
    }

    private static AudioDecision auto(AudioInfo source, boolean carried, String outputFormat) {
        if (isBrowserOpus(source) && carried) {
            return copy(source, "Opus plays in WebRTC and LL-HLS");
        }
        if (isG711(source)) {
            if (!carried) {
                return transcode(source, PublishedAudioCodecs.describe(outputFormat));
            }
            if (source.sampleRate() == G711_RATE && source.channels() == 1) {
                return copy(source, "G.711 plays in WebRTC; LL-HLS plays no G.711 (--audio opus for both)");
            }
            return transcode(source, "WebRTC plays G.711 at 8000 Hz mono only");
        }
        if (source.codecId() == AV_CODEC_ID_OPUS) {
            return transcode(source, "browsers play Opus in one or two channels");
        }
        if (source.codecId() == AV_CODEC_ID_AAC) {
            return transcode(source, "WebRTC cannot play AAC");
        }
        return transcode(source, "browsers cannot play " + source.codecName());
    }

    private static boolean isBrowserOpus(AudioInfo source) {
        return source.codecId() == AV_CODEC_ID_OPUS && source.channels() <= 2;
    }

    private static boolean isG711(AudioInfo source) {
        return source.codecId() == AV_CODEC_ID_PCM_ALAW || source.codecId() == AV_CODEC_ID_PCM_MULAW;
    }

    private static AudioDecision none(Optional<AudioInfo> audio, String why) {
        return new AudioDecision(AudioAction.NONE, audio, why);
    }

    private static AudioDecision copy(AudioInfo source, String why) {
        return new AudioDecision(AudioAction.COPY, Optional.of(source), why);
    }

    private static AudioDecision transcode(AudioInfo source, String why) {
        return new AudioDecision(AudioAction.TRANSCODE, Optional.of(source), why);
    }
}
