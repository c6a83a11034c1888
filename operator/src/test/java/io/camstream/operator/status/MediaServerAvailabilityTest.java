package io.camstream.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.Test;

/** The media server serves when its Deployment says Available, or, before any condition, has a ready replica. */
class MediaServerAvailabilityTest {

  @Test
  void aDeploymentNotCreatedYetIsNotAvailable() {
    assertThat(MediaServerAvailability.of(null))
        .isEqualTo(new MediaServerAvailability(false, "MediaMTX Deployment not created yet"));
  }

  @Test
  void theAvailableConditionDecides() {
    assertThat(MediaServerAvailability.of(withAvailable("True", "has minimum availability", 0)))
        .as("even before the replica count is reported")
        .isEqualTo(new MediaServerAvailability(true, "MediaMTX is available"));
    assertThat(MediaServerAvailability.of(withAvailable("False", "Deployment does not have minimum availability.", 1)))
        .as("even with a replica counted").isEqualTo(new MediaServerAvailability(false,
            "MediaMTX is not available: Deployment does not have minimum availability."));
  }

  @Test
  void withoutAnAvailableConditionOneAvailableReplicaIsEnough() {
    Deployment progressingOnly = new DeploymentBuilder().withNewStatus().addNewCondition().withType("Progressing")
        .withStatus("False").endCondition().withAvailableReplicas(1).endStatus().build();
    assertThat(MediaServerAvailability.of(progressingOnly))
        .isEqualTo(new MediaServerAvailability(true, "MediaMTX is available"));
    Deployment noReplica = new DeploymentBuilder().withNewStatus().withAvailableReplicas(0).endStatus().build();
    assertThat(MediaServerAvailability.of(noReplica))
        .isEqualTo(new MediaServerAvailability(false, "MediaMTX has no available replica yet"));
    assertThat(MediaServerAvailability.of(new DeploymentBuilder().withNewStatus().endStatus().build()).available())
        .isFalse();
    assertThat(MediaServerAvailability.of(new Deployment()).available()).as("no status at all").isFalse();
  }

  private static Deployment withAvailable(String status, String message, int availableReplicas) {
    return new DeploymentBuilder().withNewStatus()
        .addToConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("True").build())
        .addToConditions(new DeploymentConditionBuilder().withType("Available").withStatus(status)
            .withMessage(message).build())
        .withAvailableReplicas(availableReplicas).endStatus().build();
  }
}
