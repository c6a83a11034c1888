package io.camstream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Started as a new user would, without a cluster, the real operator main (its own JVM, the production logging
 * configuration) exits non-zero at once with one line naming what it tried, and no stack trace.
 */
class NoClusterStartupTest {
  /** Far above the few seconds it takes; only there so that a hang fails instead of blocking the build. */
  private static final Duration GUARD = Duration.ofMinutes(2);

  @TempDir
  Path home;

  @Test
  void withoutAnyKubeconfigItSaysWhereItLookedAndExits() throws Exception {
    Result result = runOperator(Map.of());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.lines()).as("the whole output").singleElement().satisfies(line -> {
      assertThat(line).startsWith("camstream-operator: no Kubernetes cluster configured")
          .contains("KUBECONFIG", "~/.kube/config", home.resolve(".kube/config").toString(), "service account");
      assertThat(line).doesNotContain("Exception");
    });
    System.out.printf("no cluster: exit %d after %d ms%n", result.exitCode(), result.took().toMillis());
  }

  @Test
  void anUnreachableApiServerIsNamedWithWhereItCameFrom() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path kubeconfig = home.resolve("unreachable.yaml");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: gone
          cluster: {server: "https://127.0.0.1:%d"}
        contexts:
        - name: gone
          context: {cluster: gone, user: someone}
        current-context: gone
        users:
        - name: someone
          user: {token: not-a-secret}
        """.formatted(closedPort));

    Result result = runOperator(Map.of("KUBECONFIG", kubeconfig.toString()));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("camstream-operator: cannot reach the Kubernetes API server https://127.0.0.1:" + closedPort)
        .contains("KUBECONFIG=" + kubeconfig)
        .doesNotContain("not-a-secret"));
    System.out.printf("unreachable API server: exit %d after %d ms%n", result.exitCode(), result.took().toMillis());
  }

  @Test
  void aKubeconfigThatIsNotThereIsSaidSo() throws Exception {
    Result result = runOperator(Map.of("KUBECONFIG", home.resolve("missing.yaml").toString()));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.lines()).singleElement().satisfies(line -> assertThat(line)
        .contains("KUBECONFIG=" + home.resolve("missing.yaml"), "no readable file"));
  }

  private Result runOperator(Map<String, String> extraEnvironment) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", mainClasspath(), OperatorMain.class.getName())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put(OperatorSettings.HEALTH_PORT, "0");
    env.putAll(extraEnvironment);
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the operator neither started nor exited within " + GUARD);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output.lines().filter(l -> !l.isBlank()).toList(), took);
  }

  /** The operator's runtime classpath: this test JVM's, without the test classes (and their logging config). */
  private static String mainClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private record Result(int exitCode, List<String> lines, Duration took) {
  }
}
