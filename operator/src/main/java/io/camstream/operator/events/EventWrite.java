package io.camstream.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Event object to create or update after correlation.
 *
 * @param key             what identifies "the same Event" (the correlator's cache key)
 * @param resourceVersion of the stored Event when one is known: the write is then an update of its count
 */
record EventWrite(String key, String name, ObjectReference involved, EventContent content, int count,
    Instant firstTimestamp, Instant lastTimestamp, String resourceVersion) {

  boolean isUpdate() {
    return resourceVersion != null;
  }

  String namespace() {
    return involved.getNamespace();
  }

  EventWrite withStored(int storedCount, Instant storedFirst, String storedResourceVersion) {
    return new EventWrite(key, name, involved, content, storedCount, storedFirst, lastTimestamp,
        storedResourceVersion);
  }

  Event toEvent() {
    return new EventBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(namespace())
          .withResourceVersion(resourceVersion)
        .endMetadata()
        .withInvolvedObject(involved)
        .withType(content.type())
        .withReason(content.reason())
        .withMessage(content.message())
        .withFirstTimestamp(time(firstTimestamp))
        .withLastTimestamp(time(lastTimestamp))
        .withCount(count)
        .withNewSource().withComponent(EventRecorder.COMPONENT).endSource()
        .withReportingComponent(EventRecorder.COMPONENT)
        .build();
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
