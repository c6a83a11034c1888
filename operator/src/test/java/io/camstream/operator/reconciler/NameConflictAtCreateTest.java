package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Creating a CameraStream reads nothing before its creates (the informer caches answer for camstream's own objects);
 * a foreign object found when its create is refused stops the change and leaves nothing of it behind.
 */
class NameConflictAtCreateTest {
  private static final String DEPENDENT_KINDS = "/(deployments|services|secrets|networkpolicies|configmaps)/";
  private static OperatorTestHarness harness;

  @BeforeAll
  static void startOperator() {
    harness = OperatorTestHarness.start();
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @Test
  void aNewCameraStreamIsCreatedWithoutReadingItsObjectsFirst() throws Exception {
    String ns = harness.newNamespace();
    drain();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("gate")));
    // waits by listing: the test's own reads of single objects would count
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        harness.client().apps().deployments().inNamespace(ns).list().getItems().size() == 3);
    harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null);

    List<String> reads = drain().stream()
        .filter(r -> "GET".equals(r.getMethod()) && r.getPath().contains("/namespaces/" + ns + "/")
            && r.getPath().matches(".*" + DEPENDENT_KINDS + "[^/?]+(\\?.*)?$"))
        .map(RecordedRequest::getPath).toList();
    assertThat(reads).as("GETs of single objects in the namespace").isEmpty();
  }

  @Test
  void aForeignObjectFoundAtCreateLeavesNothingOfTheChangeBehind() throws Exception {
    String ns = harness.newNamespace();
    HasMetadata foreign = harness.client().services().inNamespace(ns).resource(new ServiceBuilder()
        .withNewMetadata().withName("site-mediamtx").addToLabels("team", "video").endMetadata()
        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));

    CameraStream blocked = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && Conditions.find(cs.getStatus().getConditions(), ConditionTypes.READY)
            .map(c -> "NameConflict".equals(c.getReason())).orElse(false));

    assertThat(Conditions.find(blocked.getStatus().getConditions(), ConditionTypes.READY).orElseThrow()
        .getMessage()).contains("Service \"site-mediamtx\"");
    String uid = blocked.getMetadata().getUid();
    assertThat(owned(ns)).as("objects of this CameraStream").noneMatch(object ->
        object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> uid.equals(ref.getUid())));
    assertThat(harness.client().services().inNamespace(ns).withName("site-mediamtx").get().getMetadata()
        .getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(harness.events(ns)).extracting(e -> e.getReason()).containsExactly("NameConflict");
  }

  private static List<HasMetadata> owned(String ns) {
    return Stream.of(
            harness.client().apps().deployments().inNamespace(ns).list().getItems().stream(),
            harness.client().services().inNamespace(ns).list().getItems().stream(),
            harness.client().secrets().inNamespace(ns).list().getItems().stream(),
            harness.client().network().v1().networkPolicies().inNamespace(ns).list().getItems().stream())
        .flatMap(s -> s.map(HasMetadata.class::cast)).toList();
  }

  private static List<RecordedRequest> drain() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }
}
