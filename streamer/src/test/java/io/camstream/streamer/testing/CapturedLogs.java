package io.camstream.streamer.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the JVM while open (io.camstream and FFmpeg at DEBUG), as formatted text. */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger camstream = (Logger) LoggerFactory.getLogger("io.camstream");
    private final Logger ffmpeg = (Logger) LoggerFactory.getLogger("ffmpeg");
    private final Level camstreamLevel = camstream.getLevel();
    private final Level ffmpegLevel = ffmpeg.getLevel();

    public CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        camstream.setLevel(Level.DEBUG);
        ffmpeg.setLevel(Level.DEBUG);
    }

    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                    + event.getFormattedMessage() + " " + event.getMDCPropertyMap());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    public long count(String loggerSuffix, String messagePart) {
        return List.copyOf(appender.list).stream()
                .filter(e -> e.getLoggerName().endsWith(loggerSuffix) && e.getFormattedMessage().contains(messagePart))
                .count();
    }

    /** Events at {@code level} or above. */
    public long countAtLeast(Level level, String loggerSuffix, String messagePart) {
        return List.copyOf(appender.list).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(level))
                .filter(e -> e.getLoggerName().endsWith(loggerSuffix) && e.getFormattedMessage().contains(messagePart))
                .count();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        camstream.setLevel(camstreamLevel);
        ffmpeg.setLevel(ffmpegLevel);
    }
}
