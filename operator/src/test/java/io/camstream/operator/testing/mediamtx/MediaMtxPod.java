package io.camstream.operator.testing.mediamtx;

import static org.awaitility.Awaitility.await;

import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.Map;

/**
 * Plays the kubelet and the container for the real MediaMTX of one CameraStream in an operator-level test: the pod
 * starts MediaMTX with the Secrets the running operator wrote into the test API server and becomes available
 * ({@link #start()}), the kubelet refreshes the mounted config Secret ({@link #refreshConfig()}), the container
 * restarts ({@link #restart()}). The operator must poll and sync the same MediaMTX: {@link OperatorOnRealMediaMtx}
 * sets that up and hands out pods ({@code operator.pod("site").start()}).
 */
public final class MediaMtxPod {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final OperatorTestHarness harness;
  private final RealMediaMtx mediaMtx;
  private final String namespace;
  private final String name;

  private MediaMtxPod(OperatorTestHarness harness, RealMediaMtx mediaMtx, String namespace, String name) {
    this.harness = harness;
    this.mediaMtx = mediaMtx;
    this.namespace = namespace;
    this.name = name;
  }

  public static MediaMtxPod of(OperatorTestHarness harness, RealMediaMtx mediaMtx, String namespace, String name) {
    return new MediaMtxPod(harness, mediaMtx, namespace, name);
  }

  /**
   * Waits for the operator's Deployment and Secrets, starts MediaMTX with them (replacing whatever ran) and marks
   * the Deployment available, as the Deployment controller would once the pod is ready.
   */
  public MediaMtxPod start() {
    harness.awaitDeployment(namespace, ResourceNames.mediaMtx(name));
    await().atMost(TIMEOUT).until(() -> secret(ResourceNames.configSecret(name)) != null
        && secret(ResourceNames.credentialsSecret(name)) != null);
    mediaMtx.start(harness.client(), namespace, name);
    harness.markDeploymentReady(namespace, ResourceNames.mediaMtx(name));
    return this;
  }

  /** The kubelet refreshes the mounted config Secret: MediaMTX reloads the operator's current file. */
  public void refreshConfig() {
    mediaMtx.rewriteConfig(configYaml());
  }

  /** The container restarts and reads the mounted file as it is now (not refreshed: see {@link #refreshConfig}). */
  public void restart() {
    mediaMtx.restart();
  }

  /** The {@code mediamtx.yml} of the config Secret as the operator wrote it. */
  public String configYaml() {
    return MediaMtxConfigSecretBuilder.yaml(secret(ResourceNames.configSecret(name)));
  }

  /** The publisher user of {@code <name>-mediamtx-credentials}, as a streamer pod gets it. */
  public MediaMtxCredentials.User publisher() {
    Map<String, String> credentials = MediaMtxCredentials.decode(secret(ResourceNames.credentialsSecret(name)));
    return new MediaMtxCredentials.User(credentials.get(CredentialKeys.PUBLISHER_USERNAME),
        credentials.get(CredentialKeys.PUBLISHER_PASSWORD));
  }

  /** camstream's streamer publishing to a camera's path as its pod would (not started). */
  public TestPublisher streamer(String camera) {
    return TestPublisher.streamer(mediaMtx.rtspUrl(camera), publisher());
  }

  /** ffmpeg publishing to a camera's path with the publisher user (not started). */
  public TestPublisher ffmpeg(String camera) {
    return TestPublisher.ffmpeg(mediaMtx.rtspUrl(camera), publisher());
  }

  private Secret secret(String secretName) {
    return harness.client().secrets().inNamespace(namespace).withName(secretName).get();
  }
}
