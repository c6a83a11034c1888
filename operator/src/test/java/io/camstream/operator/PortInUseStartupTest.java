package io.camstream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.ui.CameraWallSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real operator main (its own JVM) with a reachable API server but a port it must listen on already taken
 * (a second operator on the node, a sidecar): it exits non-zero with one line naming the port and its variable,
 * instead of a stack trace followed by a process that serves nothing and never ends.
 */
class PortInUseStartupTest {
  /** Far above the few seconds it takes; only there so that a hang fails instead of blocking the build. */
  private static final long GUARD_SECONDS = 120;

  @ParameterizedTest
  @ValueSource(strings = {OperatorSettings.HEALTH_PORT, CameraWallSettings.UI_PORT})
  void aTakenPortIsNamedAndTheProcessExits(String variable) throws Exception {
    try (OperatorTestHarness api = OperatorTestHarness.builder().withoutOperator().start();
        ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      Map<String, String> ports = variable.equals(OperatorSettings.HEALTH_PORT)
          ? Map.of(OperatorSettings.HEALTH_PORT, String.valueOf(port), CameraWallSettings.UI_PORT, "0")
          : Map.of(OperatorSettings.HEALTH_PORT, "0", CameraWallSettings.UI_PORT, String.valueOf(port));

      Process operator = start(api, ports);
      boolean exited = operator.waitFor(GUARD_SECONDS, TimeUnit.SECONDS);
      if (!exited) {
        operator.destroyForcibly();
      }
      String output = new String(operator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(exited).as("the operator exits; its output:%n%s", output).isTrue();
      assertThat(operator.exitValue()).isNotZero();
      List<String> errors = output.lines().filter(line -> line.startsWith("camstream-operator: ")).toList();
      assertThat(errors).as("its output:%n%s", output).singleElement().satisfies(line -> assertThat(line)
          .contains("cannot listen on port " + port, variable, "BindException"));
      assertThat(output).doesNotContain("\tat ");
    }
  }

  private static Process start(OperatorTestHarness api, Map<String, String> ports) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), OperatorMain.class.getName())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("KUBERNETES_") || name.equals("KUBECONFIG"));
    env.put("KUBERNETES_MASTER", api.client().getMasterUrl().toString());
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put(OperatorSettings.LEADER_ELECTION, "false");
    env.put(OperatorSettings.MEDIAMTX_API_URL, "http://127.0.0.1:1/{name}");
    env.putAll(ports);
    return builder.start();
  }
}
