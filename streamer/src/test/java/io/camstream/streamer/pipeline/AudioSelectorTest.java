package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;

import io.camstream.streamer.source.AudioInfo;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AudioSelectorTest {

    static final AudioInfo AAC = new AudioInfo("aac", AV_CODEC_ID_AAC, 44100, 2);
    static final AudioInfo PCMA = new AudioInfo("pcm_alaw", AV_CODEC_ID_PCM_ALAW, 8000, 1);
    static final AudioInfo PCMU = new AudioInfo("pcm_mulaw", AV_CODEC_ID_PCM_MULAW, 8000, 1);
    static final AudioInfo OPUS = new AudioInfo("opus", AV_CODEC_ID_OPUS, 48000, 2);
    static final AudioInfo OPUS_51 = new AudioInfo("opus", AV_CODEC_ID_OPUS, 48000, 6);
    static final AudioInfo MP3 = new AudioInfo("mp3", AV_CODEC_ID_MP3, 44100, 2);
    static final AudioInfo PCM = new AudioInfo("pcm_s16le", AV_CODEC_ID_PCM_S16LE, 48000, 1);

    private static AudioDecision select(AudioMode mode, AudioInfo audio, String format) throws Exception {
        return AudioSelector.select(mode, Optional.ofNullable(audio), format);
    }

    @Test
    void autoCopiesWhatBrowsersPlayOverWebRtc() throws Exception {
        assertThat(select(AudioMode.AUTO, OPUS, "rtsp"))
                .isEqualTo(new AudioDecision(AudioAction.COPY, Optional.of(OPUS), "Opus plays in WebRTC and LL-HLS"));
        assertThat(select(AudioMode.AUTO, PCMA, "rtsp")).isEqualTo(new AudioDecision(AudioAction.COPY,
                Optional.of(PCMA), "G.711 plays in WebRTC; LL-HLS plays no G.711 (--audio opus for both)"));
        assertThat(select(AudioMode.AUTO, PCMU, "rtsp").action()).isEqualTo(AudioAction.COPY);
        assertThat(select(AudioMode.AUTO, PCMU, "flv").action()).isEqualTo(AudioAction.COPY);
        assertThat(select(AudioMode.AUTO, OPUS, "mpegts").action()).isEqualTo(AudioAction.COPY);
    }

    @Test
    void autoMakesOpusOfEverythingElseAndSaysWhy() throws Exception {
        assertThat(select(AudioMode.AUTO, AAC, "rtsp"))
                .isEqualTo(new AudioDecision(AudioAction.TRANSCODE, Optional.of(AAC), "WebRTC cannot play AAC"));
        assertThat(select(AudioMode.AUTO, MP3, "rtsp").reason()).isEqualTo("browsers cannot play mp3");
        assertThat(select(AudioMode.AUTO, PCM, "rtsp").reason()).isEqualTo("browsers cannot play pcm_s16le");
        assertThat(select(AudioMode.AUTO, OPUS_51, "rtsp"))
                .isEqualTo(new AudioDecision(AudioAction.TRANSCODE, Optional.of(OPUS_51),
                        "browsers play Opus in one or two channels"));
        assertThat(select(AudioMode.AUTO, new AudioInfo("opus", AV_CODEC_ID_OPUS, 48000, 1), "rtsp").action())
                .isEqualTo(AudioAction.COPY);
        assertThat(select(AudioMode.AUTO, new AudioInfo("opus", AV_CODEC_ID_OPUS, 48000, 3), "rtsp").action())
                .isEqualTo(AudioAction.TRANSCODE);
    }

    @Test
    void autoMakesOpusOfG711ThatWebRtcCannotPlayOrTheOutputCannotCarry() throws Exception {
        AudioInfo wideband = new AudioInfo("pcm_alaw", AV_CODEC_ID_PCM_ALAW, 16000, 1);
        AudioInfo stereo = new AudioInfo("pcm_mulaw", AV_CODEC_ID_PCM_MULAW, 8000, 2);
        assertThat(select(AudioMode.AUTO, wideband, "rtsp")).isEqualTo(new AudioDecision(AudioAction.TRANSCODE,
                Optional.of(wideband), "WebRTC plays G.711 at 8000 Hz mono only"));
        assertThat(select(AudioMode.AUTO, stereo, "rtsp").action()).isEqualTo(AudioAction.TRANSCODE);
        assertThat(select(AudioMode.AUTO, PCMA, "mpegts")).isEqualTo(new AudioDecision(AudioAction.TRANSCODE,
                Optional.of(PCMA), "SRT (MPEG-TS) carries Opus, AAC, MP2/MP3 and AC-3"));
    }

    @Test
    void copyCopiesWhatTheOutputCarries() throws Exception {
        assertThat(select(AudioMode.COPY, AAC, "rtsp"))
                .isEqualTo(new AudioDecision(AudioAction.COPY, Optional.of(AAC), "--audio copy"));
        assertThat(select(AudioMode.COPY, MP3, "mpegts").action()).isEqualTo(AudioAction.COPY);
        assertThat(select(AudioMode.COPY, OPUS_51, "rtsp").action()).isEqualTo(AudioAction.COPY);
    }

    @Test
    void copyOfWhatTheOutputCannotCarryIsAConfigurationError() {
        assertThatThrownBy(() -> select(AudioMode.COPY, PCM, "rtsp")).isInstanceOf(InvalidPipelineException.class)
                .hasMessage("--audio copy cannot publish pcm_s16le: RTSP carries Opus, AAC, MP2/MP3, G.711, G.722,"
                        + " G.726 and 16-bit big-endian PCM; use --audio auto or opus");
        assertThatThrownBy(() -> select(AudioMode.COPY, PCMA, "mpegts")).hasMessageContaining("SRT (MPEG-TS) carries");
        assertThatThrownBy(() -> select(AudioMode.COPY, AAC, "webm"))
                .hasMessageContaining("webm carries no audio this streamer knows");
    }

    @Test
    void adtsAacCannotBeCopiedToRtspButIsMadeOpus() throws Exception {
        AudioInfo adts = new AudioInfo("aac", AV_CODEC_ID_AAC, 48000, 2, false);
        assertThatThrownBy(() -> select(AudioMode.COPY, adts, "rtsp")).isInstanceOf(InvalidPipelineException.class)
                .hasMessage("--audio copy cannot publish this AAC over RTSP: it carries its configuration in every"
                        + " packet (ADTS, as from MPEG-TS), RTP needs it announced; use --audio auto or opus");
        assertThat(select(AudioMode.COPY, adts, "mpegts").action()).as("MPEG-TS carries ADTS").isEqualTo(AudioAction.COPY);
        assertThat(select(AudioMode.COPY, adts, "flv").action()).as("FLV's muxer converts it")
                .isEqualTo(AudioAction.COPY);
        assertThat(select(AudioMode.AUTO, adts, "rtsp").action()).isEqualTo(AudioAction.TRANSCODE);
        assertThat(select(AudioMode.COPY, new AudioInfo("mp3", AV_CODEC_ID_MP3, 44100, 2, false), "rtsp").action())
                .as("only AAC has the problem").isEqualTo(AudioAction.COPY);
        assertThat(AAC.globalConfig()).isTrue();
    }

    @Test
    void opusMakesOpusOfEverythingButOpus() throws Exception {
        assertThat(select(AudioMode.OPUS, OPUS, "rtsp")).isEqualTo(new AudioDecision(AudioAction.COPY,
                Optional.of(OPUS), "--audio opus, and the source's audio is Opus already"));
        assertThat(select(AudioMode.OPUS, PCMA, "rtsp"))
                .isEqualTo(new AudioDecision(AudioAction.TRANSCODE, Optional.of(PCMA), "--audio opus"));
        assertThat(select(AudioMode.OPUS, AAC, "rtsp").action()).isEqualTo(AudioAction.TRANSCODE);
        assertThat(select(AudioMode.OPUS, OPUS_51, "rtsp").action()).isEqualTo(AudioAction.TRANSCODE);
        assertThat(select(AudioMode.OPUS, OPUS, "webm").action()).isEqualTo(AudioAction.TRANSCODE);
    }

    @Test
    void offPublishesNoSoundWhateverTheSourceHas() throws Exception {
        assertThat(select(AudioMode.OFF, AAC, "rtsp"))
                .isEqualTo(new AudioDecision(AudioAction.NONE, Optional.of(AAC), "--audio off"));
        assertThat(select(AudioMode.OFF, null, "rtsp"))
                .isEqualTo(new AudioDecision(AudioAction.NONE, Optional.empty(), "--audio off"));
    }

    @ParameterizedTest
    @EnumSource(value = AudioMode.class, names = {"AUTO", "COPY", "OPUS"})
    void aSourceWithoutAudioIsFineAndSaysSo(AudioMode mode) throws Exception {
        AudioDecision none = select(mode, null, "rtsp");
        assertThat(none).isEqualTo(new AudioDecision(AudioAction.NONE, Optional.empty(), "the source has no audio"));
        assertThat(none).hasToString("none (the source has no audio)");
        assertThat(none.sourceCodec()).isEqualTo("none");
        assertThat(none.outputCodec()).isEqualTo("none");
    }

    @Test
    void decisionsNameWhatWasFoundAndWhatReadersGet() throws Exception {
        AudioDecision copied = select(AudioMode.AUTO, PCMU, "rtsp");
        assertThat(copied).hasToString("pcm_mulaw 8000 Hz mono copied (G.711 plays in WebRTC; LL-HLS plays no G.711"
                + " (--audio opus for both))");
        assertThat(copied.sourceCodec()).isEqualTo("pcm_mulaw");
        assertThat(copied.outputCodec()).isEqualTo("pcm_mulaw");

        AudioDecision transcoded = select(AudioMode.AUTO, AAC, "rtsp");
        assertThat(transcoded).hasToString("aac 44100 Hz stereo -> opus 48000 Hz stereo (WebRTC cannot play AAC)");
        assertThat(transcoded.sourceCodec()).isEqualTo("aac");
        assertThat(transcoded.outputCodec()).isEqualTo("opus");
        assertThat(transcoded.opusChannels()).isEqualTo(2);
        assertThat(select(AudioMode.AUTO, OPUS_51, "rtsp")).hasToString(
                "opus 48000 Hz 6 channels -> opus 48000 Hz stereo (browsers play Opus in one or two channels)");
        assertThat(select(AudioMode.OPUS, PCMA, "rtsp").opusChannels()).isEqualTo(1);
        assertThat(select(AudioMode.OFF, AAC, "rtsp")).hasToString("none (--audio off)");
    }

    @Test
    void onlyASourceWithAudioCanHaveItCopiedOrTranscoded() {
        assertThatThrownBy(() -> new AudioDecision(AudioAction.COPY, Optional.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudioDecision(AudioAction.TRANSCODE, Optional.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actionsAreMetricLabels() {
        assertThat(AudioAction.NONE.tagValue()).isEqualTo("none");
        assertThat(AudioAction.COPY.tagValue()).isEqualTo("copy");
        assertThat(AudioAction.TRANSCODE.tagValue()).isEqualTo("transcode");
    }

    @Test
    void everyPublishProtocolCarriesOpusAndAac() {
        assertThat(PublishedAudioCodecs.formats()).containsExactlyInAnyOrder("rtsp", "flv", "mpegts");
        for (String format : PublishedAudioCodecs.formats()) {
            assertThat(PublishedAudioCodecs.carries(format, AV_CODEC_ID_OPUS)).as(format).isTrue();
            assertThat(PublishedAudioCodecs.carries(format, AV_CODEC_ID_AAC)).as(format).isTrue();
            assertThat(PublishedAudioCodecs.describe(format)).as(format).contains("Opus");
        }
        assertThat(PublishedAudioCodecs.carries("mpegts", AV_CODEC_ID_PCM_ALAW)).isFalse();
        assertThat(PublishedAudioCodecs.carries("nothing", AV_CODEC_ID_OPUS)).isFalse();
    }
}
