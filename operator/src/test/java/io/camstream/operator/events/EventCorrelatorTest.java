package io.camstream.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventCorrelatorTest {
  private static final Instant T0 = Instant.parse("2026-11-25T05:00:00Z");
  private static final ObjectReference SITE = site("site", "uid-1");
  private static final EventContent READY = EventContent.normal("Ready", "MediaMTX is available and all 2 cameras"
      + " are publishing");

  private final EventCorrelator correlator = new EventCorrelator();

  @Test
  void theFirstOccurrenceIsACreateUnderANameDerivedFromObjectTypeReasonAndMessage() {
    EventWrite write = correlator.correlate(new EventOccurrence(SITE, READY, T0)).orElseThrow();

    assertThat(write.isUpdate()).isFalse();
    assertThat(write.count()).isEqualTo(1);
    assertThat(write.name()).matches("site\\.[0-9a-f]{16}");
    assertThat(write.name()).as("the same in another run of the operator")
        .isEqualTo(new EventCorrelator().correlate(new EventOccurrence(SITE, READY, T0.plusSeconds(60)))
            .orElseThrow().name());
    assertThat(write.name()).as("another message is another Event")
        .isNotEqualTo(new EventCorrelator().correlate(new EventOccurrence(SITE,
            EventContent.normal("Ready", "MediaMTX is available and all 3 cameras are publishing"), T0))
            .orElseThrow().name());
    assertThat(write.name()).as("another object is another Event")
        .isNotEqualTo(new EventCorrelator().correlate(new EventOccurrence(site("site", "uid-2"), READY, T0))
            .orElseThrow().name());
    Event event = write.toEvent();
    assertThat(event.getFirstTimestamp()).isEqualTo("2026-11-25T05:00:00Z");
    assertThat(event.getLastTimestamp()).isEqualTo("2026-11-25T05:00:00Z");
    assertThat(event.getInvolvedObject()).isEqualTo(SITE);
    assertThat(event.getSource().getComponent()).isEqualTo(EventRecorder.COMPONENT);
  }

  @Test
  void theSameEventAgainRaisesTheStoredCountAndLastTimestamp() {
    EventWrite first = correlator.correlate(new EventOccurrence(SITE, READY, T0)).orElseThrow();
    correlator.stored(first, stored(first, "101"));

    EventWrite again = correlator.correlate(new EventOccurrence(SITE, READY, T0.plusSeconds(90))).orElseThrow();

    assertThat(again.isUpdate()).isTrue();
    assertThat(again.name()).isEqualTo(first.name());
    assertThat(again.count()).isEqualTo(2);
    assertThat(again.resourceVersion()).isEqualTo("101");
    assertThat(again.toEvent().getFirstTimestamp()).isEqualTo("2026-11-25T05:00:00Z");
    assertThat(again.toEvent().getLastTimestamp()).isEqualTo("2026-11-25T05:01:30Z");
  }

  @Test
  void fromTheTenthDifferentMessageSimilarEventsAreCombinedIntoOne() {
    List<EventWrite> writes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      EventWrite write = correlator.correlate(new EventOccurrence(SITE,
          EventContent.warning("CameraStalled", "camera cam-" + i + ": stalled"), T0.plusSeconds(i))).orElseThrow();
      correlator.stored(write, stored(write, Integer.toString(200 + i)));
      writes.add(write);
    }

    assertThat(writes.subList(0, 9)).extracting(EventWrite::name).doesNotHaveDuplicates();
    assertThat(writes.subList(0, 9)).allSatisfy(w -> assertThat(w.content().message()).doesNotContain("combined"));
    List<EventWrite> combined = writes.subList(9, 12);
    assertThat(combined).extracting(EventWrite::name).containsOnly(combined.get(0).name());
    assertThat(combined).extracting(EventWrite::count).containsExactly(1, 2, 3);
    assertThat(combined.get(2).content().message()).isEqualTo("(combined from similar events): camera cam-11:"
        + " stalled");
    assertThat(combined.get(2).content().reason()).isEqualTo("CameraStalled");
  }

  @Test
  void similarEventsFarApartAreNotCombined() {
    for (int i = 0; i < 12; i++) {
      EventWrite write = correlator.correlate(new EventOccurrence(SITE,
          EventContent.warning("CameraStalled", "camera cam-" + i + ": stalled"), T0.plus(Duration.ofMinutes(11L * i))))
          .orElseThrow();
      assertThat(write.content().message()).doesNotContain("combined");
    }
  }

  @Test
  void eachObjectMayWriteTwentyFiveAtOnceThenOneEveryFiveMinutes() {
    List<Optional<EventWrite>> writes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      writes.add(correlator.correlate(new EventOccurrence(SITE, READY, T0)));
    }
    assertThat(writes.subList(0, 25)).allSatisfy(w -> assertThat(w).isPresent());
    assertThat(writes.subList(25, 30)).allSatisfy(w -> assertThat(w).isEmpty());
    assertThat(correlator.correlate(new EventOccurrence(site("other", "uid-3"), READY, T0)))
        .as("another object has its own budget").isPresent();

    assertThat(correlator.correlate(new EventOccurrence(SITE, READY, T0.plus(Duration.ofMinutes(4))))).isEmpty();
    Optional<EventWrite> refilled = correlator.correlate(new EventOccurrence(SITE, READY,
        T0.plus(Duration.ofMinutes(5)).plusSeconds(1)));
    assertThat(refilled).isPresent();
    assertThat(refilled.get().count()).as("skipped occurrences still count").isEqualTo(32);
  }

  private static Event stored(EventWrite write, String resourceVersion) {
    Event event = new EventBuilder(write.toEvent()).build();
    event.getMetadata().setResourceVersion(resourceVersion);
    return event;
  }

  private static ObjectReference site(String name, String uid) {
    return new ObjectReferenceBuilder().withApiVersion("camstream.io/v1alpha1").withKind("CameraStream")
        .withNamespace("cameras").withName(name).withUid(uid).build();
  }
}
