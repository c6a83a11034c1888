package io.camstream.operator.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * managedFields as the API server's field manager writes them: what each manager set, in fieldsV1 exactly as a
 * Kubernetes 1.30 server writes it for a Deployment created by one client and marked available by the Deployment
 * controller; kept by clients that leave them out, reset by {@code []}, moved between managers field by field.
 */
class FakeApiServerManagedFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "managed";
  private static FakeApiServer server;
  private static KubernetesClient creator;
  private static KubernetesClient controller;
  private static KubernetesClient other;

  @BeforeAll
  static void start() {
    server = FakeApiServer.started();
    creator = client("camstream-creator/1.0 (linux/amd64)");
    controller = client("kube-controller-manager/v1.30.0 (linux/amd64) kubernetes/7c48c2b");
    other = client("kubectl/v1.30.0");
  }

  private static KubernetesClient client(String userAgent) {
    return server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory()).editOrNewConfig()
        .withUserAgent(userAgent).endConfig());
  }

  @AfterAll
  static void stop() {
    creator.close();
    controller.close();
    other.close();
    server.destroy();
  }

  private static Deployment web(String name) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", name).endMetadata()
        .withNewSpec()
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec()
              .addNewContainer().withName("main").withImage("nginx:1.27")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
              .endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void aCreateAndTheControllersStatusUpdateAreOneEntryEachAsAKubernetesServerWritesThem() throws Exception {
    Deployment created = creator.resource(web("web")).create();

    assertThat(created.getMetadata().getManagedFields()).singleElement().satisfies(entry -> {
      assertThat(entry.getManager()).isEqualTo("camstream-creator");
      assertThat(entry.getOperation()).isEqualTo("Update");
      assertThat(entry.getApiVersion()).isEqualTo("apps/v1");
      assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
      assertThat(entry.getSubresource()).isNull();
      assertThat(entry.getTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(fieldsV1(entry)).isEqualTo(JSON.readTree("""
          {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
           "f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},
             "f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},
             "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
               "f:spec":{"f:containers":{"k:{\\"name\\":\\"main\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},
                   "f:name":{},"f:ports":{".":{},"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":{".":{},
                     "f:containerPort":{},"f:name":{},"f:protocol":{}}},
                   "f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},
                 "f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},
                 "f:terminationGracePeriodSeconds":{}}}}}
          """));
    });

    Deployment available = controller.resource(available(created)).patchStatus();

    assertThat(available.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .containsExactly("camstream-creator", "kube-controller-manager");
    ManagedFieldsEntry status = available.getMetadata().getManagedFields().get(1);
    assertThat(status.getSubresource()).isEqualTo("status");
    assertThat(fieldsV1(status)).isEqualTo(JSON.readTree("""
        {"f:status":{"f:availableReplicas":{},"f:conditions":{".":{},"k:{\\"type\\":\\"Available\\"}":{".":{},
           "f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}},
         "f:observedGeneration":{},"f:readyReplicas":{},"f:replicas":{},"f:updatedReplicas":{}}}
        """));
  }

  @Test
  void aClientThatLeavesThemOutKeepsThemAndAnEmptyListResetsThem() {
    Deployment created = creator.resource(web("kept")).create();
    List<ManagedFieldsEntry> before = created.getMetadata().getManagedFields();

    Deployment withoutThem = new DeploymentBuilder(created).editMetadata().withManagedFields((List<ManagedFieldsEntry>) null)
        .addToAnnotations("note", "x").endMetadata().build();
    Deployment updated = creator.resource(withoutThem).update();
    assertThat(updated.getMetadata().getManagedFields()).singleElement().satisfies(entry ->
        assertThat(fieldsV1(entry).path("f:metadata").path("f:annotations").has("f:note")).isTrue());
    assertThat(fieldsV1(updated.getMetadata().getManagedFields().get(0)).path("f:spec"))
        .isEqualTo(fieldsV1(before.get(0)).path("f:spec"));

    Deployment reset = creator.apps().deployments().inNamespace(NS).withName("kept")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"managedFields\":[]}}");
    assertThat(reset.getMetadata().getManagedFields()).isEmpty();
    assertThat(reset.getMetadata().getResourceVersion()).isNotEqualTo(updated.getMetadata().getResourceVersion());
  }

  @Test
  void aFieldAnotherManagerChangesBecomesItsAndAWriteThatChangesNothingLeavesThemAlone() {
    Deployment created = creator.resource(web("moved")).create();
    Deployment changed = other.apps().deployments().inNamespace(NS).withName("moved").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28");
      return d;
    });

    assertThat(changed.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .containsExactly("camstream-creator", "kubectl");
    JsonNode mine = fieldsV1(changed.getMetadata().getManagedFields().get(0));
    JsonNode theirs = fieldsV1(changed.getMetadata().getManagedFields().get(1));
    String container = "k:{\"name\":\"main\"}";
    assertThat(mine.at("/f:spec/f:template/f:spec/f:containers").path(container).has("f:image")).isFalse();
    assertThat(mine.at("/f:spec/f:template/f:spec/f:containers").path(container).has("f:name")).isTrue();
    assertThat(theirs).isEqualTo(JSON.createObjectNode().set("f:spec", JSON.createObjectNode().set("f:template",
        JSON.createObjectNode().set("f:spec", JSON.createObjectNode().set("f:containers",
            JSON.createObjectNode().set(container, JSON.createObjectNode().set("f:image",
                JSON.createObjectNode())))))));

    Deployment same = creator.resource(new DeploymentBuilder(changed).editMetadata()
        .withManagedFields((List<ManagedFieldsEntry>) null).endMetadata().build()).update();
    assertThat(same.getMetadata().getResourceVersion()).isEqualTo(changed.getMetadata().getResourceVersion());
    assertThat(same.getMetadata().getManagedFields()).isEqualTo(changed.getMetadata().getManagedFields());
    assertThat(created.getMetadata().getManagedFields()).hasSize(1);
  }

  @Test
  void customResourcesListsAreAtomicAndEveryNewNodeIsMarked() throws Exception {
    io.camstream.operator.testing.OperatorTestHarness.installCrd(creator);
    var site = io.camstream.operator.testing.CameraStreams.of(NS, "site",
        io.camstream.operator.testing.CameraStreams.testPattern("lobby"));
    var created = creator.resource(site).create();
    assertThat(fieldsV1(created.getMetadata().getManagedFields().get(0)))
        .isEqualTo(JSON.readTree("{\"f:spec\":{\".\":{},\"f:cameras\":{}}}"));
  }

  private static Deployment available(Deployment deployment) {
    Deployment copy = new DeploymentBuilder(deployment).build();
    copy.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
        .withReadyReplicas(1).withAvailableReplicas(1)
        .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
            .withLastTransitionTime("2026-01-01T00:00:00Z").withLastUpdateTime("2026-01-01T00:00:00Z")
            .withReason("MinimumReplicasAvailable").withMessage("Deployment has minimum availability.").build())
        .build());
    return copy;
  }

  private static JsonNode fieldsV1(ManagedFieldsEntry entry) {
    return JSON.valueToTree(entry.getFieldsV1().getAdditionalProperties());
  }
}
