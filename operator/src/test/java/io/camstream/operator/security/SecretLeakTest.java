package io.camstream.operator.security;

import static io.camstream.operator.testing.CameraStreams.camera;
import static io.camstream.operator.testing.CameraStreams.rtspCameraWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Plants known passwords (camera Secret values, a password inline in a source URL, the generated MediaMTX
 * passwords, a TURN server's password before and after rotation) and drives a CameraStream through create, update, a failure and its repair, and delete on the
 * real operator. None of the passwords may appear, raw or base64-encoded, in any log line (every logger at
 * DEBUG), any Kubernetes Event, any version of the CameraStream's status, or any version of any ConfigMap or
 * Deployment. The one documented exception: a password the user wrote inline in a streamer camera's source URL is
 * that streamer's source, so it is in that camera's Deployment (see docs/security.md). The TURN password belongs in
 * MediaMTX's config Secret only, which is checked to hold it.
 */
class SecretLeakTest {
  private static final String CAMERA_USER = "planted-user-Qx7r2";
  private static final String CAMERA_PASSWORD = "planted-camera-PASS-9vZ2k";
  private static final String SECOND_CAMERA_PASSWORD = "planted-second-PASS-4mW8t";
  private static final String INLINE_PASSWORD = "planted-inline-PASS-3xYq";
  /** Cameras MediaMTX pulls itself: their credentials go into the config Secret, and nowhere else. */
  private static final String PULLED_PASSWORD = "planted-pulled-PASS-7hQ4c";
  private static final String PULLED_INLINE_PASSWORD = "planted-pulled-inline-PASS-2kW9";
  private static final String TURN_PASSWORD = "planted-turn-PASS-2fR6";
  private static final String ROTATED_TURN_PASSWORD = "planted-turn-ROTATED-6yN1";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Map<String, Level> savedLevels = new LinkedHashMap<>();
  private final List<String> observed = Collections.synchronizedList(new ArrayList<>());
  private final List<Watch> watches = new ArrayList<>();
  private OperatorTestHarness harness;

  @BeforeEach
  void captureEverything() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.camstream", "io.javaoperatorsdk",
        "io.fabric8")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      savedLevels.put(name, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    logs.start();
    root.addAppender(logs);
    harness = OperatorTestHarness.start();
  }

  @AfterEach
  void restore() {
    watches.forEach(Watch::close);
    if (harness != null) {
      harness.close();
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    savedLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
  }

  @Test
  void noPasswordReachesLogsEventsStatusConfigMapsOrDeploymentsAcrossALifecycle() {
    String ns = harness.newNamespace();
    record(ns);
    createCameraSecret(ns, "gate-cam", CAMERA_PASSWORD);
    createCameraSecret(ns, "porch-cam", PULLED_PASSWORD);

    // create: a camera with a Secret, one with inline credentials, one test pattern, two pulled by MediaMTX (by
    // Secret, inline), recording on; readers must log in
    CameraStream site = CameraStreams.of(ns, "site", rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam"),
        camera("dock", "rtsp://admin:" + INLINE_PASSWORD + "@10.0.0.9/h264"), testPattern("lobby"),
        CameraStreams.pulledWithSecret("porch", "rtsp://10.0.0.11/s", "porch-cam"),
        CameraStreams.pulled("shed", "rtsp://admin:" + PULLED_INLINE_PASSWORD + "@10.0.0.12/s"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    createCameraSecret(ns, "turn", TURN_PASSWORD);
    mediamtx.setIceServers(List.of(turnServer("turn")));
    site.getSpec().setMediamtx(mediamtx);
    site.getSpec().setRecording(CameraStreams.recording("10Gi", ReclaimPolicy.RETAIN));
    harness.create(site);
    for (String deployment : List.of("site-mediamtx", "site-gate", "site-dock", "site-lobby")) {
      harness.awaitDeployment(ns, deployment);
      harness.markDeploymentReady(ns, deployment);
    }
    awaitReady(ns, "True");

    // update: change a source, add a camera, move a pulled camera to a streamer and back
    harness.edit(ns, "site", cs -> {
      cs.getSpec().getCameras().get(0).getSource().setUrl("rtsp://10.0.0.5/s2");
      cs.getSpec().getCameras().add(testPattern("yard"));
    });
    harness.awaitDeployment(ns, "site-yard");
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(3).setMode(StreamMode.PASSTHROUGH));
    harness.awaitDeployment(ns, "site-porch");
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(3).setMode(StreamMode.PULL));
    harness.awaitDeploymentGone(ns, "site-porch");

    // fail: a camera whose Secret lacks the referenced key; then repair it by a spec edit
    createCameraSecret(ns, "door-cam", SECOND_CAMERA_PASSWORD);
    harness.edit(ns, "site", cs -> {
      var door = rtspCameraWithSecret("door", "rtsp://10.0.0.7/s", "door-cam");
      door.getSource().getCredentialsSecretRef().setPasswordKey("pin");
      cs.getSpec().getCameras().add(door);
    });
    awaitReason(ns, "SecretKeyNotFound");
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(6).getSource().getCredentialsSecretRef()
        .setPasswordKey("password"));
    assertThat(MediaMtxConfigSecretBuilder.yaml(harness.client().secrets().inNamespace(ns)
        .withName("site-mediamtx-config").get())).as("where pulled cameras' credentials belong")
        .contains(PULLED_PASSWORD, PULLED_INLINE_PASSWORD);
    harness.awaitDeployment(ns, "site-door");

    // TURN: the password is in MediaMTX's config; a missing TURN Secret blocks, and a rotated one is followed
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> mediaMtxConfig(ns).contains(TURN_PASSWORD));
    harness.edit(ns, "site", cs -> cs.getSpec().getMediamtx().setIceServers(List.of(turnServer("turn-missing"))));
    awaitReason(ns, "SecretNotFound");
    harness.edit(ns, "site", cs -> cs.getSpec().getMediamtx().setIceServers(List.of(turnServer("turn"))));
    harness.client().secrets().inNamespace(ns).withName("turn").edit(secret -> {
      secret.getData().put("password", base64(ROTATED_TURN_PASSWORD));
      return secret;
    });
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> mediaMtxConfig(ns).contains(ROTATED_TURN_PASSWORD));
    harness.awaitCameraStream(ns, "site", cs -> ready(cs).map(c -> !"SecretNotFound".equals(c.getReason()))
        .orElse(false));

    List<String> planted = plantedPasswords(ns);
    planted.addAll(List.of(TURN_PASSWORD, ROTATED_TURN_PASSWORD));
    assertThat(planted).hasSize(11);

    // delete
    harness.delete(ns, "site");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> harness.get(ns, "site") == null);

    List<String> places = new ArrayList<>();
    // the appender appends under its own lock (AppenderBase.doAppend), not the list's
    synchronized (logs) {
      logs.list.stream().filter(event -> !isMockApiServer(event.getLoggerName()))
          .forEach(event -> places.add("log " + event.getLoggerName() + " " + render(event)));
    }
    assertThat(places).as("the operator's and JOSDK's DEBUG lines are captured")
        .anyMatch(p -> p.startsWith("log io.camstream")).anyMatch(p -> p.startsWith("log io.javaoperatorsdk"));
    for (Event event : harness.events(ns)) {
      places.add("event " + Serialization.asJson(event));
    }
    synchronized (observed) {
      places.addAll(observed);
    }
    assertThat(places).anyMatch(p -> p.startsWith("status ")).anyMatch(p -> p.startsWith("deployment site-mediamtx "))
        .anyMatch(p -> p.startsWith("deployment site-gate ")).anyMatch(p -> p.startsWith("event "));
    for (String password : planted) {
      for (String form : List.of(password, base64(password))) {
        assertThat(places).as("places holding a planted password")
            .noneMatch(p -> p.contains(form) && !(password.equals(INLINE_PASSWORD)
                && p.startsWith("deployment site-dock ")));
      }
    }
  }

  /** Keeps every version of every CameraStream status, ConfigMap and Deployment the namespace goes through. */
  private void record(String ns) {
    watches.add(harness.client().resources(CameraStream.class).inNamespace(ns).watch(collect("status",
        cs -> cs.getStatus() == null ? "" : Serialization.asJson(cs.getStatus()))));
    watches.add(harness.client().configMaps().inNamespace(ns).watch(collect("configmap",
        cm -> Serialization.asJson(cm))));
    watches.add(harness.client().apps().deployments().inNamespace(ns).watch(collect("deployment",
        deployment -> Serialization.asJson(deployment))));
  }

  private <T extends HasMetadata> Watcher<T> collect(String kind, java.util.function.Function<T, String> text) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        observed.add(kind + " " + resource.getMetadata().getName() + " " + text.apply(resource));
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  private List<String> plantedPasswords(String ns) {
    Secret generated = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();
    Map<String, String> decoded = MediaMtxCredentials.decode(generated);
    List<String> passwords = new ArrayList<>(List.of(CAMERA_USER, CAMERA_PASSWORD, SECOND_CAMERA_PASSWORD,
        INLINE_PASSWORD, PULLED_PASSWORD, PULLED_INLINE_PASSWORD));
    for (String key : List.of(CredentialKeys.PUBLISHER_PASSWORD, CredentialKeys.API_PASSWORD,
        CredentialKeys.READER_PASSWORD)) {
      assertThat(decoded.get(key)).as(key).isNotBlank();
      passwords.add(decoded.get(key));
    }
    return passwords;
  }

  private static IceServerSpec turnServer(String secret) {
    IceServerSpec server = new IceServerSpec();
    server.setUrl("turn:turn.example.com:3478?transport=udp");
    SecretCredentialsRef ref = new SecretCredentialsRef();
    ref.setName(secret);
    server.setCredentialsSecretRef(ref);
    return server;
  }

  private String mediaMtxConfig(String ns) {
    Secret config = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get();
    return config == null ? "" : MediaMtxConfigSecretBuilder.yaml(config);
  }

  private void createCameraSecret(String ns, String name, String password) {
    harness.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
        .addToLabels("camstream.io/camera-credentials", "true").endMetadata().addToData("username", base64(CAMERA_USER)).addToData("password", base64(password))
        .build()).create();
  }

  private void awaitReady(String ns, String status) {
    harness.awaitCameraStream(ns, "site", cs -> ready(cs).map(c -> status.equals(c.getStatus())).orElse(false));
  }

  private void awaitReason(String ns, String reason) {
    harness.awaitCameraStream(ns, "site", cs -> ready(cs).map(c -> reason.equals(c.getReason())).orElse(false));
  }

  private static java.util.Optional<io.fabric8.kubernetes.api.model.Condition> ready(CameraStream cs) {
    return cs.getStatus() == null || cs.getStatus().getConditions() == null ? java.util.Optional.empty()
        : cs.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  /**
   * The Fabric8 mock API server runs in this JVM and logs the objects it stores (Secrets included) at DEBUG; it
   * plays the API server, which holds the Secrets anyway. The operator's own client (io.fabric8.kubernetes.client
   * outside ...server.mock) stays checked.
   */
  private static boolean isMockApiServer(String loggerName) {
    return loggerName.startsWith("io.fabric8.kubernetes.client.server.mock")
        || loggerName.startsWith("io.fabric8.mockwebserver") || loggerName.startsWith("io.vertx")
        || loggerName.startsWith("io.netty");
  }

  private static String render(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        text.append(' ').append(frame.getSTEAsString());
      }
    }
    event.getMDCPropertyMap().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
    return text.toString();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
