package io.camstream.operator.events;

import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;

/** One request to record an Event, as it waits in the recorder's queue. */
record EventOccurrence(ObjectReference involved, EventContent content, Instant at) {
}
