package io.camstream.streamer.resilience;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A bounded hand-off between the grabbing thread and the encoding/writing thread that never blocks the grabber and
 * never lets latency creep: when the consumer falls behind, the <em>oldest</em> queued item is dropped (and closed)
 * and counted.
 *
 * <p>JavaCV grabbers reuse their frame buffers on the next grab, so every offered item is copied (e.g.
 * {@code Frame::clone}) before it is queued; the consumer owns what it takes and must close it. Items dropped or
 * left behind on {@link #close()} are released with the disposer, so native buffers never leak.
 */
public final class DropOldestHandoff<T> implements AutoCloseable {

    private final int capacity;
    private final UnaryOperator<T> copier;
    private final Consumer<T> disposer;
    private final Runnable onDrop;
    private final ArrayDeque<T> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;
    private long dropped;

    public DropOldestHandoff(int capacity, UnaryOperator<T> copier, Consumer<T> disposer, Runnable onDrop) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.copier = Objects.requireNonNull(copier);
        this.disposer = Objects.requireNonNull(disposer);
        this.onDrop = Objects.requireNonNull(onDrop);
        this.queue = new ArrayDeque<>(capacity);
    }

    /**
     * Copies {@code item} and queues the copy, dropping the oldest queued item if full. Returns false (and copies
     * nothing) once closed.
     */
    public boolean offer(T item) {
        Objects.requireNonNull(item);
        T evicted = null;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (queue.size() == capacity) {
                evicted = queue.pollFirst();
                dropped++;
            }
            queue.addLast(copier.apply(item));
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (evicted != null) {
            disposer.accept(evicted);
            onDrop.run();
        }
        return true;
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
            return queue.pollFirst();
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
