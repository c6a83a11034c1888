package io.camstream.streamer.testpattern;

import io.camstream.streamer.source.SourceInfo;
import io.camstream.streamer.source.VideoSource;
import io.camstream.streamer.source.YuvFrame;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

/**
 * A camera without a camera: frames generated in-process at the configured rate, in real time. When the consumer
 * falls behind, frames are skipped rather than queued, so the picture stays live exactly like a real camera's.
 */
public final class TestPatternSource implements VideoSource {

    private final TestPatternSpec spec;
    private final TestPatternGenerator generator;
    private final LongSupplier wallClockMillis;
    private final long frameNanos;
    private final SourceInfo info;
    private long originNanos = Long.MIN_VALUE;
    private long nextIndex;
    private long lastCapturedMillis = Long.MIN_VALUE;

    public TestPatternSource(TestPatternSpec spec) {
        this(spec, System::currentTimeMillis);
    }

    TestPatternSource(TestPatternSpec spec, LongSupplier wallClockMillis) {
        this.spec = spec;
        this.generator = new TestPatternGenerator(spec.width(), spec.height());
        this.wallClockMillis = wallClockMillis;
        this.frameNanos = 1_000_000_000L / spec.fps();
        this.info = new SourceInfo("testpattern", AV_CODEC_ID_RAWVIDEO, spec.width(), spec.height(), spec.fps(), 0,
                AV_PIX_FMT_YUV420P, false);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public YuvFrame grabFrame() {
        long now = System.nanoTime();
        if (originNanos == Long.MIN_VALUE) {
            originNanos = now;
        }
        long due = originNanos + nextIndex * frameNanos;
        if (now - due >= frameNanos) {
            // Behind by a whole frame or more: jump to the current slot, as a live camera would.
            nextIndex = (now - originNanos) / frameNanos;
            due = originNanos + nextIndex * frameNanos;
        }
        while (due - System.nanoTime() > 0) {
            LockSupport.parkNanos(due - System.nanoTime());
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        long index = nextIndex++;
        // One stamp per picture: a grab thread that was descheduled for almost a frame grabs the next slot at once,
        // and two different pictures with the same millisecond would read as a repeated frame downstream.
        long captured = Math.max(wallClockMillis.getAsLong(), lastCapturedMillis + 1);
        lastCapturedMillis = captured;
        return new YuvFrame(generator.draw(index, captured), spec.width(), spec.height(), index * 1_000_000L / spec.fps());
    }

    @Override
    public void close() {
        // Nothing native to release: the frame buffer is an ordinary direct ByteBuffer.
    }

    @Override
    public String toString() {
        return "TestPatternSource[" + spec + "]";
    }
}
