package io.camstream.streamer.resilience;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A bounded hand-off between the grabbing thread and the encoding/writing thread that never blocks the grabber and
 * never lets latency creep: when the consumer falls behind, the <em>oldest</em> queued item is dropped (and closed)
 * and counted.
 *
 * <p>Some items may be <em>kept</em> (audio beside the pictures: a dropped picture is replaced by the next one, a
 * dropped piece of sound is a gap): they never make way for other items and have their own, larger bound, beyond
 * which the oldest kept item goes. Everything leaves in the order it came.
 *
 * <p>JavaCV grabbers reuse their frame buffers on the next grab, so every offered item is copied (e.g.
 * {@code Frame::clone}) before it is queued; the consumer owns what it takes and must close it. Items dropped or
 * left behind on {@link #close()} are released with the disposer, so native buffers never leak.
 */
public final class DropOldestHandoff<T> implements AutoCloseable {

    private final int capacity;
    private final int keptCapacity;
    private final Predicate<T> kept;
    private final UnaryOperator<T> copier;
    private final Consumer<T> disposer;
    private final Runnable onDrop;
    private final Runnable onKeptDrop;
    private final ArrayDeque<T> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;
    private long dropped;
    private int keptQueued;

    /** A hand-off of items that may all be dropped. */
    public DropOldestHandoff(int capacity, UnaryOperator<T> copier, Consumer<T> disposer, Runnable onDrop) {
        this(capacity, 1, item -> false, copier, disposer, onDrop, () -> { });
    }

    /**
     * @param capacity     how many droppable items may wait
     * @param keptCapacity how many kept items may wait
     * @param kept         which items are kept (tested on items and on their copies alike)
     * @param onDrop       called for each droppable item dropped
     * @param onKeptDrop   called for each kept item dropped because {@code keptCapacity} were waiting
     */
    public DropOldestHandoff(int capacity, int keptCapacity, Predicate<T> kept, UnaryOperator<T> copier,
                             Consumer<T> disposer, Runnable onDrop, Runnable onKeptDrop) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        if (keptCapacity < 1) {
            throw new IllegalArgumentException("kept capacity must be at least 1, got " + keptCapacity);
        }
        this.capacity = capacity;
        this.keptCapacity = keptCapacity;
        this.kept = Objects.requireNonNull(kept);
        this.copier = Objects.requireNonNull(copier);
        this.disposer = Objects.requireNonNull(disposer);
        this.onDrop = Objects.requireNonNull(onDrop);
        this.onKeptDrop = Objects.requireNonNull(onKeptDrop);
        this.queue = new ArrayDeque<>(capacity);
    }

    /**
     * Copies {@code item} and queues the copy, dropping the oldest queued item of its kind (kept or droppable) if
     * that kind is full. Returns false (and copies nothing) once closed.
     */
    public boolean offer(T item) {
        Objects.requireNonNull(item);
        boolean keep = kept.test(item);
        T evicted = null;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (keep ? keptQueued == keptCapacity : queue.size() - keptQueued == capacity) {
                evicted = removeOldest(keep);
                if (!keep) {
                    dropped++;
                }
            }
            queue.addLast(copier.apply(item));
            if (keep) {
                keptQueued++;
            }
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (evicted != null) {
            disposer.accept(evicted);
            (keep ? onKeptDrop : onDrop).run();
        }
        return true;
    }

    /** Removes the oldest queued item that is kept (or not); the caller holds the lock and knows there is one. */
    private T removeOldest(boolean keptOne) {
        Iterator<T> items = queue.iterator();
        while (true) {
            T item = items.next();
            if (kept.test(item) == keptOne) {
                items.remove();
                if (keptOne) {
                    keptQueued--;
                }
                return item;
            }
        }
    }

    /** The oldest queued item, waiting up to {@code timeout}; null on timeout or once closed and drained. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed || remaining <= 0) {
                    return null;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            T item = queue.pollFirst();
            if (kept.test(item)) {
                keptQueued--;
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Discards and disposes everything queued (e.g. before a reconnect, so stale frames are not sent). */
    public void clear() {
        List<T> leftovers;
        lock.lock();
        try {
            leftovers = new ArrayList<>(queue);
            queue.clear();
            keptQueued = 0;
        } finally {
            lock.unlock();
        }
        leftovers.forEach(disposer);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        clear();
    }
}
