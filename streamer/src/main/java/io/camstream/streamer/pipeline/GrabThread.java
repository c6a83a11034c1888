package io.camstream.streamer.pipeline;

import io.camstream.streamer.resilience.DropOldestHandoff;
import io.camstream.streamer.source.SourceLostException;
import io.camstream.streamer.source.VideoSource;
import io.camstream.streamer.source.YuvFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads the source on its own thread and hands the newest frames to the encoder, so that a slow encoder or server
 * drops old frames (counted) instead of letting latency creep up in socket buffers. The source reuses its buffer on
 * the next grab, so queued frames are copies into a small pool of buffers that the encoder gives back with
 * {@link #recycle(YuvFrame)}.
 */
final class GrabThread implements AutoCloseable {

    /** Frames waiting for the encoder: enough to ride out one slow frame, never a backlog. */
    static final int QUEUE_CAPACITY = 2;

    private final VideoSource source;
    private final SessionListener listener;
    private final long stallNanos;
    private final String redactedSource;
    private final ArrayBlockingQueue<ByteBuffer> spares = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 2);
    private final DropOldestHandoff<YuvFrame> handoff;
    private final Thread thread;
    private volatile SourceLostException failure;
    private volatile boolean stopping;

    private GrabThread(VideoSource source, SessionListener listener, Duration stallTimeout, String redactedSource) {
        this.source = source;
        this.listener = listener;
        this.stallNanos = stallTimeout.toNanos();
        this.redactedSource = redactedSource;
        this.handoff = new DropOldestHandoff<>(QUEUE_CAPACITY, this::copy, this::recycle, listener::frameDropped);
        this.thread = new Thread(this::grabLoop, "camstream-grab");
        this.thread.setDaemon(true);
    }

    static GrabThread start(VideoSource source, SessionListener listener, Duration stallTimeout, String redactedSource) {
        GrabThread grabs = new GrabThread(source, listener, stallTimeout, redactedSource);
        grabs.thread.start();
        return grabs;
    }

    /**
     * The oldest queued frame; give it back with {@link #recycle(YuvFrame)}. Null once stopping.
     *
     * @throws SourceLostException the source failed, or delivered nothing within the stall timeout
     */
    YuvFrame next() throws SourceLostException {
        YuvFrame frame;
        try {
            frame = handoff.poll(stallNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (frame != null) {
            return frame;
        }
        if (failure != null) {
            throw failure;
        }
        if (stopping) {
            return null;
        }
        throw new SourceLostException("Source " + redactedSource + " delivered no frame for "
                + stallNanos / 1_000_000 + " ms", true);
    }

    void recycle(YuvFrame frame) {
        spares.offer(frame.data());
    }

    private YuvFrame copy(YuvFrame frame) {
        ByteBuffer source = frame.data().duplicate();
        int size = source.remaining();
        ByteBuffer buffer = spares.poll();
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(size);
        }
        buffer.clear();
        buffer.put(source);
        buffer.flip();
        return new YuvFrame(buffer, frame.width(), frame.height(), frame.timestampMicros());
    }

    private void grabLoop() {
        try {
            while (!stopping) {
                long start = System.nanoTime();
                YuvFrame frame;
                try {
                    frame = source.grabFrame();
                } catch (SourceLostException e) {
                    boolean slow = System.nanoTime() - start >= stallNanos * 9 / 10;
                    failure = slow && !e.stalled() ? new SourceLostException(e.getMessage(), true) : e;
                    return;
                } catch (RuntimeException e) {
                    failure = new SourceLostException("Source " + redactedSource + " failed: "
                            + e.getClass().getSimpleName());
                    return;
                }
                listener.frameGrabbed();
                handoff.offer(frame);
            }
        } finally {
            handoff.close();
        }
    }

    /** Whether the grabbing thread has ended, so the source may be closed. */
    boolean finished() {
        return !thread.isAlive();
    }

    /**
     * Stops grabbing and waits for the thread, at most {@code timeout} (a grab is bounded by the source's socket
     * timeout, so it ends unless FFmpeg itself hangs).
     */
    void stop(Duration timeout) {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handoff.close();
    }

    @Override
    public void close() {
        stop(Duration.ofNanos(stallNanos).plusSeconds(2));
    }
}
