package io.camstream.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * client-go's EventCorrelator ({@code tools/record/events_cache.go}) for the recorder's single writer thread, so
 * it needs no locks:
 * <ul>
 *   <li><b>aggregation</b>: from the 10th different message with the same object, type and reason within 10
 *       minutes, occurrences go to one Event "(combined from similar events): <latest message>" whose count
 *       grows;</li>
 *   <li><b>deduplication</b>: the same object, type, reason and message again updates the stored Event's
 *       {@code count} and {@code lastTimestamp} instead of creating another. Its name is derived from those four,
 *       so an operator restart finds and counts on the same Event;</li>
 *   <li><b>rate limit</b> (client-go's spam filter): each involved object may write 25 Events at once, then one
 *       more per 5 minutes, so a flapping camera cannot flood the API server. A skipped occurrence still counts:
 *       the next write of that Event carries it.</li>
 * </ul>
 */
final class EventCorrelator {
  static final int CACHE_SIZE = 4096;
  static final int AGGREGATE_MAX_MESSAGES = 10;
  static final Duration AGGREGATE_INTERVAL = Duration.ofMinutes(10);
  static final int BURST = 25;
  static final Duration REFILL_EVERY = Duration.ofMinutes(5);
  static final String COMBINED = "(combined from similar events): ";
  private static final char SEPARATOR = '\n';

  private final Map<String, Similar> similar = lru();
  private final Map<String, Logged> logged = lru();
  private final Map<String, TokenBucket> limits = lru();

  /** @return the Event to write, or empty when the involved object's rate limit skips it */
  Optional<EventWrite> correlate(EventOccurrence occurrence) {
    Instant now = occurrence.at();
    EventContent content = occurrence.content();
    String objectKey = objectKey(occurrence.involved());
    String similarKey = objectKey + SEPARATOR + content.type() + SEPARATOR + content.reason();
    String key = similarKey + SEPARATOR + content.message();

    Similar messages = similar.get(similarKey);
    if (messages == null || Duration.between(messages.last, now).compareTo(AGGREGATE_INTERVAL) > 0) {
      messages = new Similar();
    }
    messages.messages.add(content.message());
    messages.last = now;
    similar.put(similarKey, messages);
    if (messages.messages.size() >= AGGREGATE_MAX_MESSAGES) {
      Iterator<String> oldest = messages.messages.iterator();
      oldest.next();
      oldest.remove();
      key = similarKey;
      content = new EventContent(content.type(), content.reason(), COMBINED + content.message());
    }

    Logged previous = logged.get(key);
    EventWrite write = previous == null
        ? new EventWrite(key, name(occurrence.involved(), key), occurrence.involved(), content, 1, now, now, null)
        : new EventWrite(key, previous.name, occurrence.involved(), content, previous.count + 1, previous.first, now,
            previous.resourceVersion);
    logged.put(key, new Logged(write.name(), write.count(), write.firstTimestamp(), write.resourceVersion()));

    TokenBucket limit = limits.get(objectKey);
    if (limit == null) {
      limit = new TokenBucket(BURST, REFILL_EVERY, now);
      limits.put(objectKey, limit);
    }
    return limit.tryTake(now) ? Optional.of(write) : Optional.empty();
  }

  /** What the API server stored is the base of the next update of that Event. */
  void stored(EventWrite write, Event stored) {
    Logged now = logged.get(write.key());
    int count = stored.getCount() == null ? write.count() : stored.getCount();
    // occurrences skipped meanwhile keep counting on top of what was stored
    int pending = now == null ? 0 : Math.max(0, now.count - write.count());
    logged.put(write.key(), new Logged(stored.getMetadata().getName(), count + pending, write.firstTimestamp(),
        stored.getMetadata().getResourceVersion()));
  }

  /** "site.3f2a…": the involved object's name and a digest of the key, valid as an Event name and stable. */
  static String name(ObjectReference involved, String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return involved.getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String objectKey(ObjectReference involved) {
    return involved.getApiVersion() + SEPARATOR + involved.getKind() + SEPARATOR + involved.getNamespace()
        + SEPARATOR + involved.getName() + SEPARATOR + involved.getUid();
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }

  /** The distinct messages of one object, type and reason seen lately. */
  private static final class Similar {
    final Set<String> messages = new LinkedHashSet<>();
    Instant last;
  }

  private record Logged(String name, int count, Instant first, String resourceVersion) {
  }
}
