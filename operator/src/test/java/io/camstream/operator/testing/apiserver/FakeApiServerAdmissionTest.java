package io.camstream.operator.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a real API server's validation and admission refuse, the test API server refuses too, with the same code and
 * wording: containers' resources, ...
 */
class FakeApiServerAdmissionTest {
  private static final String NS = "admission";
  private static FakeApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = FakeApiServer.started();
    client = server.createClient(new JdkHttpClientFactory());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.destroy();
  }

  // --- containers' resources (validateResourceRequirements) -----------------------------------------------------

  @Test
  void containerResourcesTheApiServerAccepts() {
    create("plain", resources(Map.of("cpu", "250m", "memory", "256Mi"), Map.of("cpu", "1", "memory", "512Mi")));
    create("limits-only-gpu", resources(Map.of(), Map.of("nvidia.com/gpu", "1")));
    create("equal-gpu", resources(Map.of("cpu", "1", "example.com/dongle", "2"),
        Map.of("example.com/dongle", "2")));
    create("hugepages", resources(Map.of("memory", "1Gi", "hugepages-2Mi", "4Mi"),
        Map.of("memory", "1Gi", "hugepages-2Mi", "4Mi")));
    create("request-equal-limit", resources(Map.of("cpu", "500m"), Map.of("cpu", "0.5")));
  }

  @Test
  void aRequestAboveItsLimitIsRefused() {
    assertRefused(resources(Map.of("cpu", "2"), Map.of("cpu", "1")),
        "spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu"
            + " limit of 1");
  }

  @Test
  void anExtendedResourceNeedsALimitEqualToItsRequestAndAWholeNumber() {
    assertRefused(resources(Map.of("nvidia.com/gpu", "1"), Map.of()),
        "spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable"
            + " resources");
    assertRefused(resources(Map.of("nvidia.com/gpu", "1"), Map.of("nvidia.com/gpu", "2")),
        "requests: Invalid value: \"1\": must be equal to nvidia.com/gpu limit of 2");
    assertRefused(resources(Map.of(), Map.of("nvidia.com/gpu", "500m")),
        "limits[nvidia.com/gpu]: Invalid value: \"500m\": must be an integer");
  }

  @Test
  void anUnqualifiedNonStandardNameIsRefused() {
    assertRefused(resources(Map.of(), Map.of("gpu", "1")),
        "spec.template.spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard"
            + " resource type or fully qualified");
  }

  @Test
  void hugepagesNeedCpuOrMemoryAndWholePages() {
    assertRefused(resources(Map.of("hugepages-2Mi", "4Mi"), Map.of("hugepages-2Mi", "4Mi")),
        "spec.template.spec.containers[0].resources: Forbidden: HugePages require cpu or memory");
    assertRefused(resources(Map.of("cpu", "1", "hugepages-2Mi", "3Mi"), Map.of("hugepages-2Mi", "3Mi")),
        "3Mi is not positive integer multiple of hugepages-2Mi");
  }

  @Test
  void anUpdateIsValidatedAsACreateIs() {
    create("updated", resources(Map.of("cpu", "250m"), Map.of("cpu", "1")));
    assertThatThrownBy(() -> client.apps().deployments().inNamespace(NS).withName("updated").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
          .put("cpu", new Quantity("3"));
      return d;
    })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getMessage()).contains("must be less than or equal to cpu limit of 1");
    });
  }

  private static void assertRefused(ResourceRequirements resources, String error) {
    assertThatThrownBy(() -> create("refused", resources))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getMessage()).startsWith("Deployment \"refused\" is invalid: ").contains(error);
        });
    assertThat(client.apps().deployments().inNamespace(NS).withName("refused").get()).isNull();
  }

  private static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
    requests.forEach((name, value) -> builder.addToRequests(name, new Quantity(value)));
    limits.forEach((name, value) -> builder.addToLimits(name, new Quantity(value)));
    return builder.build();
  }

  private static Deployment create(String name, ResourceRequirements resources) {
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec()
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec()
              .addNewContainer().withName("main").withImage("example/app:1").withResources(resources).endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
    return client.apps().deployments().inNamespace(NS).resource(deployment).create();
  }
}
