package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InputOptionsTest {

    @Test
    void rtspGetsASocketTimeoutInMicrosecondsAndTheTransport() {
        Map<String, String> options = InputOptions.forSource(SourceKind.RTSP, RtspTransport.UDP);
        assertThat(options).containsEntry("timeout", "5000000").containsEntry("rtsp_transport", "udp")
                .doesNotContainKey("stimeout");
    }

    @Test
    void rtspSetsUpOnlyWhatIsPublished() {
        assertThat(InputOptions.forSource(SourceKind.RTSP, RtspTransport.TCP)).containsEntry("allowed_media_types", "video");
        assertThat(InputOptions.forSource(SourceKind.RTSP, RtspTransport.TCP, InputOptions.SOCKET_TIMEOUT, false))
                .containsEntry("allowed_media_types", "video");
        assertThat(InputOptions.forSource(SourceKind.RTSP, RtspTransport.TCP, InputOptions.SOCKET_TIMEOUT, true))
                .containsEntry("allowed_media_types", "video+audio");
        assertThat(InputOptions.forSource(SourceKind.FILE, RtspTransport.TCP)).doesNotContainKey("allowed_media_types");
        assertThat(InputOptions.forSource(SourceKind.FILE, RtspTransport.TCP, InputOptions.SOCKET_TIMEOUT, true))
                .doesNotContainKey("allowed_media_types");
    }

    @Test
    void rtmpUsesRwTimeoutBecauseItsTimeoutMeansListen() {
        assertThat(InputOptions.forSource(SourceKind.RTMP, RtspTransport.TCP)).containsEntry("rw_timeout", "5000000")
                .doesNotContainKey("timeout");
    }

    @Test
    void probingIsSmallButNotZero() {
        for (SourceKind kind : new SourceKind[] {SourceKind.RTSP, SourceKind.HTTP, SourceKind.FILE, SourceKind.V4L2}) {
            Map<String, String> options = InputOptions.forSource(kind, RtspTransport.TCP);
            assertThat(Long.parseLong(options.get("probesize"))).isBetween(32L, 1_000_000L);
            assertThat(Long.parseLong(options.get("analyzeduration"))).isBetween(1L, 1_000_000L);
        }
    }

    @Test
    void theTestPatternIsNotProbedAndLocalSourcesAreBuffered() {
        assertThat(InputOptions.forSource(SourceKind.TESTPATTERN, RtspTransport.TCP)).isEmpty();
        assertThat(InputOptions.forSource(SourceKind.FILE, RtspTransport.TCP)).containsKey("probesize")
                .doesNotContainKey("fflags");
        assertThat(InputOptions.forSource(SourceKind.SRT, RtspTransport.TCP)).containsEntry("fflags", "nobuffer");
    }

    @Test
    void decoderUsesOneThread() {
        assertThat(InputOptions.forDecoder()).containsEntry("threads", "1");
    }
}
