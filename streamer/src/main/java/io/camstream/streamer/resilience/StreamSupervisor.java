package io.camstream.streamer.resilience;

import io.camstream.streamer.StreamFailure;
import io.camstream.streamer.health.LoopHeartbeat;
import io.camstream.streamer.metrics.ReconnectCause;
import io.camstream.streamer.metrics.StreamerMetrics;
import io.camstream.streamer.pipeline.AudioDecision;
import io.camstream.streamer.pipeline.ModeDecision;
import io.camstream.streamer.pipeline.PipelineMode;
import io.camstream.streamer.pipeline.PublishLostException;
import io.camstream.streamer.pipeline.SessionConfig;
import io.camstream.streamer.pipeline.SessionListener;
import io.camstream.streamer.pipeline.StreamSession;
import io.camstream.streamer.source.SourceLostException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Keeps the camera published for months: runs one {@link StreamSession} after another (each opens the source and
 * the publisher afresh, so timestamps restart and the first frame is a keyframe) until the process is asked to
 * stop, waiting with {@link Backoff} between attempts.
 *
 * <ul>
 *   <li>source lost (error, end, or no frame within the stall timeout) and server lost (write error, refused
 *       connection, or a write past its deadline) both end the session; the next one rebuilds both sides;</li>
 *   <li>a configuration that cannot work with this source is retried at the longest backoff, not fatal: the pod
 *       stays up (not ready) with the reason in its log instead of crash-looping;</li>
 *   <li>one log line per state change, never per frame; URLs are redacted by the session.</li>
 * </ul>
 */
public final class StreamSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSupervisor.class);
    /** Heartbeat while waiting, well inside any liveness threshold. */
    private static final Duration WAIT_SLICE = Duration.ofMillis(500);

    private final SessionConfig config;
    private final StreamerMetrics metrics;
    private final LoopHeartbeat heartbeat;
    private final Backoff backoff;
    private final GracefulShutdown shutdown;
    private volatile StreamSession current;
    private volatile int attemptsSincePublishing;
    /** The last failure's log text and how often it came in a row; reset when publishing resumes. */
    private volatile String lastFailure;
    private volatile int repeats;

    public StreamSupervisor(SessionConfig config, StreamerMetrics metrics, LoopHeartbeat heartbeat, Backoff backoff,
                            GracefulShutdown shutdown) {
        this.config = config;
        this.metrics = metrics;
        this.heartbeat = heartbeat;
        this.backoff = backoff;
        this.shutdown = shutdown;
        shutdown.onStop(() -> {
            StreamSession session = current;
            if (session != null) {
                session.requestStop();
            }
        });
    }

    /** Streams until a stop is requested; returns once source and publisher are closed. */
    public void run() {
        heartbeat.loopStarted();
        String source = config.redactor().redact(config.source().target());
        String server = config.redactor().redact(config.publish().url());
        try {
            while (!shutdown.isStopRequested()) {
                int attempt = ++attemptsSincePublishing;
                heartbeat.beat();
                LOG.atLevel(quiet()).log("Connecting: source {}, server {}{}", source, server,
                        attempt > 1 ? " (attempt " + attempt + ")" : "");
                StreamSession session = new StreamSession(config, new Listener());
                current = session;
                if (shutdown.isStopRequested()) {
                    break;
                }
                Duration delay;
                try {
                    session.run();
                    if (shutdown.isStopRequested()) {
                        break;
                    }
                    // Sessions only end on their own by failing; never let an early return stop the streamer.
                    throw new SourceLostException("The session ended without an error");
                } catch (StreamFailure failure) {
                    if (shutdown.isStopRequested()) {
                        break;
                    }
                    delay = onFailure(failure);
                } catch (RuntimeException | LinkageError e) {
                    // A bug or a native surprise: keep the pod alive and retrying, but say what it was.
                    LOG.error("Session failed unexpectedly: {}", config.redactor().redact(String.valueOf(e)));
                    metrics.reconnect(ReconnectCause.SOURCE);
                    delay = backoff.nextDelay();
                }
                LOG.atLevel(quiet()).log("Backing off {} s",
                        String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0));
                if (waitUnlessStopped(delay)) {
                    break;
                }
            }
        } finally {
            current = null;
            LOG.info("Stopped publishing");
            heartbeat.loopFinished();
            shutdown.loopFinished();
        }
    }

    private Duration onFailure(StreamFailure failure) {
        ReconnectCause cause = failure.stalled() ? ReconnectCause.STALL
                : failure instanceof SourceLostException ? ReconnectCause.SOURCE
                : failure instanceof PublishLostException ? ReconnectCause.SERVER
                : null;
        if (cause == null) {
            LOG.error("Cannot stream with this configuration (retrying every {} s): {}",
                    backoff.max().toSeconds(), failure.getMessage());
            backoff.nextDelay();
            return backoff.max();
        }
        metrics.reconnect(cause);
        String side = failure instanceof SourceLostException ? "source" : "server";
        String message = "Lost " + side + (failure.stalled() ? " (stalled)" : "") + ": " + failure.getMessage();
        if (message.equals(lastFailure)) {
            // The same failure again (a long outage): not a state change, so keep it out of the default log
            // except for a reminder every tenth time.
            repeats++;
            if (repeats % 10 == 0) {
                LOG.warn("{} ({} times in a row)", message, repeats);
            } else {
                LOG.debug("{} (again)", message);
            }
        } else {
            lastFailure = message;
            repeats = 1;
            LOG.warn(message);
        }
        return backoff.nextDelay();
    }

    /** DEBUG while the same failure repeats, INFO otherwise. */
    private Level quiet() {
        return repeats > 1 ? Level.DEBUG : Level.INFO;
    }

    /** Waits in slices, beating the heartbeat; true if a stop was requested meanwhile. */
    private boolean waitUnlessStopped(Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        try {
            while (true) {
                heartbeat.beat();
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return shutdown.isStopRequested();
                }
                if (shutdown.sleepUnlessStopped(Duration.ofNanos(Math.min(left, WAIT_SLICE.toNanos())))) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private final class Listener implements SessionListener {
        @Override
        public void publishing(ModeDecision decision) {
            metrics.mode(decision.mode() == PipelineMode.PASSTHROUGH
                    ? StreamerMetrics.MODE_PASSTHROUGH : StreamerMetrics.MODE_TRANSCODE);
            backoff.onHealthy();
            attemptsSincePublishing = 0;
            lastFailure = null;
            repeats = 0;
            heartbeat.beat();
        }

        @Override
        public void audio(AudioDecision decision) {
            metrics.audio(decision.sourceCodec(), decision.outputCodec(), decision.action().tagValue());
        }

        @Override
        public void audioPublished(int packets) {
            metrics.audioPublished(packets);
        }

        @Override
        public void soundDropped() {
            metrics.audioDropped();
        }

        @Override
        public void frameGrabbed() {
            metrics.frameGrabbed();
        }

        @Override
        public void frameDropped() {
            metrics.frameDropped();
        }

        @Override
        public void writeTimed(long nanos) {
            metrics.writeTimed(nanos);
        }

        @Override
        public void framePublished() {
            metrics.framePublished();
            heartbeat.beat();
        }

        @Override
        public void bytesSent(long bytes) {
            metrics.bytesSent(bytes);
        }
    }
}
