package io.camstream.operator.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a real API server's validation and admission refuse, the test API server refuses too, with the same code and
 * wording: containers' resources, PersistentVolumeClaims (their default class, what may change, when they grow) and,
 * where enabled, who may change owner references.
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
    create("plain", CameraStreams.resources(Map.of("cpu", "250m", "memory", "256Mi"),
        Map.of("cpu", "1", "memory", "512Mi")));
    create("limits-only-gpu", CameraStreams.resources(Map.of(), Map.of("nvidia.com/gpu", "1")));
    create("equal-gpu", CameraStreams.resources(Map.of("cpu", "1", "example.com/dongle", "2"),
        Map.of("example.com/dongle", "2")));
    create("hugepages", CameraStreams.resources(Map.of("memory", "1Gi", "hugepages-2Mi", "4Mi"),
        Map.of("memory", "1Gi", "hugepages-2Mi", "4Mi")));
    create("request-equal-limit", CameraStreams.resources(Map.of("cpu", "500m"), Map.of("cpu", "0.5")));
  }

  @Test
  void aRequestAboveItsLimitIsRefused() {
    assertRefused(CameraStreams.resources(Map.of("cpu", "2"), Map.of("cpu", "1")),
        "spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu"
            + " limit of 1");
  }

  @Test
  void anExtendedResourceNeedsALimitEqualToItsRequestAndAWholeNumber() {
    assertRefused(CameraStreams.resources(Map.of("nvidia.com/gpu", "1"), Map.of()),
        "spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable"
            + " resources");
    assertRefused(CameraStreams.resources(Map.of("nvidia.com/gpu", "1"), Map.of("nvidia.com/gpu", "2")),
        "requests: Invalid value: \"1\": must be equal to nvidia.com/gpu limit of 2");
    assertRefused(CameraStreams.resources(Map.of(), Map.of("nvidia.com/gpu", "500m")),
        "limits[nvidia.com/gpu]: Invalid value: \"500m\": must be an integer");
  }

  @Test
  void anUnqualifiedNonStandardNameIsRefused() {
    assertRefused(CameraStreams.resources(Map.of(), Map.of("gpu", "1")),
        "spec.template.spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard"
            + " resource type or fully qualified");
  }

  @Test
  void hugepagesNeedCpuOrMemoryAndWholePages() {
    assertRefused(CameraStreams.resources(Map.of("hugepages-2Mi", "4Mi"), Map.of("hugepages-2Mi", "4Mi")),
        "spec.template.spec.containers[0].resources: Forbidden: HugePages require cpu or memory");
    assertRefused(CameraStreams.resources(Map.of("cpu", "1", "hugepages-2Mi", "3Mi"), Map.of("hugepages-2Mi", "3Mi")),
        "3Mi is not positive integer multiple of hugepages-2Mi");
  }

  @Test
  void anUpdateIsValidatedAsACreateIs() {
    create("updated", CameraStreams.resources(Map.of("cpu", "250m"), Map.of("cpu", "1")));
    assertThatThrownBy(() -> client.apps().deployments().inNamespace(NS).withName("updated").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
          .put("cpu", new Quantity("3"));
      return d;
    })).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getStatus().getMessage()).contains("must be less than or equal to cpu limit of 1");
    });
  }

  // --- PersistentVolumeClaims: DefaultStorageClass, update validation, PersistentVolumeClaimResize -----------------

  @Test
  void aClaimWithoutAClassGetsTheDefaultOneAndNoneWhenTheClusterHasNone() {
    assertThat(claim("defaulted", null).getSpec().getStorageClassName()).isEqualTo(FakeApiServer.DEFAULT_STORAGE_CLASS);
    assertThat(claim("no-class", "").getSpec().getStorageClassName()).as("an explicit \"\" stays").isEmpty();
    try (KubernetesClient admin = server.createClient(new JdkHttpClientFactory())) {
      var standard = admin.storage().v1().storageClasses().withName(FakeApiServer.DEFAULT_STORAGE_CLASS);
      StorageClass kept = standard.get();
      standard.delete();
      try {
        assertThat(claim("no-default", null).getSpec().getStorageClassName()).isNull();
      } finally {
        kept.getMetadata().setResourceVersion(null);
        admin.resource(kept).create();
      }
    }
  }

  @Test
  void onlyABoundClaimGrowsAndOnlyWhereItsClassAllowsExpansion() {
    storageClass("expandable", true);
    assertUpdateRefused("pending", FakeApiServer.DEFAULT_STORAGE_CLASS, false, "2Gi", 422,
        "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName"
            + " for bound claims");
    assertUpdateRefused("fixed", FakeApiServer.DEFAULT_STORAGE_CLASS, true, "2Gi", 403,
        "persistentvolumeclaims \"fixed\" is forbidden: only dynamically provisioned pvc can be resized and the"
            + " storageclass that provisions the pvc must support resize");
    assertUpdateRefused("shrinking", "expandable", true, "500Mi", 422,
        "spec.resources.requests.storage: Forbidden: field can not be less than previous value");

    claim("growing", "expandable");
    bind("growing");
    PersistentVolumeClaim grown = resize("growing", "2Gi");
    assertThat(grown.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("2Gi"));
  }

  @Test
  void theVolumeNameIsSetOnceAndLabelsChangeFreely() {
    claim("labelled", null);
    PersistentVolumeClaim labelled = client.persistentVolumeClaims().inNamespace(NS).withName("labelled").edit(c -> {
      c.getMetadata().setLabels(Map.of("team", "video"));
      return c;
    });
    assertThat(labelled.getMetadata().getLabels()).containsEntry("team", "video");
    bind("labelled");
    assertThatThrownBy(() -> client.persistentVolumeClaims().inNamespace(NS).withName("labelled").edit(c -> {
      c.getSpec().setVolumeName("another");
      return c;
    })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  // --- OwnerReferencesPermissionEnforcement ------------------------------------------------------------------------

  @Test
  void withOwnerReferencesPermissionEnforcementChangingOwnersNeedsDelete() {
    FakeApiServer openShift = FakeApiServer.started().enforceOwnerReferencesPermission(
        (userAgent, verb, group, resource, namespace) -> !(userAgent.contains("limited") && (verb.equals("delete")
            || resource.endsWith("/finalizers"))));
    try (KubernetesClient limited = openShift.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory())
        .editOrNewConfig().withUserAgent("limited").endConfig())) {
      var claims = limited.persistentVolumeClaims().inNamespace(NS);
      PersistentVolumeClaim owned = claims.resource(claimOf("owned", null, reference(false))).create();
      assertThat(owned.getMetadata().getOwnerReferences()).as("a create may set owners").hasSize(1);
      claims.resource(claimOf("retained", null)).create();

      assertThat(claims.withName("retained").edit(c -> {
        c.getMetadata().setLabels(Map.of("app.kubernetes.io/name", "camstream"));
        return c;
      }).getMetadata().getLabels()).as("other changes need no more").isNotEmpty();
      assertForbidden(() -> claims.withName("retained").edit(c -> {
        c.getMetadata().setOwnerReferences(List.of(reference(false)));
        return c;
      }), "persistentvolumeclaims \"retained\" is forbidden: cannot set an ownerRef on a resource you can't delete");
      assertForbidden(() -> claims.withName("owned").edit(c -> {
        c.getMetadata().setOwnerReferences(null);
        return c;
      }), "cannot set an ownerRef on a resource you can't delete");
      assertForbidden(() -> claims.resource(claimOf("blocking", null, reference(true))).create(),
          "cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on");
    } finally {
      openShift.destroy();
    }
  }

  private static void assertUpdateRefused(String name, String storageClass, boolean bound, String size, int code,
      String message) {
    claim(name, storageClass);
    if (bound) {
      bind(name);
    }
    String before = client.persistentVolumeClaims().inNamespace(NS).withName(name).get().getMetadata()
        .getResourceVersion();
    assertThatThrownBy(() -> resize(name, size)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(code);
      assertThat(e.getStatus().getMessage()).contains(message);
    });
    assertThat(client.persistentVolumeClaims().inNamespace(NS).withName(name).get().getMetadata()
        .getResourceVersion()).isEqualTo(before);
  }

  private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable write, String message) {
    assertThatThrownBy(write).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
      assertThat(e.getStatus().getMessage()).contains(message);
    });
  }

  private static PersistentVolumeClaim resize(String name, String size) {
    return client.persistentVolumeClaims().inNamespace(NS).withName(name).edit(c -> {
      c.getSpec().getResources().getRequests().put("storage", new Quantity(size));
      return c;
    });
  }

  /** What the PV controller writes when it binds a claim. */
  private static void bind(String name) {
    var claim = client.persistentVolumeClaims().inNamespace(NS).withName(name);
    claim.edit(c -> {
      c.getSpec().setVolumeName("pvc-" + name);
      return c;
    });
    claim.editStatus(c -> {
      c.getStatus().setPhase("Bound");
      c.getStatus().setCapacity(Map.of("storage", new Quantity("1Gi")));
      return c;
    });
  }

  private static void storageClass(String name, boolean expandable) {
    client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(name)
        .endMetadata().withProvisioner("ebs.csi.aws.com").withAllowVolumeExpansion(expandable).build())
        .createOr(existing -> existing.update());
  }

  private static PersistentVolumeClaim claim(String name, String storageClass) {
    return client.persistentVolumeClaims().inNamespace(NS).resource(claimOf(name, storageClass)).create();
  }

  private static PersistentVolumeClaim claimOf(String name, String storageClass, OwnerReference... owners) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).withOwnerReferences(owners).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storageClass)
          .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
        .endSpec()
        .build();
  }

  private static OwnerReference reference(boolean blockOwnerDeletion) {
    return new OwnerReferenceBuilder().withApiVersion("camstream.io/v1alpha1").withKind("CameraStream")
        .withName("site").withUid("uid-site").withController(true).withBlockOwnerDeletion(blockOwnerDeletion ? true
            : null).build();
  }

  // --- helpers ------------------------------------------------------------------------------------------------------

  private static void assertRefused(ResourceRequirements resources, String error) {
    assertThatThrownBy(() -> create("refused", resources))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getMessage()).startsWith("Deployment \"refused\" is invalid: ").contains(error);
        });
    assertThat(client.apps().deployments().inNamespace(NS).withName("refused").get()).isNull();
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
