package io.camstream.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class SpecOrMetadataChangedTest {
  private final SpecOrMetadataChanged filter = new SpecOrMetadataChanged();

  private static Deployment stored() {
    return new DeploymentBuilder().withNewMetadata().withName("site-lobby").withGeneration(1L)
        .addToLabels("camstream.io/camera", "lobby").addToAnnotations("camstream.io/desired-hash", "abc")
        .endMetadata().build();
  }

  @Test
  void theDeploymentControllersRevisionAndStatusAreNoReason() {
    Deployment revised = new DeploymentBuilder(stored()).editMetadata()
        .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata()
        .withNewStatus().withObservedGeneration(1L).withAvailableReplicas(1).endStatus().build();

    assertThat(filter.accept(revised, stored())).isFalse();
  }

  @Test
  void whatCamstreamDecidesIsAReason() {
    assertThat(filter.accept(new DeploymentBuilder(stored()).editMetadata().withGeneration(2L).endMetadata().build(),
        stored())).as("the spec").isTrue();
    assertThat(filter.accept(new DeploymentBuilder(stored()).editMetadata()
        .addToAnnotations("camstream.io/desired-hash", "def").endMetadata().build(), stored()))
        .as("camstream's hash edited").isTrue();
    assertThat(filter.accept(new DeploymentBuilder(stored()).editMetadata()
        .addToAnnotations("audit.example.com/checked", "1").endMetadata().build(), stored()))
        .as("another controller's annotation").isTrue();
    assertThat(filter.accept(new DeploymentBuilder(stored()).editMetadata().withAnnotations(null).endMetadata()
        .build(), stored())).as("annotations removed").isTrue();
    assertThat(filter.accept(new DeploymentBuilder(stored()).editMetadata().addToLabels("camstream.io/camera", "gate")
        .endMetadata().build(), stored())).as("a label").isTrue();
    assertThat(filter.accept(new DeploymentBuilder(stored()).editMetadata().withDeletionTimestamp("2026-12-07T12:00:00Z")
        .endMetadata().build(), stored())).as("deleted").isTrue();
  }
}
