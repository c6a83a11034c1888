package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.streamer.testpattern.TestPatternSpec;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SourceLocationTest {

    @ParameterizedTest
    @CsvSource({
        "rtsp://cam/s, RTSP", "rtsps://cam/s, RTSP", "rtmp://cam/live/s, RTMP", "http://cam/mjpg, HTTP",
        "https://cam/hls/index.m3u8, HTTP", "srt://cam:9000, SRT", "/videos/a.mp4, FILE", "file:///videos/a.mp4, FILE",
        "relative.mkv, FILE", "/dev/video0, V4L2", "/dev/video12, V4L2", "testpattern, TESTPATTERN",
        "testpattern:640x360@15, TESTPATTERN"})
    void recognisesEverySourceKind(String raw, SourceKind kind) {
        assertThat(SourceLocation.parse(raw).kind()).isEqualTo(kind);
    }

    @Test
    void v4l2UsesTheVideo4Linux2Demuxer() {
        assertThat(SourceLocation.parse("/dev/video0").formatName()).isEqualTo("video4linux2");
        assertThat(SourceLocation.parse("rtsp://cam/s").formatName()).isNull();
    }

    @Test
    void fileUrlBecomesAPath() {
        assertThat(SourceLocation.parse("file:///videos/a.mp4").target()).isEqualTo("/videos/a.mp4");
    }

    @Test
    void testPatternGeometry() {
        assertThat(SourceLocation.parse("testpattern").testPattern()).contains(TestPatternSpec.DEFAULT);
        assertThat(SourceLocation.parse("testpattern:640x360@15").testPattern()).contains(new TestPatternSpec(640, 360, 15));
        assertThat(SourceLocation.parse("testpattern:640x360").testPattern()).contains(new TestPatternSpec(640, 360, 30));
        assertThat(SourceLocation.parse("testpattern:640x360@15+tone").testPattern())
                .contains(new TestPatternSpec(640, 360, 15, true));
        assertThat(SourceLocation.parse("testpattern+tone").testPattern())
                .contains(TestPatternSpec.DEFAULT.withTone(true));
        assertThat(SourceLocation.parse("TestPattern+tone").kind()).isEqualTo(SourceKind.TESTPATTERN);
        assertThatThrownBy(() -> SourceLocation.parse("testpattern+loud")).hasMessageContaining("+tone");
        assertThatThrownBy(() -> SourceLocation.parse("testpattern:641x360")).hasMessageContaining("even");
        assertThatThrownBy(() -> SourceLocation.parse("testpattern:640x360@0")).hasMessageContaining("fps");
    }

    @Test
    void rejectsUnknownSchemesAndHostlessUrlsWithoutLeakingPasswords() {
        assertThatThrownBy(() -> SourceLocation.parse("ftp://u:pw@cam/x")).hasMessageContaining("ftp")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> SourceLocation.parse("rtsp://u:topsecret@/x")).hasMessageContaining("no host")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> SourceLocation.parse(" ")).hasMessageContaining("no source");
    }

    @Test
    void injectsCredentialsOnlyIntoNetworkSources() {
        SourceLocation rtsp = SourceLocation.parse("rtsp://cam:554/s");
        assertThat(rtsp.openTarget(Credentials.of("u", "p"))).isEqualTo("rtsp://u:p@cam:554/s");
        assertThat(rtsp.openTarget(Optional.empty())).isEqualTo("rtsp://cam:554/s");
        assertThat(SourceLocation.parse("/dev/video0").openTarget(Optional.empty())).isEqualTo("/dev/video0");
        assertThatThrownBy(() -> SourceLocation.parse("/dev/video0").openTarget(Credentials.of("u", "p")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
