package io.camstream.operator.testing.mediamtx;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.testing.OperatorTestHarness;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real operator ({@link OperatorTestHarness}) with its push-health poll and config sync pointed at one
 * {@link RealMediaMtx}, for a test class: started before its first test, a fresh namespace for each test, every
 * CameraStream of that namespace deleted after it (the next test's MediaMTX has other credentials, so polling the
 * old one would only meet refusals), stopped after the last. Register it after the MediaMTX:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();
 * @RegisterExtension @Order(2) static final OperatorOnRealMediaMtx operator =
 *     OperatorOnRealMediaMtx.polling(mediaMtx, Duration.ofMillis(500), Duration.ofSeconds(2));
 * }</pre>
 */
public final class OperatorOnRealMediaMtx implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {
  private final RealMediaMtx mediaMtx;
  private final Duration poll;
  private final Duration repairAfter;
  private OperatorTestHarness harness;
  private MediaMtxHealthSource pushHealth;
  private String namespace;

  private OperatorOnRealMediaMtx(RealMediaMtx mediaMtx, Duration poll, Duration repairAfter) {
    this.mediaMtx = mediaMtx;
    this.poll = poll;
    this.repairAfter = repairAfter;
  }

  /**
   * @param poll how often push health and the config-drift check ask MediaMTX
   * @param repairAfter how long a difference may last before the sync repairs it as drift
   */
  public static OperatorOnRealMediaMtx polling(RealMediaMtx mediaMtx, Duration poll, Duration repairAfter) {
    return new OperatorOnRealMediaMtx(mediaMtx, poll, repairAfter);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String api = mediaMtx.apiUrl().toString();
    pushHealth = new MediaMtxHealthSource(api, poll, new MediaMtxApiClient(), Clock.systemUTC());
    harness = OperatorTestHarness.builder()
        .pushHealth(pushHealth)
        .configSync(new MediaMtxConfigSync(new MediaMtxConfigClient(), api, poll, repairAfter, Clock.systemUTC()))
        .start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    namespace = harness.newNamespace();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    harness.client().resources(CameraStream.class).inNamespace(namespace).delete();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    harness.close();
  }

  public OperatorTestHarness harness() {
    return harness;
  }

  /** The operator's push-health source (its poll count, for example). */
  public MediaMtxHealthSource pushHealth() {
    return pushHealth;
  }

  /** The current test's namespace. */
  public String namespace() {
    return namespace;
  }

  /** Plays the pod of CameraStream {@code name} in the current namespace ({@link MediaMtxPod}). */
  public MediaMtxPod pod(String name) {
    return MediaMtxPod.of(harness, mediaMtx, namespace, name);
  }
}
