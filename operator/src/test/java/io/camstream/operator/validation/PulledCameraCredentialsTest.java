package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.CameraCredentials;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pulled camera's Secret goes into MediaMTX's config: both a username and a password, or neither. */
class PulledCameraCredentialsTest {

  @Test
  void onlyPulledCamerasWithASecretGetCredentialsByCameraName() {
    CameraSpec pushed = CameraStreams.rtspCameraWithSecret("pushed", "rtsp://10.0.0.8/live", "pushed-cam");
    CameraSpec door = CameraStreams.pulledWithSecret("door", "rtsp://10.0.0.9/live", "door-cam");
    CameraSpec gate = CameraStreams.pulledWithSecret("gate", "rtsp://10.0.0.10/live", "gate-cam");
    gate.getSource().getCredentialsSecretRef().setUsernameKey("user");
    gate.getSource().getCredentialsSecretRef().setPasswordKey("pass");
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), pushed,
        CameraStreams.pulled("open", "rtsp://10.0.0.11/live"), door, gate);
    Map<String, Secret> secrets = Map.of(
        "pushed-cam", secret(Map.of("username", "p", "password", "q")),
        "door-cam", secret(Map.of("username", "admin", "password", "hunter2")),
        "gate-cam", new SecretBuilder().withNewMetadata().withName("gate-cam").endMetadata()
            .addToStringData("user", "guard").addToStringData("pass", "s3cret").build());

    PulledCameraCredentials.Resolution resolution = PulledCameraCredentials.resolve(site,
        name -> Optional.ofNullable(secrets.get(name)));

    assertThat(resolution.problems()).isEmpty();
    assertThat(resolution.credentials()).containsExactly(
        Map.entry("door", new CameraCredentials("admin", "hunter2")),
        Map.entry("gate", new CameraCredentials("guard", "s3cret")));
  }

  @Test
  void bothEmptyMeansNoCredentials() {
    CameraStream site = CameraStreams.of("ns", "site",
        CameraStreams.pulledWithSecret("door", "rtsp://10.0.0.9/live", "door-cam"));
    PulledCameraCredentials.Resolution resolution = PulledCameraCredentials.resolve(site,
        name -> Optional.of(secret(Map.of("username", "", "password", ""))));
    assertThat(resolution.problems()).isEmpty();
    assertThat(resolution.credentials()).containsExactly(Map.entry("door", new CameraCredentials("", "")));
  }

  @Test
  void aMissingKeyOrSecretIsNamedWithoutAnyValue() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"),
        CameraStreams.pulledWithSecret("door", "rtsp://10.0.0.9/live", "door-cam"));

    assertProblem(site, Optional.of(secret(Map.of("username", "admin"))), "SecretKeyNotFound",
        "spec.cameras[1].source.credentialsSecretRef: Secret \"door-cam\" has no key \"password\"");
    assertProblem(site, Optional.of(secret(Map.of("password", "hunter2"))), "SecretKeyNotFound",
        "spec.cameras[1].source.credentialsSecretRef: Secret \"door-cam\" has no key \"username\"");
    assertProblem(site, Optional.empty(), "SecretKeyNotFound",
        "spec.cameras[1].source.credentialsSecretRef: Secret \"door-cam\" has no key \"username\"");
    Secret notBase64 = new SecretBuilder().withNewMetadata().withName("door-cam").endMetadata()
        .addToData("username", "YWRtaW4=").addToData("password", "not base64!").build();
    assertProblem(site, Optional.of(notBase64), "SecretKeyNotFound",
        "spec.cameras[1].source.credentialsSecretRef: Secret \"door-cam\" has no key \"password\"");
  }

  @Test
  void aUsernameWithoutAPasswordOrTheReverseIsInvalidCredentials() {
    CameraStream site = CameraStreams.of("ns", "site",
        CameraStreams.pulledWithSecret("door", "rtsp://10.0.0.9/live", "door-cam"));
    assertProblem(site, Optional.of(secret(Map.of("username", "admin", "password", ""))), "InvalidCredentials",
        "spec.cameras[0].source.credentialsSecretRef: Secret \"door-cam\" key \"password\" is empty");
    assertProblem(site, Optional.of(secret(Map.of("username", "", "password", "hunter2"))), "InvalidCredentials",
        "spec.cameras[0].source.credentialsSecretRef: Secret \"door-cam\" key \"username\" is empty");
  }

  @Test
  void everyPulledCameraWithAProblemIsNamedInSpecOrder() {
    CameraStream site = CameraStreams.of("ns", "site",
        CameraStreams.pulledWithSecret("door", "rtsp://10.0.0.9/live", "door-cam"),
        CameraStreams.pulledWithSecret("gate", "rtsp://10.0.0.10/live", "gate-cam"),
        CameraStreams.pulledWithSecret("yard", "rtsp://10.0.0.11/live", "yard-cam"));
    Map<String, Secret> secrets = Map.of(
        "door-cam", secret(Map.of("username", "admin")),
        "gate-cam", secret(Map.of("username", "guard", "password", "s3cret")),
        "yard-cam", secret(Map.of("username", "", "password", "hunter2")));

    PulledCameraCredentials.Resolution resolution = PulledCameraCredentials.resolve(site,
        name -> Optional.ofNullable(secrets.get(name)));

    assertThat(resolution.problems()).containsOnlyKeys("door", "yard");
    assertThat(resolution.problems().values()).extracting(SpecProblem::reason)
        .containsExactly("SecretKeyNotFound", "InvalidCredentials");
    assertThat(resolution.credentials()).containsExactly(Map.entry("gate", new CameraCredentials("guard", "s3cret")));
  }

  private static void assertProblem(CameraStream site, Optional<Secret> secret, String reason, String message) {
    PulledCameraCredentials.Resolution resolution = PulledCameraCredentials.resolve(site, name -> secret);
    assertThat(resolution.credentials()).isEmpty();
    assertThat(resolution.problems()).as(message).containsOnlyKeys("door").extractingByKey("door").satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo(reason);
      assertThat(problem.message()).startsWith(message).doesNotContain("admin", "hunter2");
    });
  }

  private static Secret secret(Map<String, String> values) {
    SecretBuilder secret = new SecretBuilder().withNewMetadata().withName("door-cam").endMetadata();
    values.forEach((key, value) -> secret.addToData(key, CameraStreams.base64(value)));
    return secret.build();
  }
}
