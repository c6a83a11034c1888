package io.camstream.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.OperatorMain;
import io.camstream.operator.OperatorSettings;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.RawCameraStreams;
import io.camstream.operator.ui.CameraWallSettings;
import io.fabric8.kubernetes.api.model.Condition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as the container runs it ({@link OperatorMain} in its own JVM, production wiring and MediaMTX push
 * health): CameraStreams it cannot read, stored before it started and created while it runs, never make the
 * process exit or an informer unhealthy, and a good CameraStream created afterwards is still reconciled.
 */
class OperatorProcessSurvivesUnreadableResourcesTest {
  /** Generous: a fresh JVM on a shared 2-core machine. */
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern HEALTH_PORT = Pattern.compile("health and metrics on port (\\d+)");

  @Test
  void unreadableCameraStreamsNeverStopTheOperatorProcess(@TempDir Path dir) throws Exception {
    String ns = "cams";
    try (OperatorTestHarness api = OperatorTestHarness.builder().withoutOperator()
            .storedBeforeStart(client -> RawCameraStreams.store(client, ns, "stored", """
                cameras: [{name: lobby, source: {url: testpattern}, mode: teleport}]
                """)).start()) {
      Path log = dir.resolve("operator.log");
      Process operator = startOperator(api, log);
      try {
        int healthPort = awaitStarted(operator, log);

        RawCameraStreams.store(api.client(), ns, "created", """
            cameras: [{name: gate, source: {url: testpattern}, video: {fps: "thirty"}}]
            """);
        assertThat(awaitReady(api, ns, "stored").getReason()).isEqualTo("InvalidSpec");
        assertThat(awaitReady(api, ns, "created").getMessage()).contains("spec.cameras[0].video.fps", "thirty");

        // Without a MediaMTX to ask, "Ready" cannot be confirmed here (the in-process tests do): a good one created
        // afterwards is reconciled to the end, waiting only for push health.
        api.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("hall")));
        await().atMost(TIMEOUT).until(() -> api.deployment(ns, "site-mediamtx") != null
            && api.deployment(ns, "site-hall") != null);
        assertThat(awaitReady(api, ns, "site").getReason()).isNotEqualTo("InvalidSpec");
        assertThat(api.get(ns, "site").getStatus().getCameras()).extracting(c -> c.getName()).containsExactly("hall");

        assertThat(operator.isAlive()).as("operator process still running; its log:%n%s", Files.readString(log))
            .isTrue();
        assertThat(readyz(healthPort)).as("/readyz: every informer healthy").isEqualTo(200);
      } finally {
        operator.destroy();
        if (!operator.waitFor(30, TimeUnit.SECONDS)) {
          operator.destroyForcibly();
        }
      }
    }
  }

  private static Process startOperator(OperatorTestHarness api, Path log)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), OperatorMain.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.equals("KUBECONFIG"));
    env.put("KUBERNETES_MASTER", api.client().getMasterUrl().toString());
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put(OperatorSettings.LEADER_ELECTION, "false");
    env.put(OperatorSettings.HEALTH_PORT, "0");
    // The camera wall's fixed default port may be taken on a shared machine; the wall has its own tests.
    env.put(CameraWallSettings.UI_PORT, "0");
    env.put(OperatorSettings.MEDIAMTX_API_URL, "http://127.0.0.1:1/{name}");
    return builder.start();
  }

  private static int awaitStarted(Process operator, Path log) throws Exception {
    try {
      await().atMost(TIMEOUT).until(() -> !operator.isAlive() || HEALTH_PORT.matcher(Files.readString(log)).find());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("operator did not start within " + TIMEOUT + "; its log:\n" + Files.readString(log), e);
    }
    String text = Files.readString(log);
    Matcher port = HEALTH_PORT.matcher(text);
    assertThat(port.find()).as("operator started; its log:%n%s", text).isTrue();
    return Integer.parseInt(port.group(1));
  }

  private static Condition awaitReady(OperatorTestHarness api, String ns, String name) {
    await().atMost(TIMEOUT).until(() -> Conditions.find(conditions(api.get(ns, name)), ConditionTypes.READY)
        .isPresent());
    return Conditions.find(conditions(api.get(ns, name)), ConditionTypes.READY).orElseThrow();
  }

  private static List<Condition> conditions(CameraStream cameraStream) {
    return cameraStream == null || cameraStream.getStatus() == null ? List.of()
        : cameraStream.getStatus().getConditions();
  }

  private static int readyz(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
