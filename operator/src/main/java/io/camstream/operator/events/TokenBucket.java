package io.camstream.operator.events;

import java.time.Duration;
import java.time.Instant;

/** A token bucket: {@code burst} at once, then one more per {@code refillEvery}. Not thread-safe. */
final class TokenBucket {
  private final int burst;
  private final Duration refillEvery;
  private double tokens;
  private Instant last;

  TokenBucket(int burst, Duration refillEvery, Instant now) {
    this.burst = burst;
    this.refillEvery = refillEvery;
    this.tokens = burst;
    this.last = now;
  }

  boolean tryTake(Instant now) {
    if (now.isAfter(last)) {
      double refilled = (double) Duration.between(last, now).toNanos() / refillEvery.toNanos();
      tokens = Math.min(burst, tokens + refilled);
      last = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
