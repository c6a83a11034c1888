package io.camstream.operator.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists and watches as a Kubernetes API server serves them: pages read at the first page's revision, expired once
 * compacted; watches resuming from a resourceVersion; several requests at once.
 */
class FakeApiServerListWatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static FakeApiServer server;
  private static KubernetesClient client;
  private static final HttpClient http = HttpClient.newHttpClient();

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

  private static ConfigMap configMap(String namespace, String name, String tier) {
    return client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels("tier", tier).endMetadata().addToData("k", "v").build()).create();
  }

  @Test
  void laterPagesAreReadAtTheFirstPagesRevisionUntilCompacted() throws Exception {
    for (int i = 1; i <= 7; i++) {
      configMap("paging", "cm-" + i, i % 2 == 0 ? "even" : "odd");
    }
    configMap("paging-elsewhere", "cm-1", "odd");

    ConfigMapList first = client.configMaps().inNamespace("paging").list(new ListOptionsBuilder().withLimit(3L)
        .build());
    assertThat(first.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("cm-1", "cm-2", "cm-3");
    assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(4L);
    assertThat(first.getMetadata().getContinue()).isNotBlank();

    client.configMaps().inNamespace("paging").withName("cm-6").delete();
    configMap("paging", "cm-8", "even");
    ConfigMapList second = client.configMaps().inNamespace("paging").list(new ListOptionsBuilder().withLimit(3L)
        .withContinue(first.getMetadata().getContinue()).build());
    assertThat(second.getItems()).as("as they were when the first page was read")
        .extracting(c -> c.getMetadata().getName()).containsExactly("cm-4", "cm-5", "cm-6");
    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());

    assertThatThrownBy(() -> client.configMaps().inNamespace("paging").list(new ListOptionsBuilder().withLimit(3L)
        .withContinue(second.getMetadata().getContinue()).withResourceVersion("1").build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));

    server.compact();
    JsonNode expired = get("/api/v1/namespaces/paging/configmaps?limit=3&continue="
        + URLEncoder.encode(second.getMetadata().getContinue(), StandardCharsets.UTF_8), 410);
    assertThat(expired.path("reason").asText()).isEqualTo("Expired");
    JsonNode rest = get("/api/v1/namespaces/paging/configmaps?limit=3&continue="
        + URLEncoder.encode(expired.path("metadata").path("continue").asText(), StandardCharsets.UTF_8), 200);
    assertThat(rest.path("items").findValuesAsText("name")).as("the rest, as it is now").containsExactly("cm-7",
        "cm-8");
    assertThat(rest.path("kind").asText()).isEqualTo("ConfigMapList");
  }

  @Test
  void selectorsFilterPagesWithoutCountingWhatIsLeftAndResourceVersionZeroIsServedWhole() throws Exception {
    for (int i = 1; i <= 5; i++) {
      configMap("selected", "cm-" + i, i % 2 == 0 ? "even" : "odd");
    }
    ConfigMapList odd = client.configMaps().inNamespace("selected").withLabel("tier", "odd")
        .list(new ListOptionsBuilder().withLimit(2L).build());
    assertThat(odd.getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("cm-1", "cm-3");
    assertThat(odd.getMetadata().getRemainingItemCount()).isNull();
    assertThat(odd.getMetadata().getContinue()).isNotBlank();
    assertThat(client.configMaps().inNamespace("selected").withLabelIn("tier", "even", "none")
        .withoutLabel("missing").list().getItems()).hasSize(2);
    assertThat(client.configMaps().inNamespace("selected").withField("metadata.name", "cm-4").list().getItems())
        .singleElement().satisfies(c -> assertThat(c.getMetadata().getName()).isEqualTo("cm-4"));
    JsonNode unsupported = get("/api/v1/namespaces/selected/configmaps?fieldSelector=data.k%3Dv", 400);
    assertThat(unsupported.path("message").asText()).isEqualTo("field label not supported: data.k");

    JsonNode whole = get("/api/v1/namespaces/selected/configmaps?limit=2&resourceVersion=0", 200);
    assertThat(whole.path("items")).hasSize(5);
    assertThat(whole.path("metadata").has("continue")).isFalse();
  }

  @Test
  void aWatchFromAResourceVersionSeesOnlyLaterChangesAndIsRefusedOnceCompacted() throws Exception {
    ConfigMap before = configMap("watched", "first", "odd");
    ConfigMap changed = client.configMaps().inNamespace("watched").withName("first").edit(c -> {
      c.getData().put("k", "w");
      return c;
    });
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = client.configMaps().inNamespace("watched").withLabel("tier", "odd").watch(
        new ListOptionsBuilder().withResourceVersion(before.getMetadata().getResourceVersion()).build(),
        recording(seen, new AtomicReference<>()))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
      client.configMaps().inNamespace("watched").withName("first").edit(c -> {
        c.getMetadata().getLabels().put("tier", "even");
        return c;
      });
      configMap("watched", "second", "odd");
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
    }
    assertThat(seen).containsExactly("MODIFIED first " + changed.getMetadata().getResourceVersion(),
        "DELETED first", "ADDED second");

    server.compact();
    AtomicReference<WatcherException> closed = new AtomicReference<>();
    try (Watch watch = client.configMaps().inNamespace("watched").watch(new ListOptionsBuilder()
        .withResourceVersion(before.getMetadata().getResourceVersion()).build(), recording(seen, closed))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
    }
    assertThat(closed.get().isHttpGone()).as("410: too old resource version").isTrue();
  }

  @Test
  void oneSlowRequestDoesNotHoldUpTheOthers() throws Exception {
    configMap("concurrent", "slow", "odd");
    configMap("concurrent", "fast", "odd");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    server.faults().inject(Fault.intercept(() -> {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).on("GET", ".*/configmaps/slow"));
    CompletableFuture<ConfigMap> slow = CompletableFuture.supplyAsync(() ->
        client.configMaps().inNamespace("concurrent").withName("slow").get());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      assertThat(client.configMaps().inNamespace("concurrent").withName("fast").get()).isNotNull();
      assertThat(client.configMaps().inNamespace("concurrent").list().getItems()).hasSize(2);
      assertThat(slow).isNotDone();
    } finally {
      release.countDown();
    }
    assertThat(slow.get(10, TimeUnit.SECONDS).getMetadata().getName()).isEqualTo("slow");
  }

  private static Watcher<ConfigMap> recording(List<String> seen, AtomicReference<WatcherException> closed) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        seen.add(action + " " + resource.getMetadata().getName()
            + (action == Action.MODIFIED ? " " + resource.getMetadata().getResourceVersion() : ""));
      }

      @Override
      public void onClose(WatcherException cause) {
        closed.set(cause);
      }
    };
  }

  private static JsonNode get(String path, int expectedCode) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedCode);
    return JSON.readTree(response.body());
  }
}
