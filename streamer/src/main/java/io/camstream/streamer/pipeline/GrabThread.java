package io.camstream.streamer.pipeline;

import io.camstream.streamer.resilience.DropOldestHandoff;
import io.camstream.streamer.source.SourceLostException;
import io.camstream.streamer.source.VideoSource;
import io.camstream.streamer.source.YuvFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVBufferPool;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_pool_get;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_pool_init;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_pool_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;

/**
 * Reads the source on its own thread and hands the newest frames to the encoder, so that a slow encoder or server
 * drops old frames (counted) instead of letting latency creep up in socket buffers. The source reuses its frame on
 * the next grab, so each queued frame holds its own reference: to the decoder's buffer when the source's picture is
 * reference-counted (no copy, as in the ffmpeg CLI), else to a copy in a small pool of buffers. The source's sound,
 * when asked for, is handed over between the pictures as it comes, each packet a reference of its own, and is not
 * dropped for them. The publishing thread gives everything back with {@link #recycle(Grabbed)}, which releases the
 * reference.
 */
final class GrabThread implements AutoCloseable {

    /** Frames waiting for the encoder: enough to ride out one slow frame, never a backlog. */
    static final int QUEUE_CAPACITY = 2;
    /** Sound packets waiting: about 5 s of 20 ms packets, longer than any write may block before it counts as lost. */
    static final int SOUND_CAPACITY = 256;

    private final VideoSource source;
    private final SessionListener listener;
    private final long stallNanos;
    private final String redactedSource;
    private final ArrayBlockingQueue<AVFrame> spares = new ArrayBlockingQueue<>(QUEUE_CAPACITY + 2);
    /** Buffers for copies of pictures that are not reference-counted (packed test-pattern pictures). */
    private AVBufferPool copies;
    private int copySize;
    private final DropOldestHandoff<Grabbed> handoff;
    private final Thread thread;
    private volatile SourceLostException failure;
    private volatile boolean stopping;

    private GrabThread(VideoSource source, SessionListener listener, Duration stallTimeout, String redactedSource) {
        this.source = source;
        this.listener = listener;
        this.stallNanos = stallTimeout.toNanos();
        this.redactedSource = redactedSource;
        this.handoff = new DropOldestHandoff<>(QUEUE_CAPACITY, SOUND_CAPACITY, Grabbed.Sound.class::isInstance,
                this::copy, this::recycle, listener::frameDropped, listener::soundDropped);
        this.thread = new Thread(this::grabLoop, "camstream-grab");
        this.thread.setDaemon(true);
    }

    /** @param withSound whether the source's sound is handed over too */
    static GrabThread start(VideoSource source, SessionListener listener, Duration stallTimeout, String redactedSource,
                            boolean withSound) {
        GrabThread grabs = new GrabThread(source, listener, stallTimeout, redactedSource);
        if (withSound) {
            source.onAudio(packet -> grabs.handoff.offer(new Grabbed.Sound(packet)));
        }
        grabs.thread.start();
        return grabs;
    }

    /**
     * The oldest queued picture or sound; give it back with {@link #recycle(Grabbed)}. Null once stopping.
     *
     * @throws SourceLostException the source failed, or delivered nothing within the stall timeout
     */
    Grabbed next() throws SourceLostException {
        Grabbed item;
        try {
            item = handoff.poll(stallNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (item != null) {
            return item;
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

    /**
     * Releases what the item holds: a frame's reference (its buffer goes back to the decoder's or the copies'
     * pool), a sound packet's.
     */
    void recycle(Grabbed item) {
        if (item instanceof Grabbed.Sound sound) {
            av_packet_free(sound.packet());
            return;
        }
        AVFrame held = ((Grabbed.Picture) item).frame().picture();
        av_frame_unref(held);
        if (!spares.offer(held)) {
            av_frame_free(held);
        }
    }

    /** An item that holds its own reference; runs on the grabbing thread. */
    private Grabbed copy(Grabbed item) {
        if (item instanceof Grabbed.Sound sound) {
            AVPacket held = av_packet_clone(sound.packet());
            if (held == null) {
                throw new OutOfMemoryError("av_packet_clone");
            }
            return new Grabbed.Sound(held);
        }
        return new Grabbed.Picture(copy(((Grabbed.Picture) item).frame()));
    }

    /** A frame that holds its own reference to the picture. */
    private YuvFrame copy(YuvFrame frame) {
        AVFrame held = spares.poll();
        if (held == null) {
            held = av_frame_alloc();
        }
        AVFrame picture = frame.picture();
        if (picture != null && picture.buf(0) != null) {
            if (av_frame_ref(held, picture) < 0) {
                throw new OutOfMemoryError("av_frame_ref");
            }
        } else {
            copyPacked(frame, held);
        }
        return new YuvFrame(held, frame.timestampMicros());
    }

    private void copyPacked(YuvFrame frame, AVFrame held) {
        ByteBuffer packed = frame.data();
        int size = YuvFrame.bufferSize(frame.width(), frame.height());
        if (copies == null || copySize != size) {
            if (copies != null) {
                av_buffer_pool_uninit(copies);
            }
            copies = av_buffer_pool_init(size, null);
            copySize = size;
        }
        AVBufferRef buffer = av_buffer_pool_get(copies);
        if (buffer == null) {
            throw new OutOfMemoryError("av_buffer_pool_get");
        }
        BytePointer data = buffer.data();
        data.capacity(size).asBuffer().put(packed.duplicate().clear().limit(size));
        held.buf(0, buffer);
        held.format(AV_PIX_FMT_YUV420P).width(frame.width()).height(frame.height());
        av_image_fill_arrays(new PointerPointer<>(held), held.linesize(), data, AV_PIX_FMT_YUV420P, frame.width(),
                frame.height(), 1);
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
                handoff.offer(new Grabbed.Picture(frame));
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
        if (!thread.isAlive()) {
            releasePools();
        }
    }

    /** Frees the spare frames and, once every copy is back, the copies' buffers. */
    private void releasePools() {
        for (AVFrame spare = spares.poll(); spare != null; spare = spares.poll()) {
            av_frame_free(spare);
        }
        if (copies != null) {
            av_buffer_pool_uninit(copies);
            copies = null;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofNanos(stallNanos).plusSeconds(2));
    }
}
