package io.camstream.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the operator finds its Kubernetes API server, the way the Kubernetes client looks for it ({@code KUBECONFIG},
 * {@code ~/.kube/config}, the in-cluster service account), checked before anything starts: without one, or with one
 * that does not answer within seconds, the operator stops with one line naming what it tried instead of retrying
 * for a minute and dying with a stack trace.
 */
public final class ClusterConnection {
  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
  /** The whole check, connect and answer, stays well under the 10 s a user waits for a verdict. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** What configured the client: shown in every message about the connection. */
  private final String source;

  private ClusterConnection(String source) {
    this.source = source;
  }

  /** Why the operator cannot talk to a cluster, in one line for the user. */
  public static final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param home the user's home directory ({@code HOME}, else {@code user.home}), where {@code .kube/config} lives
   * @throws Unavailable when nothing tells where the API server is
   */
  public static ClusterConnection find(Map<String, String> env, Path home, Path serviceAccount) throws Unavailable {
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      List<String> files = Arrays.stream(kubeconfig.split(File.pathSeparator)).filter(f -> !f.isBlank()).toList();
      if (files.stream().noneMatch(f -> Files.isRegularFile(Path.of(f)))) {
        throw new Unavailable("KUBECONFIG=" + kubeconfig + " names no readable file; fix KUBECONFIG or unset it to"
            + " use ~/.kube/config or the in-cluster service account");
      }
      return new ClusterConnection("KUBECONFIG=" + kubeconfig);
    }
    Path userConfig = home.resolve(".kube").resolve("config");
    if (Files.isRegularFile(userConfig)) {
      return new ClusterConnection("~/.kube/config (" + userConfig + ")");
    }
    boolean inCluster = env.containsKey("KUBERNETES_SERVICE_HOST")
        && Files.isRegularFile(serviceAccount.resolve("token"));
    if (inCluster) {
      return new ClusterConnection("the in-cluster service account (" + serviceAccount + ")");
    }
    Optional<String> master = Optional.ofNullable(env.get("KUBERNETES_MASTER")).filter(m -> !m.isBlank());
    if (master.isPresent()) {
      return new ClusterConnection("KUBERNETES_MASTER=" + master.get());
    }
    throw new Unavailable("no Kubernetes cluster configured: KUBECONFIG is not set, " + userConfig
        + " (~/.kube/config) does not exist, and there is no in-cluster service account (KUBERNETES_SERVICE_HOST and "
        + serviceAccount.resolve("token") + "); point KUBECONFIG at a kubeconfig or run the operator in a cluster");
  }

  /** The user's home as the Kubernetes client sees it: {@code HOME}, else the JVM's {@code user.home}. */
  public static Path home(Map<String, String> env) {
    String home = env.get("HOME");
    if (home != null && !home.isBlank() && Files.isDirectory(Path.of(home))) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"));
  }

  /**
   * Asks the API server for its version once, without retries: any answer, even a refusal, shows it is there.
   *
   * @throws Unavailable when it cannot be reached in time
   */
  public void check(Config config) throws Unavailable {
    Config once = new ConfigBuilder(config)
        .withConnectionTimeout((int) CONNECT_TIMEOUT.toMillis())
        .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
        .withRequestRetryBackoffLimit(0)
        .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once)
        .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      if (e.getCode() > 0) {
        return;
      }
      throw new Unavailable("cannot reach the Kubernetes API server " + config.getMasterUrl() + " (configured by "
          + source + "): " + rootCause(e));
    }
  }

  public String source() {
    return source;
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
