package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.desired.StreamerEnv;
import io.camstream.operator.health.PushHealthReasons;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.dependent.OwnedDependentResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator on the mock API server, driven like a user and the Deployment controller would. */
class CameraStreamLifecycleTest {
  private static OperatorTestHarness harness;

  @BeforeAll
  static void startOperator() {
    harness = OperatorTestHarness.start();
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @Test
  void createsEveryResourceWithOwnerReferencesAndLabels() {
    String ns = harness.newNamespace();
    CameraStream created = harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("garage")));

    Deployment lobby = harness.awaitDeployment(ns, "site-lobby");
    harness.awaitDeployment(ns, "site-garage");
    Deployment mediaMtx = harness.awaitDeployment(ns, "site-mediamtx");
    Secret config = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get();
    Secret credentials = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();
    Service service = harness.client().services().inNamespace(ns).withName("site-mediamtx").get();
    Service internal = harness.client().services().inNamespace(ns).withName("site-mediamtx-internal").get();

    String uid = harness.get(ns, "site").getMetadata().getUid();
    for (HasMetadata object : List.of(lobby, mediaMtx, config, credentials, service, internal)) {
      assertThat(object.getMetadata().getOwnerReferences())
          .as("owner of %s", object.getMetadata().getName())
          .singleElement()
          .satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(uid);
            assertThat(ref.getKind()).isEqualTo("CameraStream");
            assertThat(ref.getController()).isTrue();
          });
      assertThat(object.getMetadata().getLabels())
          .containsEntry(Labels.NAME, "camstream")
          .containsEntry(Labels.MANAGED_BY, "camstream-operator")
          .containsEntry(Labels.CAMERA_STREAM, "site");
    }
    assertThat(lobby.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, "streamer")
        .containsEntry(Labels.CAMERA, "lobby");
    assertThat(mediaMtx.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, "mediamtx");
    assertThat(MediaMtxConfigSecretBuilder.yaml(config)).contains("lobby", "garage");
    assertThat(harness.client().configMaps().inNamespace(ns).list().getItems())
        .as("mediamtx.yml lives in a Secret only").isEmpty();
    assertThat(credentials.getData()).containsKeys(CredentialKeys.PUBLISHER_USERNAME,
        CredentialKeys.PUBLISHER_PASSWORD, CredentialKeys.API_USERNAME, CredentialKeys.API_PASSWORD);
    assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort())
        .containsExactlyInAnyOrder(8554, 8888, 8889, 8189, 8189);
    assertThat(internal.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactlyInAnyOrder(9997, 9998);
    assertThat(internal.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(env(lobby, StreamerEnv.PUBLISH_URL)).isEqualTo("rtsp://site-mediamtx:8554/lobby");
    assertThat(created.getMetadata().getName()).isEqualTo("site");
  }

  @Test
  void statusFollowsTheDeploymentsAndObservedGeneration() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("garage")));
    harness.awaitDeployment(ns, "site-garage");

    CameraStream pending = harness.awaitCameraStream(ns, "site",
        cs -> cs.getStatus() != null && cs.getStatus().getObservedGeneration() != null);
    assertThat(pending.getStatus().getReadyCameras()).isEqualTo("0/2");
    assertThat(condition(pending, ConditionTypes.READY).getStatus()).isEqualTo("False");
    assertThat(condition(pending, ConditionTypes.READY).getReason())
        .isEqualTo(ConditionTypes.REASON_MEDIA_SERVER_UNAVAILABLE);
    assertThat(pending.getStatus().getCameras()).extracting(c -> c.getUrls().getWebrtc())
        .containsExactly("http://site-mediamtx." + ns + ".svc:8889/lobby",
            "http://site-mediamtx." + ns + ".svc:8889/garage");

    harness.markDeploymentReady(ns, "site-mediamtx");
    harness.markDeploymentReady(ns, "site-lobby");
    CameraStream partly = harness.awaitCameraStream(ns, "site",
        cs -> "1/2".equals(cs.getStatus().getReadyCameras())
            && Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.MEDIA_SERVER_AVAILABLE));
    assertThat(condition(partly, ConditionTypes.MEDIA_SERVER_AVAILABLE).getStatus()).isEqualTo("True");
    assertThat(condition(partly, ConditionTypes.READY).getReason())
        .isEqualTo(PushHealthReasons.CAMERAS_NOT_PUBLISHING);
    assertThat(condition(partly, ConditionTypes.CAMERAS_PUBLISHING).getMessage()).contains("garage");

    harness.markDeploymentReady(ns, "site-garage");
    CameraStream ready = harness.awaitCameraStream(ns, "site",
        cs -> Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.READY));
    assertThat(ready.getStatus().getReadyCameras()).isEqualTo("2/2");
    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getConditions()).allSatisfy(c ->
        assertThat(c.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration()));
    String readySince = condition(ready, ConditionTypes.READY).getLastTransitionTime();

    // A spec change that restarts nothing moves observedGeneration but not Ready's transition time.
    harness.edit(ns, "site", cs -> {
      cs.getSpec().setMediamtx(new io.camstream.operator.api.spec.MediaMtxSpec());
      cs.getSpec().getMediamtx().setWebrtcAdditionalHosts(List.of("cams.example.com"));
    });
    CameraStream edited = harness.awaitCameraStream(ns, "site",
        cs -> cs.getStatus().getObservedGeneration().equals(cs.getMetadata().getGeneration())
            && cs.getMetadata().getGeneration() > ready.getMetadata().getGeneration());
    assertThat(condition(edited, ConditionTypes.READY).getStatus()).isEqualTo("True");
    assertThat(condition(edited, ConditionTypes.READY).getLastTransitionTime()).isEqualTo(readySince);
  }

  @Test
  void addingACameraCreatesOnlyItsStreamer() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    Deployment lobbyBefore = harness.awaitDeployment(ns, "site-lobby");
    Deployment serverBefore = harness.awaitDeployment(ns, "site-mediamtx");
    String configBefore = config(ns, "site");

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("garage")));
    harness.awaitDeployment(ns, "site-garage");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> config(ns, "site").contains("garage"));

    Deployment lobbyAfter = harness.deployment(ns, "site-lobby");
    Deployment serverAfter = harness.deployment(ns, "site-mediamtx");
    assertThat(lobbyAfter.getMetadata().getResourceVersion()).isEqualTo(lobbyBefore.getMetadata().getResourceVersion());
    assertThat(serverAfter.getMetadata().getResourceVersion())
        .isEqualTo(serverBefore.getMetadata().getResourceVersion());
    assertThat(serverAfter.getSpec().getTemplate()).isEqualTo(serverBefore.getSpec().getTemplate());
    assertThat(configBefore).doesNotContain("garage");
    assertThat(streamers(ns)).containsExactlyInAnyOrder("site-lobby", "site-garage");
  }

  @Test
  void removingACameraDeletesOnlyItsStreamer() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("garage")));
    Deployment lobbyBefore = harness.awaitDeployment(ns, "site-lobby");
    harness.awaitDeployment(ns, "site-garage");
    Deployment serverBefore = harness.awaitDeployment(ns, "site-mediamtx");

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().removeIf(c -> c.getName().equals("garage")));
    harness.awaitDeploymentGone(ns, "site-garage");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> !config(ns, "site").contains("garage"));

    assertThat(harness.deployment(ns, "site-lobby").getMetadata().getResourceVersion())
        .isEqualTo(lobbyBefore.getMetadata().getResourceVersion());
    assertThat(harness.deployment(ns, "site-mediamtx").getMetadata().getResourceVersion())
        .isEqualTo(serverBefore.getMetadata().getResourceVersion());
    assertThat(streamers(ns)).containsExactly("site-lobby");
    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(harness.events(ns))
        .anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo("CameraRemoved");
          assertThat(e.getMessage()).contains("garage");
        }));
  }

  @Test
  void changingASourceUpdatesOnlyThatStreamer() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("garage")));
    Deployment lobbyBefore = harness.awaitDeployment(ns, "site-lobby");
    Deployment garageBefore = harness.awaitDeployment(ns, "site-garage");
    Deployment serverBefore = harness.awaitDeployment(ns, "site-mediamtx");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> harness.get(ns, "site").getStatus() != null);
    String configBefore = config(ns, "site");

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(1).getSource()
        .setUrl("rtsp://10.0.0.7:554/stream1"));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        "rtsp://10.0.0.7:554/stream1".equals(env(harness.deployment(ns, "site-garage"), StreamerEnv.SOURCE)));

    assertThat(harness.deployment(ns, "site-lobby").getMetadata().getResourceVersion())
        .isEqualTo(lobbyBefore.getMetadata().getResourceVersion());
    assertThat(harness.deployment(ns, "site-mediamtx").getMetadata().getResourceVersion())
        .isEqualTo(serverBefore.getMetadata().getResourceVersion());
    assertThat(config(ns, "site")).isEqualTo(configBefore);
    assertThat(harness.deployment(ns, "site-garage").getMetadata().getResourceVersion())
        .isNotEqualTo(garageBefore.getMetadata().getResourceVersion());
  }

  @Test
  void removingAnOptionalSettingRemovesItsEnvVar() {
    String ns = harness.newNamespace();
    CameraSpec lobby = testPattern("lobby");
    lobby.setVideo(new io.camstream.operator.api.spec.VideoSpec());
    lobby.getVideo().setBitrateKbps(1500);
    harness.create(CameraStreams.of(ns, "site", lobby));
    Deployment before = harness.awaitDeployment(ns, "site-lobby");
    assertThat(env(before, StreamerEnv.BITRATE_KBPS)).isEqualTo("1500");

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(0).setVideo(null));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        env(harness.deployment(ns, "site-lobby"), StreamerEnv.BITRATE_KBPS) == null);
  }

  @Test
  void twoCameraStreamsInOneNamespaceDoNotCollide() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "north", testPattern("lobby")));
    harness.create(CameraStreams.of(ns, "south", testPattern("lobby"), testPattern("dock")));

    harness.awaitDeployment(ns, "north-lobby");
    harness.awaitDeployment(ns, "south-lobby");
    harness.awaitDeployment(ns, "south-dock");
    harness.awaitDeployment(ns, "north-mediamtx");
    harness.awaitDeployment(ns, "south-mediamtx");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> config(ns, "north") != null && config(ns, "south") != null);

    assertThat(config(ns, "north")).doesNotContain("dock");
    assertThat(config(ns, "south")).contains("dock");
    assertThat(env(harness.deployment(ns, "south-lobby"), StreamerEnv.PUBLISH_URL))
        .isEqualTo("rtsp://south-mediamtx:8554/lobby");
    Secret north = harness.client().secrets().inNamespace(ns).withName("north-mediamtx-credentials").get();
    Secret south = harness.client().secrets().inNamespace(ns).withName("south-mediamtx-credentials").get();
    assertThat(north.getData().get(CredentialKeys.PUBLISHER_PASSWORD))
        .isNotEqualTo(south.getData().get(CredentialKeys.PUBLISHER_PASSWORD));

    // Removing a camera from one stream leaves the other's same-named camera alone.
    harness.edit(ns, "south", cs -> cs.getSpec().getCameras().removeIf(c -> c.getName().equals("lobby")));
    harness.awaitDeploymentGone(ns, "south-lobby");
    assertThat(harness.deployment(ns, "north-lobby")).isNotNull();
  }

  @Test
  void credentialsAreGeneratedOnceAndNeverRotated() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    Secret before = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("garage")));
    harness.awaitDeployment(ns, "site-garage");
    Secret after = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();
    assertThat(after.getData()).isEqualTo(before.getData());
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
  }

  @Test
  void deletingTheCameraStreamLeavesCleanupToOwnerReferences() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    String uid = harness.get(ns, "site").getMetadata().getUid();

    harness.delete(ns, "site");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> harness.get(ns, "site") == null);

    // No finalizer blocks deletion; Kubernetes' garbage collector removes every object through its owner
    // reference (the mock has no collector, so the references are what is checked).
    List<HasMetadata> owned = Stream.<HasMetadata>concat(
        harness.client().apps().deployments().inNamespace(ns).list().getItems().stream(),
        Stream.concat(harness.client().services().inNamespace(ns).list().getItems().stream(),
            Stream.concat(harness.client().configMaps().inNamespace(ns).list().getItems().stream(),
                Stream.concat(harness.client().secrets().inNamespace(ns).list().getItems().stream(),
                    harness.client().network().v1().networkPolicies().inNamespace(ns).list().getItems()
                        .stream())))).toList();
    assertThat(owned).hasSize(7).allSatisfy(object -> assertThat(object.getMetadata().getOwnerReferences())
        .anySatisfy(ref -> assertThat(ref.getUid()).isEqualTo(uid)));
  }

  @Test
  void theConfigMapAnOlderOperatorWroteIsDeleted() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    CameraStream site = harness.get(ns, "site");
    // What camstream wrote before mediamtx.yml moved into the Secret <name>-mediamtx-config.
    harness.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("site-mediamtx").withLabels(Labels.mediaMtx(site))
          .withOwnerReferences(OwnedDependentResource.controllerReference(site)).endMetadata()
        .withData(java.util.Map.of(ResourceNames.CONFIG_FILE, "paths: {}\n")).build()).create();

    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        harness.client().configMaps().inNamespace(ns).withName("site-mediamtx").get() == null);
    assertThat(config(ns, "site")).contains("lobby");
    assertThat(harness.deployment(ns, "site-mediamtx").getSpec().getTemplate().getSpec().getVolumes())
        .noneMatch(v -> v.getConfigMap() != null);
  }

  @Test
  void recordsOneEventPerChangeNotPerObjectOrReconcile() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("garage")));
    harness.awaitDeployment(ns, "site-lobby");
    harness.awaitDeployment(ns, "site-garage");
    harness.markDeploymentReady(ns, "site-mediamtx");
    harness.markDeploymentReady(ns, "site-lobby");
    harness.markDeploymentReady(ns, "site-garage");
    harness.awaitCameraStream(ns, "site", cs -> Conditions.isTrue(cs.getStatus().getConditions(),
        ConditionTypes.READY));
    // More reconciles without transitions (status-only noise on the Deployments) add no events.
    harness.markDeploymentReady(ns, "site-lobby");
    await().pollDelay(Duration.ofMillis(500)).atMost(OperatorTestHarness.TIMEOUT).until(() -> true);

    // the way up to Ready (MediaMTX starting, cameras connecting) is in the status, not in Events
    List<Event> events = harness.events(ns);
    assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("MediaServerCreated",
        ConditionTypes.REASON_READY);
    assertThat(events).filteredOn(e -> "MediaServerCreated".equals(e.getReason())).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Created MediaMTX Deployment site-mediamtx and 2"
            + " cameras: garage, lobby (streamer Deployments site-garage, site-lobby)"));
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getCount()).isEqualTo(1);
      assertThat(e.getInvolvedObject().getName()).isEqualTo("site");
      assertThat(e.getInvolvedObject().getUid()).isEqualTo(harness.get(ns, "site").getMetadata().getUid());
    });

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().addAll(List.of(testPattern("dock"),
        testPattern("yard"))));
    harness.awaitDeployment(ns, "site-dock");
    harness.awaitDeployment(ns, "site-yard");
    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(harness.events(ns))
        .filteredOn(e -> "CameraAdded".equals(e.getReason())).singleElement()
        .satisfies(e -> assertThat(e.getMessage())
            .isEqualTo("Added 2 cameras: dock, yard (created Deployments site-dock, site-yard)")));
  }

  private static String config(String ns, String name) {
    return MediaMtxConfigSecretBuilder.yaml(
        harness.client().secrets().inNamespace(ns).withName(name + "-mediamtx-config").get());
  }

  private static List<String> streamers(String ns) {
    return harness.client().apps().deployments().inNamespace(ns)
        .withLabel(Labels.COMPONENT, Labels.COMPONENT_STREAMER).list().getItems().stream()
        .map(d -> d.getMetadata().getName()).toList();
  }

  static String env(Deployment deployment, String name) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
  }

  static Condition condition(CameraStream cameraStream, String type) {
    return Conditions.find(cameraStream.getStatus().getConditions(), type).orElseThrow();
  }
}
