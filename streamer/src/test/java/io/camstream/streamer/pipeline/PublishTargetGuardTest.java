package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.RtspTransport;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishTargetGuardTest {

    private static PublishTarget target(String url, RtspTransport transport) {
        return new PublishTarget(url, Optional.empty(), transport);
    }

    @Test
    void onlyPlainRtspOverTcpGoesThroughTheGuard() {
        assertThat(target("rtsp://m:8554/x", RtspTransport.TCP).guardable()).isTrue();
        assertThat(target("rtsp://m:8554/x", RtspTransport.UDP).guardable()).isFalse();
        assertThat(target("rtsps://m:8322/x", RtspTransport.TCP).guardable()).isFalse();
        assertThat(target("rtmp://m/live/x", RtspTransport.TCP).guardable()).isFalse();
    }

    @Test
    void hostAndPortIncludingDefaultsAndIpv6() {
        PublishTarget named = target("rtsp://pub:pw@site-mediamtx:8554/lobby", RtspTransport.TCP);
        assertThat(named.host()).isEqualTo("site-mediamtx");
        assertThat(named.port()).isEqualTo(8554);
        assertThat(target("rtsp://cam/x", RtspTransport.TCP).port()).isEqualTo(554);
        PublishTarget v6 = target("rtsp://[fd00::1]:8554/x", RtspTransport.TCP);
        assertThat(v6.host()).isEqualTo("fd00::1");
        assertThat(v6.port()).isEqualTo(8554);
        assertThat(target("rtsp://[fd00::1]/x", RtspTransport.TCP).port()).isEqualTo(554);
    }

    @Test
    void loopbackUrlKeepsCredentialsPathAndQuery() {
        PublishTarget withCredentials = new PublishTarget("rtsp://site-mediamtx:8554/lobby?x=1",
                Credentials.of("pub", "p@ss"), RtspTransport.TCP);
        assertThat(withCredentials.openUrlVia(40000)).isEqualTo("rtsp://pub:p%40ss@127.0.0.1:40000/lobby?x=1");
        assertThat(target("rtsp://m:8554/a/b", RtspTransport.TCP).openUrlVia(1234))
                .isEqualTo("rtsp://127.0.0.1:1234/a/b");
    }

    @Test
    void outputOptionsAlwaysCarryASocketTimeout() {
        assertThat(target("rtsp://m:8554/x", RtspTransport.TCP).options(Duration.ofMillis(1500)))
                .containsEntry("timeout", "1500000").containsEntry("rtsp_transport", "tcp");
        assertThat(target("rtmp://m/live/x", RtspTransport.TCP).options(Duration.ofSeconds(3)))
                .containsEntry("rw_timeout", "3000000").doesNotContainKey("timeout");
    }
}
