package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DropOldestHandoffTest {

    /** Stand-in for a JavaCV Frame whose buffer the grabber reuses on the next grab. */
    static final class Buffer {
        final int value;
        boolean closed;

        Buffer(int value) {
            this.value = value;
        }
    }

    private final List<Buffer> copies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger drops = new AtomicInteger();

    private DropOldestHandoff<Buffer> handoff(int capacity) {
        return new DropOldestHandoff<>(capacity, b -> {
            Buffer copy = new Buffer(b.value);
            copies.add(copy);
            return copy;
        }, b -> b.closed = true, drops::incrementAndGet);
    }

    private final AtomicInteger keptDrops = new AtomicInteger();

    /** Negative values stand for sound: kept. */
    private DropOldestHandoff<Buffer> withKept(int capacity, int keptCapacity) {
        return new DropOldestHandoff<>(capacity, keptCapacity, b -> b.value < 0, b -> {
            Buffer copy = new Buffer(b.value);
            copies.add(copy);
            return copy;
        }, b -> b.closed = true, drops::incrementAndGet, keptDrops::incrementAndGet);
    }

    private static List<Integer> drain(DropOldestHandoff<Buffer> handoff) throws InterruptedException {
        List<Integer> values = new ArrayList<>();
        for (Buffer b = handoff.poll(0, TimeUnit.SECONDS); b != null; b = handoff.poll(0, TimeUnit.SECONDS)) {
            values.add(b.value);
        }
        return values;
    }

    @Test
    void keptItemsNeverMakeWayForOthersAndEverythingLeavesInOrder() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = withKept(2, 10)) {
            for (int value : new int[] {1, -1, 2, -2, 3, -3, 4}) {
                handoff.offer(new Buffer(value));
            }
            assertThat(handoff.dropped()).isEqualTo(2);
            assertThat(drops).hasValue(2);
            assertThat(keptDrops).hasValue(0);
            assertThat(copies.stream().filter(b -> b.closed).map(b -> b.value)).containsExactly(1, 2);
            assertThat(drain(handoff)).containsExactly(-1, -2, 3, -3, 4);
        }
    }

    @Test
    void keptItemsHaveABoundOfTheirOwn() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = withKept(1, 2)) {
            for (int value : new int[] {-1, 1, -2, -3}) {
                handoff.offer(new Buffer(value));
            }
            assertThat(keptDrops).hasValue(1);
            assertThat(handoff.dropped()).as("counts the droppable items only").isZero();
            assertThat(drops).hasValue(0);
            assertThat(copies.get(0).closed).as("the oldest kept item, disposed").isTrue();
            assertThat(drain(handoff)).containsExactly(1, -2, -3);
            // Evicted and taken items no longer count: two kept items fit again.
            handoff.offer(new Buffer(-4));
            handoff.offer(new Buffer(-5));
            assertThat(keptDrops).hasValue(1);
            assertThat(drain(handoff)).containsExactly(-4, -5);
        }
    }

    @Test
    void takingOrClearingKeptItemsMakesRoomForMore() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = withKept(1, 1)) {
            handoff.offer(new Buffer(-1));
            assertThat(handoff.poll(0, TimeUnit.SECONDS).value).isEqualTo(-1);
            handoff.offer(new Buffer(-2));
            handoff.offer(new Buffer(5));
            assertThat(keptDrops).hasValue(0);
            handoff.offer(new Buffer(-7));
            assertThat(keptDrops).as("the one place for a kept item was taken by -2").hasValue(1);
            assertThat(drain(handoff)).containsExactly(5, -7);
            handoff.offer(new Buffer(-2));
            handoff.offer(new Buffer(5));
            handoff.clear();
            handoff.offer(new Buffer(-3));
            handoff.offer(new Buffer(6));
            assertThat(keptDrops).hasValue(1);
            assertThat(drops).hasValue(0);
            assertThat(drain(handoff)).containsExactly(-3, 6);
        }
    }

    @Test
    void capacitiesMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withKept(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withKept(1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kept capacity");
    }

    @Test
    void queuesCopiesNotTheGrabbersBuffer() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = handoff(2)) {
            Buffer reused = new Buffer(1);
            handoff.offer(reused);
            Buffer taken = handoff.poll(1, TimeUnit.SECONDS);
            assertThat(taken).isNotSameAs(reused);
            assertThat(taken.value).isEqualTo(1);
        }
    }

    @Test
    void whenFullDropsAndClosesTheOldestAndCountsIt() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = handoff(2)) {
            for (int i = 1; i <= 5; i++) {
                assertThat(handoff.offer(new Buffer(i))).as("an open hand-off takes every item").isTrue();
            }
            assertThat(handoff.size()).isEqualTo(2);
            assertThat(handoff.dropped()).isEqualTo(3);
            assertThat(drops).hasValue(3);
            assertThat(copies.subList(0, 3)).allMatch(b -> b.closed);
            assertThat(handoff.poll(0, TimeUnit.SECONDS).value).isEqualTo(4);
            assertThat(handoff.poll(0, TimeUnit.SECONDS).value).isEqualTo(5);
            assertThat(handoff.poll(10, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void closeDisposesWhatIsLeftAndRefusesMore() throws Exception {
        DropOldestHandoff<Buffer> handoff = handoff(3);
        handoff.offer(new Buffer(1));
        handoff.offer(new Buffer(2));
        handoff.close();
        assertThat(copies).hasSize(2).allMatch(b -> b.closed);
        assertThat(handoff.offer(new Buffer(3))).isFalse();
        assertThat(copies).hasSize(2);
        assertThat(handoff.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void closeWakesAWaitingConsumer() throws Exception {
        DropOldestHandoff<Buffer> handoff = handoff(1);
        CountDownLatch returned = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            try {
                handoff.poll(30, TimeUnit.SECONDS);
                returned.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        Thread.sleep(50);
        handoff.close();
        assertThat(returned.await(2, TimeUnit.SECONDS)).isTrue();
    }

    /** The grabber must not wait for the encoder, and the encoder must not sleep through a frame that arrived. */
    @Test
    void anItemOfferedWhileTheConsumerWaitsIsHandedOverAtOnce() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = handoff(2)) {
            CountDownLatch waiting = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicReference<Buffer> received = new java.util.concurrent.atomic.AtomicReference<>();
            CountDownLatch returned = new CountDownLatch(1);
            Thread consumer = new Thread(() -> {
                try {
                    waiting.countDown();
                    received.set(handoff.poll(60, TimeUnit.SECONDS));
                    returned.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            consumer.start();
            waiting.await();
            Thread.sleep(100);

            assertThat(handoff.offer(new Buffer(42))).isTrue();
            assertThat(returned.await(20, TimeUnit.SECONDS)).as("woken by the offer, not by its 60 s timeout").isTrue();
            assertThat(received.get().value).isEqualTo(42);
            // The consumer's thread let go of the hand-off: this thread can use it again.
            assertThat(handoff.size()).isZero();
            assertThat(handoff.dropped()).isZero();
            assertThat(handoff.offer(new Buffer(43))).isTrue();
            consumer.join();
        }
    }

    @Test
    void countersAreReadableFromAnotherThread() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = handoff(1)) {
            handoff.offer(new Buffer(1));
            handoff.offer(new Buffer(2));
            assertThat(handoff.dropped()).isEqualTo(1);
            assertThat(handoff.size()).isEqualTo(1);
            java.util.concurrent.atomic.AtomicLong seenDropped = new java.util.concurrent.atomic.AtomicLong(-1);
            Thread metrics = new Thread(() -> {
                handoff.offer(new Buffer(3));
                seenDropped.set(handoff.dropped());
            });
            metrics.start();
            metrics.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(metrics.isAlive()).as("blocked on a lock the test thread never released").isFalse();
            assertThat(seenDropped).hasValue(2);
        }
    }

    @Test
    void aSlowConsumerNeverSeesMoreThanCapacityBehind() throws Exception {
        try (DropOldestHandoff<Buffer> handoff = handoff(2)) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    handoff.offer(new Buffer(i));
                }
            });
            producer.start();
            int lastSeen = -1;
            int consumed = 0;
            while (producer.isAlive() || handoff.size() > 0) {
                Buffer b = handoff.poll(10, TimeUnit.MILLISECONDS);
                if (b != null) {
                    assertThat(b.value).isGreaterThan(lastSeen);
                    lastSeen = b.value;
                    b.closed = true;
                    consumed++;
                }
            }
            producer.join();
            assertThat(lastSeen).isEqualTo(9_999);
            assertThat(consumed + handoff.dropped()).isEqualTo(10_000);
            assertThat(copies).allMatch(b -> b.closed);
        }
    }
}
