package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camstream.operator.OperatorSettings;
import io.camstream.operator.access.PermissionRecheck;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Permissions an install may lack on a real cluster, on a test API server whose RBAC answers 403 as the real one
 * does: a missing ClusterRoleBinding for Nodes, a watched namespace without its RoleBinding. The operator stays up:
 * what needs the permission is reported unavailable, with the command that grants it; everything else runs.
 */
class OptionalPermissionsTest {
  private static final String SERVICE_ACCOUNT = "camstream-system:camstream-operator";
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger log = (Logger) LoggerFactory.getLogger(PermissionRecheck.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    log.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    log.detachAppender(logs);
  }

  @Test
  void withoutTheNodesBindingTheOperatorRunsAndACameraStreamAnnouncingNodeAddressesSaysWhatIsMissing() {
    try (OperatorTestHarness harness = OperatorTestHarness.builder().env(OperatorSettings.READ_NODES, "true")
        .env(OperatorSettings.PERMISSION_RECHECK_SECONDS, "1")
        .authorization(rules -> rules.forbid("", "nodes")).start()) {
      harness.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("edge-1").endMetadata()
          .withNewStatus().addNewAddress().withType("ExternalIP").withAddress("203.0.113.5").endAddress().endStatus()
          .build()).create();
      String ns = harness.newNamespace();
      CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"));
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setServiceType(ServiceType.NODE_PORT);
      mediamtx.setWebrtcNodePort(30555);
      mediamtx.setWebrtcAnnounceNodeAddresses(true);
      site.getSpec().setMediamtx(mediamtx);
      harness.create(site);

      harness.awaitDeployment(ns, "site-lobby");
      CameraStream reported = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
          && Conditions.find(cs.getStatus().getConditions(), ConditionTypes.EXTERNAL_ADDRESS_ASSIGNED).isPresent());
      Condition external = Conditions.find(reported.getStatus().getConditions(),
          ConditionTypes.EXTERNAL_ADDRESS_ASSIGNED).orElseThrow();
      assertThat(external.getStatus()).isEqualTo("False");
      assertThat(external.getReason()).isEqualTo(ConditionTypes.REASON_NODES_NOT_READABLE);
      assertThat(external.getMessage()).contains("the operator's ServiceAccount " + SERVICE_ACCOUNT
          + " may not list and watch nodes", "camstream-operator-nodes", "webrtcAdditionalHosts");
      assertThat(warnings()).containsExactly("webrtcAnnounceNodeAddresses is unavailable: the operator's ServiceAccount "
          + SERVICE_ACCOUNT + " may not list and watch nodes (ClusterRole camstream-operator-nodes is not bound to"
          + " it); grant it with: kubectl create clusterrolebinding camstream-operator-nodes"
          + " --clusterrole=camstream-operator-nodes --serviceaccount=" + SERVICE_ACCOUNT + " (checked again every"
          + " 1 s), or set CAMSTREAM_READ_NODES=false");
      assertThat(harness.operatorRequestsSince(0).to("nodes").count()).as("no informer tried").isZero();
      assertThat(harness.operator().getRuntimeInfo().allEventSourcesAreHealthy()).as("ready").isTrue();

      // the ClusterRoleBinding is created: the node informer joins, and the addresses are announced
      harness.server().authorization().allow("", "nodes");
      CameraStream announced = harness.awaitCameraStream(ns, "site", cs -> Conditions.find(
          cs.getStatus().getConditions(), ConditionTypes.EXTERNAL_ADDRESS_ASSIGNED)
          .map(c -> "True".equals(c.getStatus())).orElse(false));
      assertThat(Conditions.find(announced.getStatus().getConditions(), ConditionTypes.EXTERNAL_ADDRESS_ASSIGNED)
          .orElseThrow().getMessage()).contains("203.0.113.5");
      assertThat(announced.getStatus().getCameras().get(0).getUrls().getWebrtc()).contains("203.0.113.5");
      assertThat(harness.operator().getRuntimeInfo().allEventSourcesAreHealthy()).isTrue();
    }
  }

  @Test
  void aWatchedNamespaceWithoutItsRoleBindingIsLeftOutUntilItIsGranted() {
    try (OperatorTestHarness harness = OperatorTestHarness.builder()
        .env(OperatorSettings.WATCH_NAMESPACES, "cameras,lobby")
        .env(OperatorSettings.PERMISSION_RECHECK_SECONDS, "1")
        .authorization(rules -> rules.forbidNamespace("lobby")).start()) {
      harness.create(CameraStreams.of("cameras", "site", testPattern("gate")));
      harness.create(CameraStreams.of("lobby", "site", testPattern("door")));

      harness.awaitDeployment("cameras", "site-gate");
      harness.awaitCameraStream("cameras", "site", cs -> cs.getStatus() != null);
      assertThat(harness.deployment("lobby", "site-door")).isNull();
      assertThat(harness.get("lobby", "site").getStatus()).isNull();
      assertThat(warnings()).containsExactly("namespace lobby is not watched: the operator's ServiceAccount "
          + SERVICE_ACCOUNT + " may not list and watch camerastreams.camstream.io, deployments.apps, services,"
          + " secrets, configmaps, persistentvolumeclaims, networkpolicies.networking.k8s.io there; its"
          + " CameraStreams are left alone until it may. Grant it with: kubectl create rolebinding"
          + " camstream-operator --namespace=lobby --clusterrole=camstream-operator --serviceaccount="
          + SERVICE_ACCOUNT + " (checked again every 1 s)");
      assertThat(harness.operator().getRuntimeInfo().allEventSourcesAreHealthy()).as("ready").isTrue();
      assertThat(harness.operatorRequestsSince(0).filter(r -> "lobby".equals(r.path().namespace())).count())
          .as("no request refused over and over").isZero();

      harness.server().authorization().allowNamespace("lobby");
      harness.awaitDeployment("lobby", "site-door");
      harness.awaitCameraStream("lobby", "site", cs -> cs.getStatus() != null);
      assertThat(harness.operator().getRuntimeInfo().allEventSourcesAreHealthy()).isTrue();
      assertThat(harness.operatorRequestsSince(0).filter(r -> "lobby".equals(r.path().namespace())
          && "watch".equals(r.verb())).list()).extracting(r -> r.resource()).as("its informers follow")
          .contains("camerastreams", "deployments", "secrets", "services", "networkpolicies");
    }
  }

  @Test
  void anOperatorThatMayWatchNoNamespaceStaysUpNotReadyAndStartsOnceGranted() {
    try (OperatorTestHarness harness = OperatorTestHarness.builder()
        .env(OperatorSettings.WATCH_NAMESPACES, "lobby")
        .env(OperatorSettings.PERMISSION_RECHECK_SECONDS, "1")
        .authorization(rules -> rules.forbidNamespace("lobby")).start()) {
      harness.create(CameraStreams.of("lobby", "site", testPattern("door")));
      assertThat(harness.operator().getRuntimeInfo().isStarted()).as("not ready").isFalse();
      assertThat(warnings()).singleElement().asString().startsWith("namespace lobby is not watched");

      harness.server().authorization().allowNamespace("lobby");
      await().atMost(OperatorTestHarness.TIMEOUT).until(() -> harness.operator().getRuntimeInfo().isStarted());
      harness.awaitDeployment("lobby", "site-door");
    }
  }

  private List<String> warnings() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
