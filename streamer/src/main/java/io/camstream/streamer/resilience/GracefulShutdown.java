package io.camstream.streamer.resilience;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM (Kubernetes stopping the pod) into an orderly end of the streaming loop and exit status 0.
 *
 * <p>The JVM runs shutdown hooks on SIGTERM and then exits with 143. The hook installed here asks the loop to stop,
 * waits up to the grace period for it to close its peers (the recorder's trailer sends RTSP TEARDOWN), and then
 * halts with 0 — the pod was asked to stop and it did. When the process ends on its own (a bad flag, a fatal error)
 * it calls {@link #exit(int)} so the hook keeps that status.
 */
public final class GracefulShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch loopFinished = new CountDownLatch(1);
    private volatile Duration grace;
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> stopListeners =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean exitingOnItsOwn;

    public GracefulShutdown(Duration grace) {
        this.grace = grace;
    }

    /** How long SIGTERM waits for the loop, once the configuration (and so its timeouts) is known. */
    public void grace(Duration newGrace) {
        this.grace = newGrace;
    }

    /** Registers the JVM shutdown hook; call once, from main. */
    public GracefulShutdown installHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmShutdown, "camstream-shutdown"));
        return this;
    }

    /** Asks the loop to stop; runs the stop listeners (once each). */
    public void requestStop() {
        stopRequested.countDown();
        Runnable listener;
        while ((listener = stopListeners.poll()) != null) {
            listener.run();
        }
    }

    /** Runs {@code listener} when a stop is requested (at once if it already was). */
    public void onStop(Runnable listener) {
        stopListeners.add(listener);
        if (isStopRequested()) {
            requestStop();
        }
    }

    public boolean isStopRequested() {
        return stopRequested.getCount() == 0;
    }

    /**
     * Sleeps for {@code duration} unless a stop is requested first; returns true if it was. Used for backoff waits so
     * SIGTERM during a long backoff does not wait it out.
     */
    public boolean sleepUnlessStopped(Duration duration) throws InterruptedException {
        return stopRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The streaming loop calls this when it has closed everything. */
    public void loopFinished() {
        loopFinished.countDown();
    }

    public boolean awaitLoopFinished(Duration timeout) throws InterruptedException {
        return loopFinished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Exits with {@code status}, bypassing the SIGTERM-means-0 rule. */
    public void exit(int status) {
        exitingOnItsOwn = true;
        requestStop();
        System.exit(status);
    }

    private void onJvmShutdown() {
        if (exitingOnItsOwn) {
            return;
        }
        LOG.info("Termination requested: stopping the stream (grace {} ms)", grace.toMillis());
        requestStop();
        boolean finished;
        try {
            finished = awaitLoopFinished(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (finished) {
            LOG.info("Stopped");
        } else {
            LOG.warn("The stream did not stop within {} ms; exiting anyway", grace.toMillis());
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }
}
