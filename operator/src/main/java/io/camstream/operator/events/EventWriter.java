package io.camstream.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Stores one correlated Event: a create, or a replace of the stored Event with its count raised. Names are
 * deterministic, so "already exists" means the Event was recorded before (by an earlier run of the operator): its
 * count is raised instead. A conflict re-reads and raises the stored count; a vanished Event is created again.
 */
final class EventWriter {
  private static final int ATTEMPTS = 3;

  private final KubernetesClient client;

  EventWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @return the Event the API server stored, and under which write (counts merged with what it held)
   * @throws KubernetesClientException when the API server refused or could not be reached
   */
  Stored write(EventWrite write) {
    EventWrite current = write;
    for (int attempt = 1; ; attempt++) {
      try {
        Event stored = current.isUpdate()
            ? client.v1().events().inNamespace(current.namespace()).resource(current.toEvent()).update()
            : client.v1().events().inNamespace(current.namespace()).resource(current.toEvent()).create();
        return new Stored(current, stored);
      } catch (KubernetesClientException e) {
        int code = e.getCode();
        boolean exists = code == HttpURLConnection.HTTP_CONFLICT;
        boolean vanished = code == HttpURLConnection.HTTP_NOT_FOUND && current.isUpdate();
        if (attempt >= ATTEMPTS || !(exists || vanished)) {
          throw e;
        }
        current = exists ? onTopOfStored(current) : current.withStored(current.count(),
            current.firstTimestamp(), null);
      }
    }
  }

  /** The write as a raise of what the API server holds now; a create again if it holds nothing. */
  private EventWrite onTopOfStored(EventWrite write) {
    Event stored = client.v1().events().inNamespace(write.namespace()).withName(write.name()).get();
    if (stored == null) {
      return write.withStored(write.count(), write.firstTimestamp(), null);
    }
    int count = stored.getCount() == null ? 1 : stored.getCount();
    Instant first = firstTimestamp(stored).orElse(write.firstTimestamp());
    return write.withStored(Math.max(count + 1, write.count()), first, stored.getMetadata().getResourceVersion());
  }

  private static Optional<Instant> firstTimestamp(Event stored) {
    try {
      return Optional.ofNullable(stored.getFirstTimestamp()).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  record Stored(EventWrite write, Event event) {
  }
}
