package io.camstream.streamer.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The streamer's logging, set up in code rather than from a logback.xml: parsing and interpreting the XML cost
 * ~0.2 s of CPU at every start (docs/benchmarks.md, start-up). One line per event on stdout, as Kubernetes expects;
 * {@code io.camstream} at {@code CAMSTREAM_LOG_LEVEL} (default INFO), FFmpeg's own lines (logger {@code ffmpeg}) and
 * everything else at WARN. A {@code -Dlogback.configurationFile} still takes over.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StreamerLogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %replace([%X{camera}] ){'\\[\\] ', ''}%logger{20} - %msg%n";
    static final String LEVEL_VARIABLE = "CAMSTREAM_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stdout);
        context.getLogger("io.camstream").setLevel(level(System.getProperty(LEVEL_VARIABLE,
                System.getenv(LEVEL_VARIABLE))));
        context.getLogger("ffmpeg").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static Level level(String configured) {
        return configured == null || configured.isBlank() ? Level.INFO : Level.toLevel(configured.trim(), Level.INFO);
    }
}
