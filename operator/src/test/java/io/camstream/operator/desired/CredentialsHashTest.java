package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.rtspCameraWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.webrtc.WebRtcSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What rolls a streamer: exactly the credentials it reads, through one pod-template annotation. */
class CredentialsHashTest {
  private static final MediaMtxCredentials.User PUBLISHER = new MediaMtxCredentials.User("camstream-publisher",
      "Vb3kQ9zR2mXwT7yLp4NcF8hJ1sDa6GuE");
  private static final MediaMtxCredentials CREDENTIALS = new MediaMtxCredentials(PUBLISHER,
      new MediaMtxCredentials.User("camstream-api", "apiPassword0123456789"), Optional.empty());
  private static final CameraStream SITE = CameraStreams.of("ns", "site", testPattern("lobby"),
      rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam"),
      rtspCameraWithSecret("dock", "rtsp://10.0.0.6/s", "dock-cam"));
  private static final WebRtcSettings WEBRTC = WebRtcSettings.fromSpec(SITE);

  @Test
  void theHashFollowsEveryCredentialTheStreamerReadsAndNothingElse() {
    String base = CredentialsHash.of(PUBLISHER, Optional.of(new CameraCredentials("admin", "1234")));
    assertThat(CredentialsHash.of(PUBLISHER, Optional.of(new CameraCredentials("admin", "1234")))).isEqualTo(base);
    assertThat(CredentialsHash.of(PUBLISHER, Optional.of(new CameraCredentials("admin", "12345")))).isNotEqualTo(base);
    assertThat(CredentialsHash.of(PUBLISHER, Optional.of(new CameraCredentials("admin1", "234")))).isNotEqualTo(base);
    assertThat(CredentialsHash.of(new MediaMtxCredentials.User("camstream-publisher", "another-random-password"),
        Optional.of(new CameraCredentials("admin", "1234")))).isNotEqualTo(base);
    assertThat(CredentialsHash.of(PUBLISHER, Optional.empty())).isNotEqualTo(base).hasSize(32).matches("[0-9a-f]+");
  }

  /**
   * The annotation is readable by anyone who may read Deployments: keyed by the random publisher password, it gives no
   * handle for a dictionary attack on a weak camera password (two sites with the same camera password hash apart).
   */
  @Test
  void aWeakCameraPasswordCannotBeLookedUpFromTheAnnotation() {
    CameraCredentials weak = new CameraCredentials("admin", "admin");
    String siteA = CredentialsHash.of(PUBLISHER, Optional.of(weak));
    String siteB = CredentialsHash.of(new MediaMtxCredentials.User("camstream-publisher", "otherSiteRandom0123"),
        Optional.of(weak));
    assertThat(siteA).isNotEqualTo(siteB).doesNotContain("admin");
  }

  @Test
  void aChangedCameraSecretChangesOnlyThatStreamersTemplate() {
    DesiredState before = DesiredState.of(SITE, OperatorDefaults.standard(), CREDENTIALS, WEBRTC,
        Map.of("gate", new CameraCredentials("admin", "old"), "dock", new CameraCredentials("admin", "dock")),
        Map.of());
    DesiredState after = DesiredState.of(SITE, OperatorDefaults.standard(), CREDENTIALS, WEBRTC,
        Map.of("gate", new CameraCredentials("admin", "new"), "dock", new CameraCredentials("admin", "dock")),
        Map.of());
    assertThat(annotation(after.streamers().get("gate"))).isNotEqualTo(annotation(before.streamers().get("gate")));
    assertThat(after.streamers().get("dock")).isEqualTo(before.streamers().get("dock"));
    assertThat(after.streamers().get("lobby")).isEqualTo(before.streamers().get("lobby"));
  }

  @Test
  void newMediaMtxCredentialsChangeEveryStreamersTemplate() {
    Map<String, CameraCredentials> cameras = Map.of("gate", new CameraCredentials("admin", "gate"), "dock",
        new CameraCredentials("admin", "dock"));
    DesiredState before = DesiredState.of(SITE, OperatorDefaults.standard(), CREDENTIALS, WEBRTC, cameras, Map.of());
    MediaMtxCredentials rotated = new MediaMtxCredentials(new MediaMtxCredentials.User("camstream-publisher",
        "a-brand-new-random-password-0123"), CREDENTIALS.api(), Optional.empty());
    DesiredState after = DesiredState.of(SITE, OperatorDefaults.standard(), rotated, WEBRTC, cameras, Map.of());
    for (String camera : new String[] {"lobby", "gate", "dock"}) {
      assertThat(annotation(after.streamers().get(camera))).as(camera)
          .isNotEqualTo(annotation(before.streamers().get(camera)));
    }
  }

  @Test
  void aHeldCameraKeepsItsRunningStreamerExactlyAndGetsNoNewOne() {
    Deployment running = new DeploymentBuilder(DesiredState.of(SITE, OperatorDefaults.standard(), CREDENTIALS, WEBRTC,
        Map.of("gate", new CameraCredentials("admin", "old")), Map.of()).streamers().get("gate"))
        .editMetadata().withResourceVersion("42").endMetadata().build();
    DesiredState held = DesiredState.of(SITE, OperatorDefaults.standard(), CREDENTIALS, WEBRTC, Map.of(),
        Map.of("gate", Optional.of(running), "dock", Optional.empty()));
    assertThat(held.streamers()).containsOnlyKeys("lobby", "gate");
    assertThat(held.streamers().get("gate")).isEqualTo(running);
    assertThat(MediaMtxConfigSecretBuilder.yaml(held.configSecret())).contains("gate", "dock");
  }

  private static String annotation(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(CredentialsHash.ANNOTATION);
  }
}
