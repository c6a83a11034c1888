package io.camstream.streamer.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AC3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_ADPCM_G722;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_ADPCM_G726;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP2;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16BE;

/**
 * The audio codecs each way of publishing carries to MediaMTX: those FFmpeg's muxer writes <em>and</em> MediaMTX
 * v1.20.1 takes from a publisher over that protocol (its "supported codecs" tables). A codec outside the set would
 * either fail in FFmpeg's muxer or be dropped by the server, so {@code --audio copy} refuses it up front.
 */
final class PublishedAudioCodecs {

    /** By FFmpeg muxer name, as {@link PublishTarget#formatName()} gives it. */
    private static final Map<String, Set<Integer>> CARRIED = Map.of(
            // RTP: Opus, MPEG-4 Audio, MPEG-1/2 Audio, G.711, G.722, G.726, LPCM (L16 is big-endian).
            "rtsp", Set.of(AV_CODEC_ID_OPUS, AV_CODEC_ID_AAC, AV_CODEC_ID_MP2, AV_CODEC_ID_MP3, AV_CODEC_ID_PCM_ALAW,
                    AV_CODEC_ID_PCM_MULAW, AV_CODEC_ID_ADPCM_G722, AV_CODEC_ID_ADPCM_G726, AV_CODEC_ID_PCM_S16BE),
            // (Enhanced) FLV over RTMP.
            "flv", Set.of(AV_CODEC_ID_OPUS, AV_CODEC_ID_AAC, AV_CODEC_ID_MP3, AV_CODEC_ID_PCM_ALAW,
                    AV_CODEC_ID_PCM_MULAW),
            // MPEG-TS over SRT: no G.711.
            "mpegts", Set.of(AV_CODEC_ID_OPUS, AV_CODEC_ID_AAC, AV_CODEC_ID_MP2, AV_CODEC_ID_MP3, AV_CODEC_ID_AC3));

    private static final Map<String, String> NAMES = Map.of(
            "rtsp", "RTSP carries Opus, AAC, MP2/MP3, G.711, G.722, G.726 and 16-bit big-endian PCM",
            "flv", "RTMP carries Opus, AAC, MP3 and G.711",
            "mpegts", "SRT (MPEG-TS) carries Opus, AAC, MP2/MP3 and AC-3");

    private PublishedAudioCodecs() {
    }

    static boolean carries(String formatName, int codecId) {
        return CARRIED.getOrDefault(formatName, Set.of()).contains(codecId);
    }

    /** A sentence naming what {@code formatName} carries, for error messages. */
    static String describe(String formatName) {
        return NAMES.getOrDefault(formatName, formatName + " carries no audio this streamer knows");
    }

    /** The muxers known here, for tests. */
    static List<String> formats() {
        return List.copyOf(CARRIED.keySet());
    }
}
