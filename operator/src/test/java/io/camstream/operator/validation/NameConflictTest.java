package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A create refused as "already exists" is found among a failed reconcile's causes, however deep. */
class NameConflictTest {
  private final CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
  private final HasMetadata streamer = new DeploymentBuilder().withNewMetadata().withName("site-lobby").endMetadata()
      .build();
  private final NameConflict conflict = new NameConflict(NameConflictCheck.problem(site, streamer), streamer);

  @Test
  void carriesTheProblemAndTheObjectWanted() {
    assertThat(conflict.problem().reason()).isEqualTo("NameConflict");
    assertThat(conflict.getMessage()).isEqualTo(conflict.problem().message())
        .startsWith("Deployment \"site-lobby\" already exists in namespace ns");
    assertThat(conflict.wanted()).isSameAs(streamer);
  }

  @Test
  void isFoundAsACauseOrInsideAWorkflowsAggregatedFailures() {
    assertThat(NameConflict.in(conflict)).containsSame(conflict);
    assertThat(NameConflict.in(new IllegalStateException("reconcile failed", conflict))).containsSame(conflict);
    AggregatedOperatorException aggregated = new AggregatedOperatorException("workflow failed",
        Map.of("config", new IllegalStateException("409"), "streamer", new RuntimeException(conflict)));
    assertThat(NameConflict.in(new RuntimeException(aggregated))).containsSame(conflict);
  }

  @Test
  void otherFailuresAreNoConflict() {
    assertThat(NameConflict.in(new IllegalStateException("500"))).isEmpty();
    assertThat(NameConflict.in(new AggregatedOperatorException("workflow failed",
        Map.of("config", new IllegalStateException("409"))))).isEmpty();
    assertThat(NameConflict.in(null)).isEmpty();
  }
}
