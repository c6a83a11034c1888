package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names a reconcile creates under, known before anything is built: exactly the desired state's, in its order. */
class OwnedNamesTest {

  @Test
  void theNamesAreThoseOfEveryObjectTheDesiredStateHolds() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"),
        CameraStreams.pulled("gate", "rtsp://10.0.0.10/live"), CameraStreams.camera("door", "rtsp://10.0.0.9/l"));
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), Map.of(), () -> "generated");

    assertThat(ResourceNames.owned(site)).containsExactlyElementsOf(desired.all().stream()
        .map(object -> new OwnedName(object.getClass(), object.getMetadata().getName())).toList());
    assertThat(ResourceNames.owned(site)).extracting(name -> name.kind() + " " + name.name()).containsExactly(
        "Secret site-mediamtx-credentials", "Secret site-mediamtx-config", "Deployment site-mediamtx",
        "Service site-mediamtx", "Service site-mediamtx-internal", "NetworkPolicy site-mediamtx",
        "Deployment site-lobby", "Deployment site-door");
  }

  @Test
  void aSpecStillToBeValidatedCanBeRead() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern(null));
    site.getSpec().getCameras().add(null);
    assertThat(ResourceNames.owned(site)).hasSize(7).last().isEqualTo(new OwnedName(Deployment.class, "site-lobby"));

    CameraStream noCameras = CameraStreams.of("ns", "site", new CameraSpec[0]);
    noCameras.getSpec().setCameras(null);
    assertThat(ResourceNames.owned(noCameras)).hasSize(6);
    noCameras.setSpec(null);
    assertThat(ResourceNames.owned(noCameras)).hasSize(6);
  }

  @Test
  void aNameIsOnlyThatOfAnObjectOfItsKind() {
    OwnedName streamer = new OwnedName(Deployment.class, "site-lobby");
    HasMetadata deployment = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata()
        .withName("site-lobby").endMetadata().build();
    assertThat(streamer.isNameOf(deployment)).isTrue();
    assertThat(streamer.isNameOf(new SecretBuilder().withNewMetadata().withName("site-lobby").endMetadata().build()))
        .isFalse();
    assertThat(new OwnedName(Deployment.class, "site-door").isNameOf(deployment)).isFalse();
    assertThat(streamer.kind()).isEqualTo("Deployment");
  }
}
