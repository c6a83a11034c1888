package io.camstream.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camstream.operator.testing.apiserver.FakeApiServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scale bench's in-process Deployment controller stores what kube-controller-manager's {@code PUT .../status}
 * stores, and the operator's watches see one change per Deployment generation, as from the real controller.
 */
class DeploymentControllerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "bench";

  private FakeApiServer server;
  private KubernetesClient creator;
  private KubernetesClient controllerClient;
  private ExecutorService workers;

  @BeforeEach
  void start() {
    server = FakeApiServer.started();
    creator = client("camstream-operator/1.0 (linux/amd64)");
    controllerClient = client("kube-controller-manager/v1.30.0 (linux/amd64) kubernetes/7c48c2b");
    workers = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    creator.close();
    controllerClient.close();
    server.destroy();
  }

  private KubernetesClient client(String userAgent) {
    return server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory()).editOrNewConfig()
        .withUserAgent(userAgent).endConfig());
  }

  /** Deployments alike but for their names (the labels are the same too, so the stored objects compare). */
  private static Deployment streamer(String name, String image) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", "streamer")
          .addToAnnotations("camstream.io/desired-state-hash", "abc").endMetadata()
        .withNewSpec()
          .withNewSelector().addToMatchLabels("app", "streamer").endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", "streamer").endMetadata()
            .withNewSpec().addNewContainer().withName("streamer").withImage(image).endContainer().endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void theInProcessStatusWriteStoresWhatTheControllersPutThroughStatusStores() throws Exception {
    // What the bench did before, over HTTP: the informer's object with the annotation and status, PUT to /status.
    Deployment overHttp = creator.resource(streamer("over-http", "streamer:1")).create();
    controllerClient.resource(new DeploymentBuilder(overHttp)
        .editMetadata().addToAnnotations(DeploymentController.REVISION, "1").endMetadata()
        .withStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
            .withReadyReplicas(1).withAvailableReplicas(1)
            .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
                .withReason("MinimumReplicasAvailable").withMessage("Deployment has minimum availability.").build())
            .build())
        .build()).updateStatus();
    DeploymentController controller = new DeploymentController(server, workers);
    controller.start();

    creator.resource(streamer("in-process", "streamer:1")).create();

    await().atMost(Duration.ofSeconds(10)).until(() -> controller.statusWrites() == 1);
    assertThat(comparable(stored("in-process"))).isEqualTo(comparable(stored("over-http")));
    assertThat(stored("in-process").path("metadata").path("managedFields")).extracting(e -> e.path("manager")
        .asText() + " " + e.path("subresource").asText()).containsExactly("camstream-operator ",
            "kube-controller-manager status");
  }

  @Test
  void everyGenerationIsMarkedOnceAndWatchersSeeOneChangeForIt() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = creator.apps().deployments().inNamespace(NS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment deployment) {
        seen.add(action + " " + deployment.getMetadata().getGeneration() + " "
            + (deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration()));
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      DeploymentController controller = new DeploymentController(server, workers);
      controller.start();

      Deployment created = creator.resource(streamer("rolled", "streamer:1")).create();
      await().atMost(Duration.ofSeconds(10)).until(() -> observedGeneration("rolled") == 1);
      creator.resource(new DeploymentBuilder(created).editMetadata().withResourceVersion(null).endMetadata()
          .editSpec().editTemplate().editSpec().editFirstContainer().withImage("streamer:2").endContainer()
          .endSpec().endTemplate().endSpec().build()).update();
      await().atMost(Duration.ofSeconds(10)).until(() -> observedGeneration("rolled") == 2);

      assertThat(stored("rolled").path("metadata").path("annotations").path(DeploymentController.REVISION).asText())
          .isEqualTo("2");
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 4);
      assertThat(seen).containsExactly("ADDED 1 null", "MODIFIED 1 1", "MODIFIED 2 1", "MODIFIED 2 2");
      assertThat(controller.statusWrites()).isEqualTo(2);
    }
  }

  @Test
  void itReadsWhetherAStoredGenerationWasObservedWithoutBuildingTheObject() {
    String spec = "\"spec\":{\"template\":{\"metadata\":{\"generation\":7}},\"observedGeneration\":7}";
    DeploymentController.Stored marked = DeploymentController.Stored.read("{\"kind\":\"Deployment\",\"metadata\":"
        + "{\"name\":\"a\",\"namespace\":\"ns\",\"labels\":{\"generation\":\"9\"},\"generation\":2}," + spec
        + ",\"status\":{\"conditions\":[{\"type\":\"Available\"}],\"observedGeneration\":2}}");
    assertThat(marked).isEqualTo(new DeploymentController.Stored("ns", "a", true));
    assertThat(DeploymentController.Stored.read("{\"metadata\":{\"name\":\"a\",\"namespace\":\"ns\","
        + "\"generation\":3}," + spec + ",\"status\":{\"observedGeneration\":2}}").observed()).isFalse();
    assertThat(DeploymentController.Stored.read("{\"metadata\":{\"name\":\"a\",\"namespace\":\"ns\","
        + "\"generation\":1}," + spec + ",\"status\":{}}").observed()).as("a new Deployment").isFalse();
  }

  private long observedGeneration(String name) {
    return stored(name).path("status").path("observedGeneration").asLong(0);
  }

  private JsonNode stored(String name) {
    try {
      return JSON.readTree(controllerClient.getKubernetesSerialization().asJson(
          controllerClient.apps().deployments().inNamespace(NS).withName(name).get()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Without what differs between two objects written the same way: name, uid, times and resourceVersion. */
  private static JsonNode comparable(JsonNode deployment) {
    ObjectNode copy = deployment.deepCopy();
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    metadata.remove(List.of("name", "uid", "creationTimestamp", "resourceVersion"));
    metadata.get("managedFields").forEach(entry -> ((ObjectNode) entry).remove("time"));
    return copy;
  }
}
