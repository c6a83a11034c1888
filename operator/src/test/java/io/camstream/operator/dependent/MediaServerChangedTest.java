package io.camstream.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class MediaServerChangedTest {
  private final MediaServerChanged filter = new MediaServerChanged();

  private static Deployment withStatus(boolean available, String message, long observedGeneration) {
    return new DeploymentBuilder().withNewMetadata().withName("site-mediamtx").withGeneration(1L)
        .addToAnnotations("deployment.kubernetes.io/revision", Long.toString(observedGeneration)).endMetadata()
        .withNewStatus().withObservedGeneration(observedGeneration).withReplicas(1)
        .withUnavailableReplicas(available ? null : 1)
        .addNewCondition().withType("Available").withStatus(available ? "True" : "False").withMessage(message)
        .endCondition().endStatus().build();
  }

  @Test
  void statusUpdatesThatLeaveAvailabilityAloneAreNoReason() {
    Deployment created = new DeploymentBuilder().withNewMetadata().withName("site-mediamtx").withGeneration(1L)
        .endMetadata().build();
    Deployment progressing = new DeploymentBuilder(created).withNewStatus().withObservedGeneration(1L)
        .withReplicas(1).withUnavailableReplicas(1).endStatus().build();

    assertThat(filter.accept(progressing, created)).as("no replica available before, none now").isFalse();
    assertThat(filter.accept(withStatus(true, "ok", 2), withStatus(true, "ok", 1))).isFalse();
  }

  @Test
  void availabilityAndItsReasonAreReported() {
    assertThat(filter.accept(withStatus(true, "ok", 1), withStatus(false, "starting", 1))).isTrue();
    assertThat(filter.accept(withStatus(false, "deadline exceeded", 1), withStatus(false, "starting", 1))).isTrue();
    assertThat(filter.accept(new DeploymentBuilder(withStatus(true, "ok", 1)).editMetadata().withGeneration(2L)
        .endMetadata().build(), withStatus(true, "ok", 1))).as("what camstream decides, as for streamers").isTrue();
  }
}
