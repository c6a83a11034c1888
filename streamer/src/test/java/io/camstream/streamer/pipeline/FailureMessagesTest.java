package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camstream.streamer.StreamFailure;
import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.FfmpegLogBridge;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.source.SourceLocation;
import io.camstream.streamer.source.SourceLostException;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.Sessions;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A source or server that cannot be reached gives a clear, typed error naming it, and never its password. */
class FailureMessagesTest {

    private static final String SECRET = "Planted-Secret-7781";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
        ((Logger) LoggerFactory.getLogger("ffmpeg")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("ffmpeg")).setLevel(ch.qos.logback.classic.Level.WARN);
        assertThat(allLogText()).doesNotContain(SECRET);
    }

    @Test
    void unreachableRtspSourceNamesItWithThePasswordMasked() {
        int port = RtspRelay.freePort();
        String url = "rtsp://admin:" + SECRET + "@127.0.0.1:" + port + "/cam";

        assertThatThrownBy(() -> new StreamSession(config(url, Optional.empty(), "rtsp://127.0.0.1:1/x"), SessionListener.NONE).run())
                .isInstanceOf(SourceLostException.class)
                .hasMessageContaining("rtsp://admin:***@127.0.0.1:" + port + "/cam")
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(((StreamFailure) e).retryable()).isTrue());
    }

    @Test
    void injectedSourceCredentialsNeverShow() {
        int port = RtspRelay.freePort();
        SessionConfig config = config("rtsp://127.0.0.1:" + port + "/cam", Credentials.of("viewer", SECRET),
                "rtsp://127.0.0.1:1/x");

        assertThatThrownBy(() -> new StreamSession(config, SessionListener.NONE).run())
                .isInstanceOf(SourceLostException.class)
                .hasMessageContaining("127.0.0.1:" + port + "/cam")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> new StreamSession(config("/nonexistent/lobby.mp4", Optional.empty(), "rtsp://127.0.0.1:1/x"),
                SessionListener.NONE).run())
                .isInstanceOf(SourceLostException.class)
                .hasMessageContaining("/nonexistent/lobby.mp4")
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void unreachablePublishUrlIsNamedWithThePasswordMasked() {
        int port = RtspRelay.freePort();
        String publish = "rtsp://publisher:" + SECRET + "@127.0.0.1:" + port + "/lobby";

        assertThatThrownBy(() -> new StreamSession(config("testpattern:160x120@10", Optional.empty(), publish),
                SessionListener.NONE).run())
                .isInstanceOf(PublishLostException.class)
                .hasMessageContaining("Cannot publish to rtsp://publisher:***@127.0.0.1:" + port + "/lobby")
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void serverRefusingThePathIsAPublishFailure() {
        try (RtspRelay relay = RtspRelay.start("known")) {
            String publish = relay.publishUrl("unknown");
            SessionConfig config = new SessionConfig(SourceLocation.parse("testpattern:160x120@10"), Optional.empty(),
                    new PublishTarget(publish, Credentials.of("pub", SECRET), RtspTransport.TCP), PipelineMode.AUTO,
                    OutputOverrides.defaults(), RtspTransport.TCP, Redactor.forSecrets(SECRET));

            assertThatThrownBy(() -> new StreamSession(config, SessionListener.NONE).run())
                    .isInstanceOf(PublishLostException.class)
                    .hasMessageContaining("/unknown")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void passthroughOfTheTestPatternIsAConfigurationError() {
        assertThatThrownBy(() -> new StreamSession(Sessions.config("testpattern:160x120@10", "rtsp://127.0.0.1:1/x",
                PipelineMode.PASSTHROUGH), SessionListener.NONE).run())
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("--mode passthrough")
                .satisfies(e -> assertThat(((StreamFailure) e).retryable()).isFalse());
    }

    private static SessionConfig config(String source, Optional<Credentials> sourceCredentials, String publish) {
        Redactor redactor = Redactor.forSecrets(sourceCredentials.map(Credentials::password).orElse(null));
        FfmpegLogBridge.install(redactor);
        return new SessionConfig(SourceLocation.parse(source), sourceCredentials,
                new PublishTarget(publish, Optional.empty(), RtspTransport.TCP), PipelineMode.AUTO,
                OutputOverrides.defaults(), RtspTransport.TCP, redactor);
    }

    private String allLogText() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }
}
