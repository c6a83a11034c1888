package io.camstream.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.NetworkPolicySettings;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.StreamerReadinessPushHealth;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the server-shaped API: a real change of camstream's desired state is applied, removals included, while what
 * the API server, controllers and users own survives the rewrite.
 */
class DependentOwnershipTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private OperatorTestHarness harness;
  private String ns;

  @BeforeEach
  void start() {
    harness = OperatorTestHarness.builder().env(NetworkPolicySettings.METRICS_NAMESPACES, "monitoring,ops").start();
    ns = harness.newNamespace();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aChangedStreamerKeepsTheRolloutRestartAnnotationAndUserLabels() {
    harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    // kubectl rollout restart, and a user's own label and annotation
    harness.client().apps().deployments().inNamespace(ns).withName("site-lobby").edit(d -> {
      d.getSpec().getTemplate().getMetadata().getAnnotations()
          .put("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z");
      d.getMetadata().getLabels().put("team", "video");
      d.getMetadata().getAnnotations().put("note", "kept");
      return d;
    });
    long generation = harness.deployment(ns, "site-lobby").getMetadata().getGeneration();

    harness.edit(ns, "site", cs -> {
      VideoSpec video = new VideoSpec();
      video.setFps(10);
      cs.getSpec().getCameras().get(0).setVideo(video);
    });
    await().atMost(TIMEOUT).until(() -> harness.deployment(ns, "site-lobby").getMetadata().getGeneration()
        > generation);
    Deployment changed = harness.deployment(ns, "site-lobby");
    assertThat(changed.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(env -> assertThat(env.getValue()).isEqualTo("10"));
    assertThat(changed.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z");
    assertThat(changed.getMetadata().getLabels()).containsEntry("team", "video");
    assertThat(changed.getMetadata().getAnnotations()).containsEntry("note", "kept");
  }

  @Test
  void aChangedServiceKeepsItsAllocatedAddressesAndNodePorts() {
    harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("lobby")));
    await().atMost(TIMEOUT).until(() -> service() != null);
    String clusterIp = service().getSpec().getClusterIP();
    assertThat(clusterIp).isNotBlank();

    setServiceType(ServiceType.NODE_PORT);
    await().atMost(TIMEOUT).until(() -> "NodePort".equals(service().getSpec().getType()));
    Service nodePort = service();
    assertThat(nodePort.getSpec().getClusterIP()).isEqualTo(clusterIp);
    List<Integer> nodePorts = nodePort.getSpec().getPorts().stream().map(ServicePort::getNodePort).toList();
    assertThat(nodePorts).doesNotContainNull();
    harness.client().services().inNamespace(ns).withName("site-mediamtx").edit(s -> {
      s.getMetadata().getLabels().put("exposed-by", "platform-team");
      return s;
    });

    setServiceType(ServiceType.LOAD_BALANCER);
    await().atMost(TIMEOUT).until(() -> "LoadBalancer".equals(service().getSpec().getType()));
    Service loadBalancer = service();
    assertThat(loadBalancer.getSpec().getClusterIP()).isEqualTo(clusterIp);
    assertThat(loadBalancer.getSpec().getPorts()).extracting(ServicePort::getNodePort)
        .as("node ports survive a rewrite").containsExactlyElementsOf(nodePorts);
    assertThat(loadBalancer.getMetadata().getLabels()).containsEntry("exposed-by", "platform-team");
  }

  @Test
  void removalsInTheDesiredStateAreApplied() {
    CameraStream cameraStream = CameraStreams.of(ns, "site", CameraStreams.testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    cameraStream.getSpec().setMediamtx(mediamtx);
    harness.create(cameraStream);
    await().atMost(TIMEOUT).until(() -> credentials() != null
        && credentials().getData().containsKey(CredentialKeys.READER_PASSWORD));
    await().atMost(TIMEOUT).until(() -> networkPolicy() != null);
    assertThat(metricsNamespaces(networkPolicy())).containsExactlyInAnyOrder("monitoring", "ops");

    harness.edit(ns, "site", cs -> cs.getSpec().getMediamtx().setReaders(ReaderAccess.PUBLIC));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(credentials().getData())
        .doesNotContainKeys(CredentialKeys.READER_USERNAME, CredentialKeys.READER_PASSWORD)
        .containsKey(CredentialKeys.PUBLISHER_PASSWORD));

    harness.restartOperator(new StreamerReadinessPushHealth(),
        Map.of(NetworkPolicySettings.METRICS_NAMESPACES, "monitoring"));
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(metricsNamespaces(networkPolicy()))
        .containsExactly("monitoring"));
  }

  /**
   * {@code kubectl label --overwrite} (or a GitOps tool) takes the generated credentials Secret out of the operator's
   * label-filtered cache: its passwords must survive (MediaMTX's config and the streamers keep using them, no
   * rollout) and its labels come back.
   */
  @Test
  void aCredentialsSecretThatLostItsLabelsKeepsItsPasswordsAndGetsThemBack() {
    harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("lobby"),
        CameraStreams.testPattern("gate")));
    harness.awaitDeployment(ns, "site-lobby");
    harness.awaitDeployment(ns, "site-gate");
    await().atMost(TIMEOUT).until(() -> configSecret() != null && credentials() != null);
    Map<String, String> passwords = credentials().getData();
    Map<String, String> config = configSecret().getData();
    Map<String, Deployment> streamers = Map.of("site-lobby", harness.deployment(ns, "site-lobby"),
        "site-gate", harness.deployment(ns, "site-gate"));
    long mark = harness.server().requests().mark();

    relabelCredentials();

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(credentials().getMetadata().getLabels())
        .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR)
        .containsEntry(Labels.COMPONENT, Labels.COMPONENT_MEDIAMTX));
    // the reconcile that restored them has run its whole workflow: nothing else was written, now or later
    await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).untilAsserted(() -> assertThat(
        harness.operatorRequestsSince(mark).writes().filter(r -> !"events".equals(r.resource())).list())
        .extracting(r -> r.resource() + "/" + r.name())
        .containsOnly("secrets/site-mediamtx-credentials"));
    assertThat(credentials().getData()).as("passwords").isEqualTo(passwords);
    assertThat(configSecret().getData()).as("MediaMTX's config").isEqualTo(config);
    streamers.forEach((name, before) -> assertThat(harness.deployment(ns, name).getMetadata().getGeneration())
        .as("no rollout of " + name).isEqualTo(before.getMetadata().getGeneration()));
  }

  /** The labels lost while no operator ran (an upgrade, a crash loop): the new process's cache never had it. */
  @Test
  void aCredentialsSecretThatLostItsLabelsWhileNoOperatorRanKeepsItsPasswords() {
    harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null);
    await().atMost(TIMEOUT).until(() -> configSecret() != null && credentials() != null);
    Map<String, String> passwords = credentials().getData();
    Map<String, String> config = configSecret().getData();
    long generation = harness.deployment(ns, "site-lobby").getMetadata().getGeneration();

    harness.restartOperator(new StreamerReadinessPushHealth(), this::relabelCredentials);

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(credentials().getMetadata().getLabels())
        .containsEntry(Labels.MANAGED_BY, Labels.OPERATOR)
        .containsEntry(Labels.COMPONENT, Labels.COMPONENT_MEDIAMTX));
    assertThat(credentials().getData()).as("passwords").isEqualTo(passwords);
    assertThat(configSecret().getData()).as("MediaMTX's config").isEqualTo(config);
    assertThat(harness.deployment(ns, "site-lobby").getMetadata().getGeneration()).as("no rollout")
        .isEqualTo(generation);
  }

  /** What {@code kubectl label --overwrite} or a GitOps tool does: the Secret leaves the operator's label selector. */
  private void relabelCredentials() {
    harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").edit(secret -> {
      secret.getMetadata().getLabels().put(Labels.MANAGED_BY, "argocd");
      secret.getMetadata().getLabels().remove(Labels.COMPONENT);
      return secret;
    });
  }

  private void setServiceType(ServiceType type) {
    harness.edit(ns, "site", cs -> {
      if (cs.getSpec().getMediamtx() == null) {
        cs.getSpec().setMediamtx(new MediaMtxSpec());
      }
      cs.getSpec().getMediamtx().setServiceType(type);
    });
  }

  private Service service() {
    return harness.client().services().inNamespace(ns).withName("site-mediamtx").get();
  }

  private Secret credentials() {
    return harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();
  }

  private Secret configSecret() {
    return harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get();
  }

  private NetworkPolicy networkPolicy() {
    return harness.client().network().v1().networkPolicies().inNamespace(ns).withName("site-mediamtx").get();
  }

  /** The namespaces admitted to the metrics port. */
  private static List<String> metricsNamespaces(NetworkPolicy policy) {
    return policy.getSpec().getIngress().stream()
        .filter(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 9998))
        .flatMap(rule -> rule.getFrom().stream())
        .map(NetworkPolicyPeer::getNamespaceSelector)
        .filter(Objects::nonNull)
        .map(selector -> selector.getMatchLabels() == null ? "*"
            : selector.getMatchLabels().get("kubernetes.io/metadata.name"))
        .toList();
  }
}
