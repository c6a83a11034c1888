package io.camstream.operator.webrtc;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * STUN and TURN servers on the real operator: the TURN credentials come from a labelled Secret into MediaMTX's
 * {@code webrtcICEServers2} and nowhere else, follow the Secret when it changes, and a Secret that is not there
 * stops the CameraStream before anything is written.
 */
class IceServersOperatorTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PASSWORD = "planted-turn-PASS-5hT9";
  private static final String ROTATED = "planted-turn-ROTATED-8kW2";
  private static OperatorTestHarness harness;

  @BeforeAll
  static void start() {
    harness = OperatorTestHarness.start();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void iceServersWithTheirSecretsBecomeWebrtcIceServers2AndThePasswordGoesNowhereElse() throws Exception {
    String ns = harness.newNamespace();
    turnSecret(ns, "turn", "viewer", PASSWORD);
    harness.create(site(ns, IceServersTest.ice("stun:stun.example.com:3478", null, null, null),
        IceServersTest.ice("turn:turn.example.com:3478?transport=udp", "turn", null, true),
        IceServersTest.ice("turns:turn.example.com:443?transport=tcp", "turn", null, null)));
    harness.awaitDeployment(ns, "site-mediamtx");

    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(config(ns).get("webrtcICEServers2"))
        .isEqualTo(List.of(
            Map.of("url", "stun:stun.example.com:3478", "clientOnly", false),
            Map.of("url", "turn:turn.example.com:3478?transport=udp", "username", "viewer", "password", PASSWORD,
                "clientOnly", true),
            Map.of("url", "turns:turn.example.com:443?transport=tcp", "username", "viewer", "password", PASSWORD,
                "clientOnly", false))));
    CameraStream site = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && cs.getStatus().getObservedGeneration() != null);

    // The config Secret holds it; the status, Events, Deployments, Services and other Secrets do not.
    List<String> elsewhere = new java.util.ArrayList<>();
    elsewhere.add(Serialization.asJson(site.getStatus()));
    harness.events(ns).forEach(e -> elsewhere.add(Serialization.asJson(e)));
    harness.client().apps().deployments().inNamespace(ns).list().getItems()
        .forEach(d -> elsewhere.add(Serialization.asJson(d)));
    harness.client().services().inNamespace(ns).list().getItems().forEach(s -> elsewhere.add(Serialization.asJson(s)));
    harness.client().secrets().inNamespace(ns).list().getItems().stream()
        .filter(s -> !List.of("site-mediamtx-config", "turn").contains(s.getMetadata().getName()))
        .forEach(s -> elsewhere.add(Serialization.asJson(s)));
    String base64 = java.util.Base64.getEncoder().encodeToString(PASSWORD.getBytes());
    assertThat(elsewhere).noneMatch(text -> text.contains(PASSWORD) || text.contains(base64));

    // Rotated: the Secret is watched, and the new password is written at once.
    harness.client().secrets().inNamespace(ns).withName("turn").edit(secret -> {
      secret.setData(null);
      secret.setStringData(Map.of("username", "viewer", "password", ROTATED));
      return secret;
    });
    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(
        YAML.writeValueAsString(config(ns).get("webrtcICEServers2"))).contains(ROTATED).doesNotContain(PASSWORD));
  }

  @Test
  void aMissingOrUnlabelledTurnSecretStopsTheCameraStreamBeforeAnythingIsWritten() {
    String ns = harness.newNamespace();
    harness.create(site(ns, IceServersTest.ice("turn:turn.example.com", "turn", null, null)));
    CameraStream missing = harness.awaitCameraStream(ns, "site", cs -> "SecretNotFound".equals(readyReason(cs)));
    assertThat(ready(missing).getMessage()).contains("spec.mediamtx.iceServers[0].credentialsSecretRef.name",
        "\"turn\"");
    assertThat(harness.deployment(ns, "site-mediamtx")).isNull();
    assertThat(harness.deployment(ns, "site-lobby")).isNull();
    assertThat(harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get()).isNull();

    harness.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("turn")
        .endMetadata().withStringData(Map.of("username", "viewer", "password", PASSWORD)).build()).create();
    CameraStream unlabelled = harness.awaitCameraStream(ns, "site",
        cs -> "SecretNotLabelled".equals(readyReason(cs)));
    assertThat(ready(unlabelled).getMessage()).contains("kubectl label secret turn").doesNotContain(PASSWORD);
    assertThat(harness.deployment(ns, "site-mediamtx")).isNull();

    harness.client().secrets().inNamespace(ns).withName("turn").edit(secret -> {
      secret.getMetadata().setLabels(Map.of(Labels.CAMERA_CREDENTIALS, "true"));
      return secret;
    });
    harness.awaitDeployment(ns, "site-mediamtx");
  }

  private static CameraStream site(String ns, IceServerSpec... servers) {
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setIceServers(List.of(servers));
    site.getSpec().setMediamtx(mediamtx);
    return site;
  }

  private static void turnSecret(String ns, String name, String username, String password) {
    harness.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
        .addToLabels(Labels.CAMERA_CREDENTIALS, "true").endMetadata()
        .withStringData(Map.of("username", username, "password", password)).build()).create();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(String ns) throws Exception {
    Secret secret = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get();
    assertThat(secret).isNotNull();
    return YAML.readValue(MediaMtxConfigSecretBuilder.yaml(secret), Map.class);
  }

  private static Condition ready(CameraStream cs) {
    return cs.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
  }

  private static String readyReason(CameraStream cs) {
    return cs.getStatus() == null || cs.getStatus().getConditions() == null ? null
        : cs.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
            .map(Condition::getReason).orElse(null);
  }
}
