package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.streamer.metrics.StreamerMetrics;
import io.camstream.streamer.source.SourceInfo;
import io.camstream.streamer.source.SourceLostException;
import io.camstream.streamer.source.VideoSource;
import io.camstream.streamer.source.YuvFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import io.camstream.streamer.testpattern.LumaTimestampCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The grab thread against a source that is faster than the encoder, that fails, and that goes silent. */
class GrabThreadTest {

    /** A 200 fps source that, like a grabber, reuses one buffer and stamps each frame with its index. */
    static final class FastSource implements VideoSource {
        final ByteBuffer reused = ByteBuffer.allocateDirect(YuvFrame.bufferSize(64, 48));
        final AtomicLong index = new AtomicLong();
        volatile int failAfter = Integer.MAX_VALUE;
        volatile boolean silent;

        @Override
        public SourceInfo info() {
            return null;
        }

        @Override
        public YuvFrame grabFrame() throws SourceLostException {
            if (silent) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long i = index.getAndIncrement();
            if (i >= failAfter) {
                throw new SourceLostException("camera gone");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reused.clear();
            reused.putLong(0, i);
            return new YuvFrame(reused.duplicate(), 64, 48, i * 5_000);
        }

        @Override
        public void close() {
        }
    }

    private final AtomicInteger grabbed = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final SessionListener listener = new SessionListener() {
        @Override
        public void frameGrabbed() {
            grabbed.incrementAndGet();
        }

        @Override
        public void frameDropped() {
            dropped.incrementAndGet();
        }
    };

    @Test
    void aSlowEncoderGetsRecentFramesAndTheBacklogIsDroppedAndCounted() throws Exception {
        FastSource source = new FastSource();
        try (GrabThread grabs = GrabThread.start(source, listener, Duration.ofSeconds(2), "test", false)) {
            for (int n = 0; n < 20; n++) {
                Grabbed item = grabs.next();
                YuvFrame frame = ((Grabbed.Picture) item).frame();
                long frameIndex = frame.data().getLong(0);
                // At most the queue capacity (plus the one being grabbed) behind the source, never a backlog.
                assertThat(source.index.get() - frameIndex).isLessThanOrEqualTo(GrabThread.QUEUE_CAPACITY + 2);
                assertThat(frame.timestampMicros()).isEqualTo(frameIndex * 5_000);
                Thread.sleep(40); // encoding at 25 fps against a 200 fps source
                grabs.recycle(item);
            }
        }
        assertThat(dropped.get()).isGreaterThan(50);
        assertThat(grabbed.get()).isGreaterThanOrEqualTo(dropped.get() + 20);
    }

    /**
     * A source that paints a strictly increasing sequence number into its one reused buffer with
     * {@link LumaTimestampCodec} (as a grabber reuses its frame), against an encoder three times slower: the queue stays
     * bounded, the oldest frames are dropped and counted in {@code frames_dropped}, and no picture the encoder holds is
     * overwritten, repeated or reordered.
     */
    @Test
    void aSlowEncoderSeesIntactStrictlyIncreasingPicturesAndDropsAreCountedInTheMetric() throws Exception {
        int width = 128;
        int height = 72;
        ByteBuffer reused = ByteBuffer.allocateDirect(YuvFrame.bufferSize(width, height));
        AtomicLong sequence = new AtomicLong();
        VideoSource stamped = new VideoSource() {
            @Override
            public SourceInfo info() {
                return null;
            }

            @Override
            public YuvFrame grabFrame() {
                try {
                    Thread.sleep(4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                long n = sequence.incrementAndGet();
                LumaTimestampCodec.encode(reused, width, width, n);
                return new YuvFrame(reused.duplicate(), width, height, n * 4_000);
            }

            @Override
            public void close() {
            }
        };
        StreamerMetrics metrics = StreamerMetrics.prometheus("slow");
        SessionListener counting = new SessionListener() {
            @Override
            public void frameDropped() {
                metrics.frameDropped();
            }
        };
        List<Long> published = new ArrayList<>();
        Set<Long> buffers = new java.util.HashSet<>();
        try (GrabThread grabs = GrabThread.start(stamped, counting, Duration.ofSeconds(2), "test", false)) {
            for (int n = 0; n < 25; n++) {
                Grabbed item = grabs.next();
                YuvFrame frame = ((Grabbed.Picture) item).frame();
                long atTake = LumaTimestampCodec.decode(frame.luma(), frame.lumaStride(), width, height).orElseThrow();
                // The queue plus the frame being grabbed, with one of slack for a descheduled test thread.
                assertThat(sequence.get() - atTake).as("frames between grab and encode")
                        .isLessThanOrEqualTo(GrabThread.QUEUE_CAPACITY + 2);
                Thread.sleep(12); // the "encoder": 3x slower than the source, and the grab thread keeps grabbing
                long afterEncode = LumaTimestampCodec.decode(frame.luma(), frame.lumaStride(), width, height).orElseThrow();
                assertThat(afterEncode).as("picture unchanged while the encoder holds it").isEqualTo(atTake);
                published.add(atTake);
                buffers.add(frame.picture().data(0).address());
                grabs.recycle(item);
            }
        }
        for (int i = 1; i < published.size(); i++) {
            assertThat(published.get(i)).as("published pictures strictly increase").isGreaterThan(published.get(i - 1));
        }
        long skipped = published.get(published.size() - 1) - published.get(0) + 1 - published.size();
        assertThat(metrics.framesDropped()).as("frames_dropped").isGreaterThanOrEqualTo(skipped).isGreaterThan(10);
        assertThat(metrics.scrape()).contains("camstream_streamer_frames_dropped_total{camera=\"slow\"}");
        assertThat(buffers).as("pooled buffers, never a growing backlog").hasSizeLessThanOrEqualTo(GrabThread.QUEUE_CAPACITY + 2);
        metrics.close();
    }

    @Test
    void aFailedSourceEndsTheSessionWithItsError() {
        FastSource source = new FastSource();
        source.failAfter = 3;
        try (GrabThread grabs = GrabThread.start(source, listener, Duration.ofSeconds(2), "test", false)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    grabs.recycle(grabs.next());
                }
            }).isInstanceOfSatisfying(SourceLostException.class, e -> {
                assertThat(e.getMessage()).isEqualTo("camera gone");
                assertThat(e.stalled()).isFalse();
            });
        }
    }

    @Test
    void aSilentSourceIsAStallAfterTheTimeout() {
        FastSource source = new FastSource();
        source.silent = true;
        GrabThread grabs = GrabThread.start(source, listener, Duration.ofMillis(300), "rtsp://cam/x", false);
        try {
            assertThatThrownBy(grabs::next).isInstanceOfSatisfying(SourceLostException.class, e -> {
                assertThat(e.stalled()).isTrue();
                assertThat(e.getMessage()).contains("rtsp://cam/x", "no frame for 300 ms");
            });
        } finally {
            grabs.close();
        }
        assertThat(grabs.finished()).as("the interrupt ended the fake's sleep").isTrue();
    }
}
