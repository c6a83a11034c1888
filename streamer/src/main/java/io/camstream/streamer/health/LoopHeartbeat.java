package io.camstream.streamer.health;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Liveness of the supervisor loop. The loop beats on every iteration and while it waits (connecting, backing off);
 * every blocking FFmpeg call it makes is bounded by a timeout, so a loop that has not beaten for far longer than any
 * of them is stuck in a way only a restart fixes. Liveness deliberately ignores whether the camera or the server is
 * reachable: restarting the pod would not bring them back, and the loop already retries.
 */
public final class LoopHeartbeat {

    private final LongSupplier nanoClock;
    private final long staleAfterNanos;
    private volatile long lastBeatNanos;
    private volatile Thread loopThread;
    private volatile boolean finished;

    public LoopHeartbeat(Duration staleAfter, LongSupplier nanoClock) {
        this.staleAfterNanos = staleAfter.toNanos();
        this.nanoClock = nanoClock;
        this.lastBeatNanos = nanoClock.getAsLong();
    }

    /**
     * How long the loop may go without a beat before liveness fails: three times the longest bounded wait, but at
     * least 30 s, so a slow but working reconnect never gets the pod killed.
     */
    public static Duration staleAfterFor(Duration... boundedWaits) {
        Duration longest = Duration.ZERO;
        for (Duration wait : boundedWaits) {
            if (wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }
        Duration threeTimes = longest.multipliedBy(3);
        return threeTimes.compareTo(Duration.ofSeconds(30)) > 0 ? threeTimes : Duration.ofSeconds(30);
    }

    /** Called by the loop thread when it starts. */
    public void loopStarted() {
        loopThread = Thread.currentThread();
        finished = false;
        beat();
    }

    public void beat() {
        lastBeatNanos = nanoClock.getAsLong();
    }

    /** The loop ended on purpose (shutdown); liveness stays OK while the process exits. */
    public void loopFinished() {
        finished = true;
    }

    public Probe check() {
        if (finished) {
            return Probe.ok("stopping");
        }
        Thread thread = loopThread;
        if (thread == null) {
            return Probe.ok("starting");
        }
        if (!thread.isAlive()) {
            return Probe.failing("the streaming loop died");
        }
        long silentNanos = nanoClock.getAsLong() - lastBeatNanos;
        if (silentNanos > staleAfterNanos) {
            return Probe.failing(String.format("the streaming loop has made no progress for %d s (limit %d s)",
                    silentNanos / 1_000_000_000L, staleAfterNanos / 1_000_000_000L));
        }
        return Probe.ok("alive");
    }
}
