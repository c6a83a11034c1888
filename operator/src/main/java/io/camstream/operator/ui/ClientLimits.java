package io.camstream.operator.ui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of one kind of long request (event streams, video requests) a client may hold at once, and all clients
 * together: one client cannot take what everybody shares. A client is a {@link Viewer#client()}: a user behind the
 * authenticating proxy, an address otherwise.
 */
final class ClientLimits {
  /** Held while the request runs; closing it twice returns one place only. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final int perClient;
  private final int total;
  private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
  private final AtomicInteger all = new AtomicInteger();

  ClientLimits(int perClient, int total) {
    this.perClient = perClient;
    this.total = total;
  }

  /** A place for {@code client}, or null when it (or everybody) holds all there are. */
  Permit tryAcquire(String client) {
    if (all.incrementAndGet() > total) {
      all.decrementAndGet();
      return null;
    }
    int[] now = new int[1];
    held.compute(client, (key, value) -> {
      AtomicInteger counter = value == null ? new AtomicInteger() : value;
      now[0] = counter.incrementAndGet();
      return counter;
    });
    if (now[0] > perClient) {
      release(client);
      return null;
    }
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        release(client);
      }
    };
  }

  int perClient() {
    return perClient;
  }

  int held(String client) {
    AtomicInteger count = held.get(client);
    return count == null ? 0 : count.get();
  }

  int total() {
    return all.get();
  }

  private void release(String client) {
    held.computeIfPresent(client, (key, value) -> value.decrementAndGet() <= 0 ? null : value);
    all.decrementAndGet();
  }
}
