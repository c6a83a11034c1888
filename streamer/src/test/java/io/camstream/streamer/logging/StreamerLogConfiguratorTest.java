package io.camstream.streamer.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StreamerLogConfiguratorTest {

    @Test
    void isTheConfigurationLogbackFindsAndLogsOneLinePerEventWithTheCamera() {
        assertThat(ServiceLoader.load(Configurator.class)).anyMatch(c -> c instanceof StreamerLogConfigurator);
        // The streamer's own context (this test JVM has no other logging configuration).
        LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(running.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNotNull();

        LoggerContext context = new LoggerContext();
        assertThat(new StreamerLogConfigurator().configure(context))
                .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("ffmpeg").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.camstream.streamer.Foo").getEffectiveLevel()).isEqualTo(Level.INFO);

        ConsoleAppender<?> stdout = (ConsoleAppender<?>) root.getAppender("STDOUT");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) stdout.getEncoder();
        Logger logger = context.getLogger("io.camstream.streamer.pipeline.StreamSession");
        LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "First frame published", null, null);
        event.setTimeStamp(0);
        event.setMDCPropertyMap(Map.of("camera", "lobby"));
        assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8))
                .isEqualTo("1970-01-01T00:00:00.000Z INFO  [lobby] i.c.s.p.StreamSession - First frame published"
                        + System.lineSeparator());
        LoggingEvent noCamera = new LoggingEvent("x", logger, Level.WARN, "no camera", null, null);
        noCamera.setTimeStamp(0);
        noCamera.setMDCPropertyMap(Map.of());
        assertThat(new String(encoder.encode(noCamera), StandardCharsets.UTF_8))
                .isEqualTo("1970-01-01T00:00:00.000Z WARN  i.c.s.p.StreamSession - no camera" + System.lineSeparator());
    }

    @Test
    void theLevelComesFromCamstreamLogLevel() {
        assertThat(StreamerLogConfigurator.level(null)).isEqualTo(Level.INFO);
        assertThat(StreamerLogConfigurator.level(" ")).isEqualTo(Level.INFO);
        assertThat(StreamerLogConfigurator.level("debug")).isEqualTo(Level.DEBUG);
        assertThat(StreamerLogConfigurator.level("nonsense")).isEqualTo(Level.INFO);
    }
}
