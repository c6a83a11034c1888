package io.camstream.streamer.pipeline;

import io.camstream.streamer.resilience.PublishConnectionGuard;
import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The network side of a publisher: the URL FFmpeg opens, through a {@link PublishConnectionGuard} for RTSP over TCP
 * so that a server that stops reading is cut off after the write timeout, and the byte count of what was sent.
 */
final class PublishConnection implements AutoCloseable {

    private final PublishConnectionGuard guard;
    private final String ffmpegUrl;
    private final String redactedUrl;
    private final Redactor redactor;

    private PublishConnection(PublishConnectionGuard guard, String ffmpegUrl, PublishTarget target,
                              Redactor redactor) {
        this.guard = guard;
        this.ffmpegUrl = ffmpegUrl;
        this.redactedUrl = redactor.redact(target.url());
        this.redactor = redactor;
    }

    static PublishConnection open(PublishTarget target, Duration writeTimeout, LongConsumer sentBytes,
                                  Redactor redactor) throws PublishLostException {
        if (!target.guardable()) {
            return new PublishConnection(null, target.openUrl(), target, redactor);
        }
        try {
            PublishConnectionGuard guard = PublishConnectionGuard.open(target.host(), target.port(), writeTimeout,
                    sentBytes);
            return new PublishConnection(guard, target.openUrlVia(guard.localPort()), target, redactor);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new PublishLostException("Cannot publish to " + redactor.redact(target.url()) + ": "
                    + redactor.redact(reason));
        }
    }

    /** What FFmpeg opens; carries credentials, never log it. */
    String ffmpegUrl() {
        return ffmpegUrl;
    }

    /** Whether bytes sent are counted here (else the caller counts what it can). */
    boolean countsBytes() {
        return guard != null;
    }

    /** A failure of FFmpeg's I/O, as a stall when the guard cut the connection. */
    PublishLostException lost(String redactedMessage) {
        boolean stalled = guard != null && guard.tripped();
        return new PublishLostException(stalled
                ? redactedMessage + " (the server stopped reading for longer than the write timeout)"
                : redactedMessage, stalled);
    }

    /** A write to the server failed: the connection is lost, with FFmpeg's reason. */
    PublishLostException lostWriting(Throwable cause) {
        return lost("Lost publish connection to " + redactedUrl + ": " + redactor.redact(FfmpegErrors.causeOf(cause)));
    }

    @Override
    public void close() {
        if (guard != null) {
            guard.close();
        }
    }
}
