package io.camstream.operator.mediamtx.sync;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.CredentialsHash;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rotating the MediaMTX credentials, the documented way (delete {@code <name>-mediamtx-credentials}), walked end to
 * end against a fake MediaMTX that never reloads its file (no kubelet refresh happens in this test): new random
 * passwords, a new config file, the running MediaMTX switched to the new users through its control API before any
 * streamer rolls, the operator's own API client switched, every streamer rolled, and every camera publishing again.
 */
class CredentialRotationOperatorTest {
  private static final Duration POLL = Duration.ofMillis(400);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> CAMERAS = List.of("lobby", "gate");

  private FakeMediaMtxApi mediaMtx;
  private OperatorTestHarness harness;
  private String ns;

  @BeforeEach
  void start() throws Exception {
    mediaMtx = FakeMediaMtxApi.start("nobody", "nothing-yet");
    String url = mediaMtx.baseUri().toString();
    harness = OperatorTestHarness.builder()
        .pushHealth(new MediaMtxHealthSource(url, POLL, new MediaMtxApiClient(), Clock.systemUTC()))
        .configSync(new MediaMtxConfigSync(new MediaMtxConfigClient(), url, POLL, POLL.multipliedBy(2),
            Clock.systemUTC()))
        .start();
    ns = harness.newNamespace();
  }

  @AfterEach
  void stop() {
    try {
      harness.close();
    } finally {
      mediaMtx.close();
    }
  }

  @Test
  void deletingTheCredentialsSecretRotatesEverythingAndEveryCameraPublishesAgain() {
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("gate")));
    harness.awaitDeployment(ns, "site-mediamtx");
    await().atMost(TIMEOUT).until(() -> configFile() != null && credentials() != null);
    mediaMtx.restartWith(configFile());
    harness.markDeploymentReady(ns, "site-mediamtx");
    Map<String, String> old = credentials();
    for (String camera : CAMERAS) {
      harness.awaitDeployment(ns, "site-" + camera);
      harness.markDeploymentReady(ns, "site-" + camera);
      assertThat(publish(camera, old)).isEqualTo(200);
    }
    awaitReady();
    String oldConfig = configFile();
    Map<String, String> oldHashes = new HashMap<>();
    CAMERAS.forEach(camera -> oldHashes.put(camera, credentialsHash(harness.deployment(ns, "site-" + camera))));

    // Whenever a streamer's template changes, MediaMTX must already accept what the new pod will log in with.
    Map<String, Boolean> acceptedWhenRolled = new ConcurrentHashMap<>();
    Watch watch = harness.client().apps().deployments().inNamespace(ns).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment deployment) {
        String camera = deployment.getMetadata().getLabels().get("camstream.io/camera");
        if (camera != null && !credentialsHash(deployment).equals(oldHashes.get(camera))) {
          Map<String, String> now = credentials();
          acceptedWhenRolled.putIfAbsent(camera, now != null && mediaMtx.mayPublish(camera,
              now.get(CredentialKeys.PUBLISHER_USERNAME), now.get(CredentialKeys.PUBLISHER_PASSWORD)));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
    try {
      harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").delete();

      await().atMost(TIMEOUT).until(() -> credentials() != null && !credentials().get(CredentialKeys.API_PASSWORD)
          .equals(old.get(CredentialKeys.API_PASSWORD)));
      Map<String, String> rotated = credentials();
      for (String key : List.of(CredentialKeys.PUBLISHER_PASSWORD, CredentialKeys.API_PASSWORD)) {
        assertThat(rotated.get(key)).as(key).isNotEqualTo(old.get(key)).hasSizeGreaterThanOrEqualTo(32);
      }
      await().atMost(TIMEOUT).until(() -> !configFile().equals(oldConfig));
      await().atMost(TIMEOUT).until(() -> CAMERAS.stream().allMatch(camera ->
          !credentialsHash(harness.deployment(ns, "site-" + camera)).equals(oldHashes.get(camera))));
      await().atMost(TIMEOUT).until(() -> acceptedWhenRolled.keySet().containsAll(CAMERAS));
      assertThat(acceptedWhenRolled).as("MediaMTX accepted the new publisher before each streamer rolled")
          .containsOnlyKeys(CAMERAS).doesNotContainValue(false);

      // MediaMTX was switched through its API: the old API and publisher passwords are refused, the new ones taken.
      assertThat(mediaMtx.acceptsApiUser(old.get(CredentialKeys.API_USERNAME), old.get(CredentialKeys.API_PASSWORD)))
          .isFalse();
      assertThat(mediaMtx.acceptsApiUser(rotated.get(CredentialKeys.API_USERNAME),
          rotated.get(CredentialKeys.API_PASSWORD))).isTrue();
      assertThat(mediaMtx.mayPublish("lobby", old.get(CredentialKeys.PUBLISHER_USERNAME),
          old.get(CredentialKeys.PUBLISHER_PASSWORD))).isFalse();

      // The rolled pods: each old publisher goes, the new one logs in with the new password.
      for (String camera : CAMERAS) {
        mediaMtx.unpublish(camera);
        assertThat(publish(camera, rotated)).as(camera).isEqualTo(200);
      }
      awaitReady();
      assertThat(harness.get(ns, "site").getStatus().getReadyCameras()).isEqualTo("2/2");
    } finally {
      watch.close();
    }
  }

  private void awaitReady() {
    harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.READY)
        && "2/2".equals(cs.getStatus().getReadyCameras()));
  }

  private int publish(String camera, Map<String, String> credentials) {
    return mediaMtx.publisherConnects(camera, credentials.get(CredentialKeys.PUBLISHER_USERNAME),
        credentials.get(CredentialKeys.PUBLISHER_PASSWORD));
  }

  private Map<String, String> credentials() {
    var secret = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();
    return secret == null ? null : MediaMtxCredentials.decode(secret);
  }

  private String configFile() {
    return MediaMtxConfigSecretBuilder.yaml(harness.client().secrets().inNamespace(ns)
        .withName("site-mediamtx-config").get());
  }

  private static String credentialsHash(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(CredentialsHash.ANNOTATION);
  }
}
