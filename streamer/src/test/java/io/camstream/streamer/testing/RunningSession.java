package io.camstream.streamer.testing;

import io.camstream.streamer.StreamFailure;
import io.camstream.streamer.pipeline.AudioDecision;
import io.camstream.streamer.pipeline.ModeDecision;
import io.camstream.streamer.pipeline.SessionConfig;
import io.camstream.streamer.pipeline.SessionListener;
import io.camstream.streamer.pipeline.StreamSession;
import io.camstream.streamer.source.SourceInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link StreamSession} running on its own thread in a test; {@link #close()} stops it and waits. */
public final class RunningSession implements AutoCloseable {

    private final StreamSession session;
    private final Thread thread;
    private final CompletableFuture<StreamFailure> outcome = new CompletableFuture<>();
    private final CountDownLatch publishing = new CountDownLatch(1);
    private final AtomicReference<ModeDecision> decision = new AtomicReference<>();
    private final AtomicReference<AudioDecision> audio = new AtomicReference<>();
    private final AtomicLong audioPackets = new AtomicLong();
    private final AtomicReference<SourceInfo> sourceInfo = new AtomicReference<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong grabbed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private RunningSession(SessionConfig config) {
        this.session = new StreamSession(config, new SessionListener() {
            @Override
            public void sourceOpened(SourceInfo source) {
                sourceInfo.set(source);
            }

            @Override
            public void audio(AudioDecision d) {
                audio.set(d);
            }

            @Override
            public void audioPublished(int packets) {
                audioPackets.addAndGet(packets);
            }

            @Override
            public void publishing(ModeDecision d) {
                decision.set(d);
                publishing.countDown();
            }

            @Override
            public void framePublished() {
                frames.incrementAndGet();
            }

            @Override
            public void frameGrabbed() {
                grabbed.incrementAndGet();
            }

            @Override
            public void frameDropped() {
                dropped.incrementAndGet();
            }
        });
        this.thread = new Thread(() -> {
            try {
                session.run();
                outcome.complete(null);
            } catch (StreamFailure f) {
                outcome.complete(f);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        }, "test-session");
    }

    public static RunningSession start(SessionConfig config) {
        RunningSession running = new RunningSession(config);
        running.thread.start();
        return running;
    }

    /** Waits until the publisher is connected; fails with the session's error if it ended first. */
    public ModeDecision awaitPublishing(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (publishing.await(100, TimeUnit.MILLISECONDS)) {
                return decision.get();
            }
            if (outcome.isDone()) {
                StreamFailure failure = outcome.get();
                throw new AssertionError("session ended before publishing: " + (failure == null ? "no error" : failure.getMessage()));
            }
        }
        throw new AssertionError("session not publishing after " + timeout);
    }

    /** The failure the session ended with (null when it was stopped), waiting at most {@code timeout}. */
    public StreamFailure awaitEnd(Duration timeout) throws Exception {
        return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the session decided for the audio, once publishing. */
    public AudioDecision audioDecision() {
        return audio.get();
    }

    public long audioPacketsPublished() {
        return audioPackets.get();
    }

    public SourceInfo sourceInfo() {
        return sourceInfo.get();
    }

    public long framesPublished() {
        return frames.get();
    }

    public long framesGrabbed() {
        return grabbed.get();
    }

    /** Frames the drop-oldest hand-off threw away because encoding fell behind. */
    public long framesDropped() {
        return dropped.get();
    }

    @Override
    public void close() throws Exception {
        session.requestStop();
        thread.join(15_000);
    }
}
