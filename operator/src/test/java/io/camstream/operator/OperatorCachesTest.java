package io.camstream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.reconciler.CameraStreamReconciler;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.ApiRequest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the operator keeps of the cluster (issue 22: memory at 10,000 cameras): its informer caches hold no
 * managedFields although the API server stores them on everything, its lists are read in pages, and its writes
 * without managedFields leave other managers' entries alone.
 */
class OperatorCachesTest {
  /** One more than a page: the operator's list of camera Secrets needs a second page. */
  private static final int CAMERA_SECRETS = (int) OperatorClient.LIST_PAGE_SIZE + 1;
  private static final String SECRETS_NAMESPACE = "many-secrets";
  private static OperatorTestHarness harness;

  @BeforeAll
  static void start() {
    harness = OperatorTestHarness.builder().storedBeforeStart(client -> {
      ExecutorService writers = Executors.newFixedThreadPool(8);
      try {
        List<Future<Secret>> created = new ArrayList<>();
        for (int i = 0; i < CAMERA_SECRETS; i++) {
          Secret secret = new SecretBuilder().withNewMetadata().withName("camera-" + i)
              .withNamespace(SECRETS_NAMESPACE).addToLabels(Labels.CAMERA_CREDENTIALS, "true").endMetadata()
              .addToStringData("username", "u").addToStringData("password", "p").build();
          created.add(writers.submit(() -> client.resource(secret).create()));
        }
        for (Future<Secret> secret : created) {
          secret.get();
        }
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException(e);
      } finally {
        writers.shutdown();
      }
    }).start();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void informersListInPagesAndTheCachesHoldEveryPage() {
    List<ApiRequest> secretLists = harness.operatorRequestsSince(0).to("secrets").verb("list").filter(r ->
        Labels.CAMERA_CREDENTIALS_SELECTOR.equals(r.path().parameter("labelSelector"))).list();
    assertThat(secretLists).as("the camera Secrets' informer: a first page, then the rest").hasSize(2);
    assertThat(secretLists.get(0).path().parameter("limit")).isEqualTo(Long.toString(OperatorClient.LIST_PAGE_SIZE));
    assertThat(secretLists.get(0).path().parameter("continue")).isNull();
    assertThat(secretLists.get(1).path().parameter("continue")).isNotBlank();
    assertThat(harness.operatorRequestsSince(0).verb("list").list()).as("every informer lists in pages")
        .allSatisfy(list -> assertThat(list.path().parameter("limit"))
            .isEqualTo(Long.toString(OperatorClient.LIST_PAGE_SIZE)));
    assertThat(informerCache(Secret.class).filter(s -> SECRETS_NAMESPACE.equals(s.getMetadata().getNamespace())))
        .hasSize(CAMERA_SECRETS);
  }

  @Test
  void theCachesHoldNoManagedFieldsAndTheOperatorsWritesKeepOtherManagersEntries() {
    String namespace = harness.newNamespace();
    CameraStream site = harness.create(CameraStreams.of(namespace, "site", CameraStreams.testPattern("lobby")));
    Deployment streamer = harness.awaitDeployment(namespace, "site-lobby");
    harness.markDeploymentReady(namespace, "site-lobby");
    assertThat(managers(harness.deployment(namespace, "site-lobby"))).as("on the API server")
        .containsExactly(OperatorClient.USER_AGENT, OperatorTestHarness.TEST_USER_AGENT);

    org.awaitility.Awaitility.await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        informerCache(Deployment.class).anyMatch(d -> d.getMetadata().getName().equals("site-lobby")
            && d.getStatus() != null && d.getStatus().getReadyReplicas() != null));
    assertThat(informerCache(Deployment.class)).as("the operator's Deployment caches").isNotEmpty()
        .allSatisfy(d -> assertThat(d.getMetadata().getManagedFields()).isNullOrEmpty());
    assertThat(informerCache(Secret.class)).isNotEmpty()
        .allSatisfy(s -> assertThat(s.getMetadata().getManagedFields()).isNullOrEmpty());
    assertThat(controller().getEventSourceManager().getControllerEventSource()
        .get(ResourceID.fromResource(site))).hasValueSatisfying(cached ->
        assertThat(cached.getMetadata().getManagedFields()).as("the CameraStream cache").isNullOrEmpty());

    // A changed camera: the operator rewrites its Deployment from the cached copy, which has no managedFields.
    harness.edit(namespace, "site", cs -> cs.getSpec().getCameras().get(0).getSource().setUrl("testpattern:640x480"));
    org.awaitility.Awaitility.await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        !harness.deployment(namespace, "site-lobby").getMetadata().getGeneration()
            .equals(streamer.getMetadata().getGeneration()));
    assertThat(managers(harness.deployment(namespace, "site-lobby")))
        .as("the Deployment controller's status entry survives the operator's update")
        .containsExactlyInAnyOrder(OperatorClient.USER_AGENT, OperatorTestHarness.TEST_USER_AGENT);
  }

  private static List<String> managers(HasMetadata object) {
    List<String> managers = new ArrayList<>();
    for (ManagedFieldsEntry entry : object.getMetadata().getManagedFields()) {
      managers.add(entry.getManager());
    }
    return managers;
  }

  @SuppressWarnings("unchecked")
  private static Controller<CameraStream> controller() {
    return (Controller<CameraStream>) harness.operator().getRegisteredController(CameraStreamReconciler.NAME)
        .orElseThrow();
  }

  /** Every object of the type in the operator's informers (one per label selector). */
  private static <R extends HasMetadata> Stream<R> informerCache(Class<R> type) {
    return controller().getEventSourceManager().getEventSourcesFor(type).stream()
        .filter(source -> source instanceof InformerEventSource<?, ?>)
        .flatMap(source -> ((InformerEventSource<R, CameraStream>) source).list());
  }
}
