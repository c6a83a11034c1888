package io.camstream.operator.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test API server stores what a Kubernetes 1.30 API server stores, and misbehaves only when told to. */
class FakeApiServerTest {
  private static final String NS = "store";
  private static FakeApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = FakeApiServer.started();
    client = server.createClient(new JdkHttpClientFactory());
    OperatorTestHarness.installCrd(client);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.destroy();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", name).endMetadata()
        .withNewSpec()
          .withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec()
              .addNewContainer().withName("main").withImage("example/app:1.2")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPort(new IntOrString("http")).endHttpGet()
                  .withInitialDelaySeconds(0).withPeriodSeconds(5).endReadinessProbe()
                .withNewResources().addToRequests("cpu", new Quantity("0.5"))
                  .addToLimits("memory", new Quantity("1024Mi")).endResources()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                  .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("EMPTY").withValue("").endEnv()
              .endContainer()
              .addNewContainer().withName("sidecar").withImage("example/sidecar").endContainer()
              .addNewVolume().withName("config").withNewConfigMap().withName("cfg").endConfigMap().endVolume()
              .addNewVolume().withName("creds").withNewSecret().withSecretName("creds").endSecret().endVolume()
              .addNewVolume().withName("scratch").withNewEmptyDir().withSizeLimit(new Quantity("1024Mi"))
                .endEmptyDir().endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void onStoredHandsEveryCreateAndUpdateInCommitOrderAndNoDeletion() throws Exception {
    List<String> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.onStored("/api/v1/configmaps", stored::add);
    ConfigMap created = client.resource(new ConfigMapBuilder().withNewMetadata().withName("heard").withNamespace(NS)
        .endMetadata().addToData("a", "1").build()).create();
    ConfigMap updated = client.resource(new ConfigMapBuilder(created).addToData("b", "2").build()).update();
    client.resource(updated).delete();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("heard").withNamespace(NS).endMetadata()
        .build()).create();

    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(stored).hasSize(3);
    assertThat(json.readTree(stored.get(0)).path("metadata").path("resourceVersion").asText())
        .isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(json.readTree(stored.get(1)).path("data").path("b").asText()).isEqualTo("2");
    assertThat(json.readTree(stored.get(1)).path("metadata").path("resourceVersion").asText())
        .isEqualTo(updated.getMetadata().getResourceVersion());
    assertThat(json.readTree(stored.get(2)).path("data").isMissingNode()).as("created again").isTrue();
  }

  @Test
  void deploymentsAreStoredWithTheServersDefaults() {
    Deployment stored = client.resource(deployment("defaults")).create();

    var spec = stored.getSpec();
    assertThat(spec.getReplicas()).isEqualTo(1);
    assertThat(spec.getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(spec.getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
    assertThat(spec.getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
    assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(spec.getProgressDeadlineSeconds()).isEqualTo(600);
    var pod = spec.getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Always");
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(pod.getSchedulerName()).isEqualTo("default-scheduler");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.getSecurityContext()).isNotNull();
    assertThat(pod.getEnableServiceLinks()).as("defaulted on Pods only, not on templates").isNull();

    Container main = pod.getContainers().get(0);
    assertThat(main.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(pod.getContainers().get(1).getImagePullPolicy()).as("no tag means latest").isEqualTo("Always");
    assertThat(main.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(main.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(main.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    var probe = main.getReadinessProbe();
    assertThat(probe.getInitialDelaySeconds()).as("omitempty drops 0").isNull();
    assertThat(probe.getTimeoutSeconds()).isEqualTo(1);
    assertThat(probe.getPeriodSeconds()).isEqualTo(5);
    assertThat(probe.getSuccessThreshold()).isEqualTo(1);
    assertThat(probe.getFailureThreshold()).isEqualTo(3);
    assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
    assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
    assertThat(main.getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
    assertThat(main.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
    assertThat(main.getEnv().get(0).getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
    assertThat(main.getEnv().get(1).getValue()).as("omitempty drops \"\"").isNull();
    assertThat(pod.getContainers().get(1).getResources()).as("a struct, never omitted").isNotNull();
    assertThat(pod.getVolumes().get(0).getConfigMap().getDefaultMode()).isEqualTo(420);
    assertThat(pod.getVolumes().get(1).getSecret().getDefaultMode()).isEqualTo(420);
    assertThat(pod.getVolumes().get(2).getEmptyDir().getSizeLimit().toString()).isEqualTo("1Gi");
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(stored.getMetadata().getUid()).isNotBlank();
    assertThat(stored.getMetadata().getCreationTimestamp()).isNotBlank();
    assertThat(stored.getStatus()).isNotNull();
  }

  @Test
  void servicesGetAddressesThatUpdatesWithoutThemKeep() {
    Service nodePort = new ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace(NS).endMetadata()
        .withNewSpec().withType("NodePort").addToSelector("app", "web")
          .addNewPort().withName("http").withPort(80).endPort()
          .addNewPort().withName("rtsp").withPort(8554).withTargetPort(new IntOrString("rtsp")).endPort()
        .endSpec().build();
    Service stored = client.resource(nodePort).create();

    var spec = stored.getSpec();
    assertThat(spec.getClusterIP()).startsWith(ServiceAllocations.SERVICE_CIDR_PREFIX);
    assertThat(spec.getClusterIPs()).containsExactly(spec.getClusterIP());
    assertThat(spec.getIpFamilies()).containsExactly("IPv4");
    assertThat(spec.getIpFamilyPolicy()).isEqualTo("SingleStack");
    assertThat(spec.getSessionAffinity()).isEqualTo("None");
    assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(spec.getExternalTrafficPolicy()).isEqualTo("Cluster");
    ServicePort http = spec.getPorts().get(0);
    assertThat(http.getProtocol()).isEqualTo("TCP");
    assertThat(http.getTargetPort()).isEqualTo(new IntOrString(80));
    assertThat(spec.getPorts()).allSatisfy(p -> assertThat(p.getNodePort()).isBetween(30000, 32767));

    // An update built from the desired state alone, as an operator sends it, keeps what was allocated.
    Service desired = new ServiceBuilder(nodePort).editMetadata()
        .withResourceVersion(stored.getMetadata().getResourceVersion()).addToLabels("changed", "yes").endMetadata()
        .build();
    Service updated = client.resource(desired).update();
    assertThat(updated.getSpec().getClusterIP()).isEqualTo(spec.getClusterIP());
    assertThat(updated.getSpec().getClusterIPs()).isEqualTo(spec.getClusterIPs());
    assertThat(updated.getSpec().getPorts()).extracting(ServicePort::getNodePort)
        .containsExactlyElementsOf(spec.getPorts().stream().map(ServicePort::getNodePort).toList());
    assertThat(updated.getMetadata().getGeneration()).as("Services track no generation").isNull();

    Service moved = new ServiceBuilder(updated).editSpec().withClusterIP("10.96.200.200")
        .withClusterIPs("10.96.200.200").endSpec().build();
    assertThatThrownBy(() -> client.resource(moved).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("may not change once set");
        });
  }

  /** A node port is the cluster's: one Service's (for both its protocols), refused to any other. */
  @Test
  void aNodePortAnotherServiceHoldsIsRefused() {
    Service holder = client.resource(new ServiceBuilder()
        .withNewMetadata().withName("holder").withNamespace(NS).endMetadata()
        .withNewSpec().withType("NodePort").addToSelector("app", "holder")
          .addNewPort().withName("ice-udp").withProtocol("UDP").withPort(8189).withNodePort(31999).endPort()
          .addNewPort().withName("ice-tcp").withProtocol("TCP").withPort(8189).withNodePort(31999).endPort()
        .endSpec().build()).create();
    assertThat(holder.getSpec().getPorts()).extracting(ServicePort::getNodePort).containsOnly(31999);

    Service claimant = new ServiceBuilder()
        .withNewMetadata().withName("claimant").withNamespace("elsewhere").endMetadata()
        .withNewSpec().withType("NodePort").addToSelector("app", "claimant")
          .addNewPort().withName("http").withPort(80).endPort()
          .addNewPort().withName("ice").withPort(8189).withNodePort(31999).endPort()
        .endSpec().build();
    assertThatThrownBy(() -> client.resource(claimant).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("spec.ports[1].nodePort", "31999", "provided port is already allocated");
        });
    Service allocated = client.resource(new ServiceBuilder(claimant).editSpec().editLastPort().withNodePort(null)
        .endPort().endSpec().build()).create();
    assertThat(allocated.getSpec().getPorts()).extracting(ServicePort::getNodePort).doesNotContain(31999);

    Service moved = new ServiceBuilder(allocated).editSpec().editLastPort().withNodePort(31999).endPort().endSpec()
        .build();
    assertThatThrownBy(() -> client.resource(moved).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));

    client.resource(holder).delete();
    org.awaitility.Awaitility.await().until(() -> client.services().inNamespace(NS).withName("holder").get() == null);
    assertThat(client.resource(moved).update().getSpec().getPorts()).extracting(ServicePort::getNodePort)
        .contains(31999);
  }

  @Test
  void networkPoliciesSecretsAndConfigMapsAreDefaulted() {
    NetworkPolicy policy = client.resource(new NetworkPolicyBuilder()
        .withNewMetadata().withName("np").withNamespace(NS).endMetadata()
        .withNewSpec().withNewPodSelector().endPodSelector()
          .addNewIngress().addNewPort().withPort(new IntOrString(8554)).endPort()
            .addNewFrom().withNewNamespaceSelector().endNamespaceSelector().endFrom().endIngress()
        .endSpec().build()).create();
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
    assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector())
        .as("an empty selector means every namespace and is kept").isNotNull();
    assertThat(policy.getMetadata().getGeneration()).isEqualTo(1L);

    Secret secret = client.resource(new SecretBuilder()
        .withNewMetadata().withName("s").withNamespace(NS).endMetadata()
        .addToStringData("password", "hunter2").build()).create();
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getStringData()).as("stringData is write-only").isNullOrEmpty();
    assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8))
        .isEqualTo("hunter2");

    ConfigMap configMap = client.resource(new ConfigMapBuilder()
        .withNewMetadata().withName("c").withNamespace(NS).withLabels(Map.of()).endMetadata()
        .addToData("empty", "").build()).create();
    assertThat(configMap.getData()).as("values inside maps are kept, empty or not").containsEntry("empty", "");
    assertThat(configMap.getMetadata().getGeneration()).isNull();
  }

  @Test
  void generationMovesWithTheSpecOnly() {
    Deployment stored = client.resource(deployment("generation")).create();
    Deployment relabelled = client.apps().deployments().inNamespace(NS).withName("generation")
        .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("team", "video").endMetadata().build());
    assertThat(relabelled.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(relabelled.getMetadata().getResourceVersion()).isNotEqualTo(stored.getMetadata().getResourceVersion());

    Deployment withStatus = client.apps().deployments().inNamespace(NS).withName("generation").editStatus(d -> {
      d.getStatus().setReadyReplicas(1);
      return d;
    });
    assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(withStatus.getStatus().getReadyReplicas()).isEqualTo(1);

    Deployment scaled = client.apps().deployments().inNamespace(NS).withName("generation")
        .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(2).endSpec().build());
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
    Deployment annotated = client.apps().deployments().inNamespace(NS).withName("generation")
        .edit(d -> new DeploymentBuilder(d).editMetadata().addToAnnotations("note", "x").endMetadata().build());
    assertThat(annotated.getMetadata().getGeneration()).as("Deployments count annotation changes too")
        .isEqualTo(3L);
    assertThat(annotated.getStatus().getReadyReplicas()).as("a spec write never changes the status").isEqualTo(1);
  }

  @Test
  void anUpdateThatChangesNothingWritesNothing() {
    Deployment stored = client.resource(deployment("unchanged")).create();
    long mark = server.requests().mark();
    Deployment again = client.resource(deployment("unchanged")).update();
    assertThat(again.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
    assertThat(again.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(server.requests().since(mark).to("deployments").verb("update").count()).isEqualTo(1);
  }

  @Test
  void staleWritesAreRejectedEverywhereIncludingStatus() throws Exception {
    Deployment stored = client.resource(deployment("stale")).create();
    client.apps().deployments().inNamespace(NS).withName("stale")
        .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("v", "2").endMetadata().build());
    assertThatThrownBy(() -> client.resource(stored).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThatThrownBy(() -> client.resource(stored).updateStatus())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

    CameraStream created = client.resource(CameraStreams.of(NS, "cams", CameraStreams.testPattern("a"))).create();
    CameraStream withStatus = client.resource(created).editStatus(cs -> {
      cs.setStatus(new CameraStreamStatus());
      cs.getStatus().setObservedGeneration(1L);
      return cs;
    });
    assertThat(withStatus.getMetadata().getGeneration()).as("a status write bumps no generation").isEqualTo(1L);
    created.setStatus(new CameraStreamStatus());
    assertThatThrownBy(() -> client.resource(created).updateStatus())
        .as("a status write from an old copy").isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(409));

    // Fabric8 fills in a missing resourceVersion itself; a raw PUT shows what the server says without one.
    CameraStream unconditional = client.resources(CameraStream.class).inNamespace(NS).withName("cams").get();
    unconditional.getMetadata().setResourceVersion(null);
    HttpResponse<String> answer = rawPut("/apis/camstream.io/" + unconditional.getVersion() + "/namespaces/" + NS
        + "/camerastreams/cams", client.getKubernetesSerialization().asJson(unconditional));
    assertThat(answer.statusCode()).as("custom resources need a resourceVersion on update").isEqualTo(422);
    assertThat(answer.body()).contains("must be specified for an update");
  }

  private static HttpResponse<String> rawPut(String path, String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(path)))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void customResourcesArePrunedAndDefaultedFromTheirSchema() {
    CameraStream cameraStream = CameraStreams.of(NS, "pruned", CameraStreams.rtspCameraWithSecret("door",
        "rtsp://door.local/stream", "door-credentials"));
    GenericKubernetesResource generic = client.getKubernetesSerialization()
        .convertValue(cameraStream, GenericKubernetesResource.class);
    generic.setApiVersion(HasMetadata.getApiVersion(CameraStream.class));
    generic.setKind(HasMetadata.getKind(CameraStream.class));
    @SuppressWarnings("unchecked")
    Map<String, Object> camera = ((List<Map<String, Object>>) ((Map<String, Object>) generic
        .getAdditionalProperties().get("spec")).get("cameras")).get(0);
    camera.put("unknownField", "dropped");
    generic.getAdditionalProperties().put("status", Map.of("observedGeneration", 7));
    client.resource(generic).create();

    GenericKubernetesResource stored = client.genericKubernetesResources(generic.getApiVersion(), generic.getKind())
        .inNamespace(NS).withName("pruned").get();
    assertThat(stored.<Object>get("spec", "cameras", 0, "unknownField")).isNull();
    assertThat(stored.<Object>get("spec", "cameras", 0, "source", "credentialsSecretRef", "usernameKey"))
        .isEqualTo("username");
    assertThat(stored.<Object>get("spec", "cameras", 0, "source", "credentialsSecretRef", "passwordKey"))
        .isEqualTo("password");
    assertThat(stored.getAdditionalProperties()).as("status is ignored on create").doesNotContainKey("status");
  }

  @Test
  void faultsAnswerTheNextMatchingRequestsThenStop() {
    client.resource(deployment("faulty")).create();
    Fault conflict = server.faults().inject(Fault.status(409).on("PATCH", ".*/deployments/faulty").times(2));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.apps().deployments().inNamespace(NS).withName("faulty")
          .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("try", "x").endMetadata().build()))
          .isInstanceOf(KubernetesClientException.class);
    }
    assertThat(conflict.fired()).isEqualTo(2);
    Deployment now = client.apps().deployments().inNamespace(NS).withName("faulty").get();
    assertThat(now.getMetadata().getLabels()).as("an injected error changes nothing").doesNotContainKey("try");
    Deployment updated = client.resource(new DeploymentBuilder(now).editMetadata().addToLabels("try", "y")
        .endMetadata().build()).update();
    assertThat(updated.getMetadata().getLabels()).containsEntry("try", "y");

    // Fabric8 retries 5xx answers by itself (requestRetryBackoffLimit): one 500 is invisible to its caller.
    Fault internal = server.faults().inject(Fault.status(500).on("GET", ".*/deployments/faulty"));
    assertThat(client.apps().deployments().inNamespace(NS).withName("faulty").get()).isNotNull();
    assertThat(internal.fired()).isEqualTo(1);
    Fault unavailable = server.faults().inject(Fault.status(503).on("GET", ".*/deployments/faulty"));
    try (KubernetesClient noRetries = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory())
        .editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig())) {
      assertThatThrownBy(() -> noRetries.apps().deployments().inNamespace(NS).withName("faulty").get())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
    }
    assertThat(unavailable.fired()).isEqualTo(1);
  }

  @Test
  void aSlowAnswerTimesOutAClientThatWaitsLess() {
    client.resource(deployment("slow")).create();
    Fault slow = server.faults().inject(Fault.delay(Duration.ofSeconds(3)).on("GET", ".*/deployments/slow"));
    try (KubernetesClient impatient = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory())
        .editOrNewConfig().withRequestTimeout(500).withRequestRetryBackoffLimit(0).endConfig())) {
      assertThatThrownBy(() -> impatient.apps().deployments().inNamespace(NS).withName("slow").get())
          .isInstanceOf(KubernetesClientException.class);
    }
    assertThat(slow.fired()).isEqualTo(1);
  }

  @Test
  void requestsAreRecordedByResourceAndVerb() {
    long mark = server.requests().mark();
    client.resource(deployment("counted")).create();
    client.apps().deployments().inNamespace(NS).withName("counted").get();
    client.apps().deployments().inNamespace(NS).withName("counted").delete();
    var since = server.requests().since(mark);
    assertThat(since.to("deployments").named("counted").describe())
        .containsExactly("create deployments store/counted -> 201", "get deployments store/counted -> 200",
            "delete deployments store/counted -> 200");
    assertThat(since.writes().count()).isEqualTo(2);
    assertThat(List.of(since.list().get(0).userAgent())).doesNotContainNull();
  }

  @Test
  void rbacRefusesWhatAMissingBindingTakesAwayAndAnswersAccessReviewsAlike() {
    server.authorization().exempt("cluster-admin").forbid("", "nodes").forbidNamespace("unbound");
    try (KubernetesClient admin = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory())
        .editOrNewConfig().withUserAgent("cluster-admin").endConfig())) {
      assertThatThrownBy(() -> client.nodes().list()).isInstanceOfSatisfying(KubernetesClientException.class,
          e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
            assertThat(e.getStatus().getMessage()).isEqualTo("nodes is forbidden: User \""
                + Authorization.OPERATOR_USER + "\" cannot list resource \"nodes\" in API group \"\" at the cluster"
                + " scope");
          });
      assertThatThrownBy(() -> client.apps().deployments().inNamespace("unbound").list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
              .isEqualTo("deployments.apps is forbidden: User \"" + Authorization.OPERATOR_USER + "\" cannot list"
                  + " resource \"deployments\" in API group \"apps\" in the namespace \"unbound\""));
      assertThatThrownBy(() -> client.apps().deployments().inAnyNamespace().list()).as("no ClusterRoleBinding")
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> client.secrets().inNamespace("unbound").withName("x").get())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThat(client.apps().deployments().inNamespace(NS).list()).isNotNull();
      assertThat(admin.nodes().list().getItems()).as("an admin is not the operator").isNotNull();
      assertThat(admin.apps().deployments().inNamespace("unbound").list().getItems()).isEmpty();

      assertThat(canI(client, "list", "", "nodes", null)).isFalse();
      assertThat(canI(client, "watch", "apps", "deployments", "unbound")).isFalse();
      assertThat(canI(client, "watch", "apps", "deployments", NS)).isTrue();
      assertThat(canI(client, "update", "camstream.io", "camerastreams/status", NS)).isTrue();
      assertThat(canI(admin, "list", "", "nodes", null)).isTrue();
    } finally {
      server.authorization().allow("", "nodes").allowNamespace("unbound");
    }
    assertThat(client.nodes().list()).as("the binding was created").isNotNull();
    assertThat(canI(client, "list", "", "nodes", null)).isTrue();
  }

  private static boolean canI(KubernetesClient as, String verb, String group, String resource, String namespace) {
    String[] parts = resource.split("/");
    return as.authorization().v1().selfSubjectAccessReview().create(
        new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder().withNewSpec()
            .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(parts[0])
              .withSubresource(parts.length > 1 ? parts[1] : null).withNamespace(namespace)
            .endResourceAttributes().endSpec().build()).getStatus().getAllowed();
  }
}
