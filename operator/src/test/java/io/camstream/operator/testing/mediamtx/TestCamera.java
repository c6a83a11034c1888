package io.camstream.operator.testing.mediamtx;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.testing.CameraStreams;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An IP camera for pulled cameras ({@code mode: pull}): a real RTSP server at {@link #url()} serving H.264 from
 * ffmpeg's test source. The server is a second MediaMTX — configured, like the one under test, by the operator's own
 * builders (a one-camera CameraStream) — and ffmpeg publishes into it. Its URL is known before it starts, so a spec
 * can name a camera that comes up later; {@link #stop()} takes it off the network (connections refused), and
 * {@link #withCredentials()} makes it ask for a user and password, as most cameras do ({@link #user()}).
 */
public final class TestCamera implements AutoCloseable {
  public static final String PATH = "cam";
  private final RealMediaMtx server = RealMediaMtx.onFreePorts();
  private final DesiredState desired;
  private TestPublisher source;

  private TestCamera(boolean authenticated) {
    CameraStream camera = CameraStreams.of("camera", "camera", CameraStreams.testPattern(PATH));
    if (authenticated) {
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
      camera.getSpec().setMediamtx(mediamtx);
    }
    desired = DesiredState.of(camera, OperatorDefaults.standard(), Map.of(), PasswordGenerator.secureRandom());
  }

  /** A camera anyone may read, not started. */
  public static TestCamera withoutCredentials() {
    return new TestCamera(false);
  }

  /** A camera that asks for {@link #user()}, not started. */
  public static TestCamera withCredentials() {
    return new TestCamera(true);
  }

  /** {@code rtsp://127.0.0.1:<port>/cam}, without credentials. */
  public String url() {
    return server.rtspUrl(PATH);
  }

  /** The user a reader must give, for {@link #withCredentials()}. */
  public Optional<MediaMtxCredentials.User> user() {
    return desired.credentials().reader();
  }

  /** Starts serving, and waits until the stream is there. */
  public TestCamera start(Duration timeout) {
    server.start(desired);
    source = TestPublisher.ffmpeg(server.rtspUrl(PATH), desired.credentials().publisher()).start();
    server.awaitPath(PATH, p -> p.get("available").asBoolean(), timeout);
    return this;
  }

  /** Off the network: the server is gone and connections are refused. */
  public void stop() {
    if (source != null) {
      source.close();
      source = null;
    }
    server.stop();
  }

  @Override
  public void close() {
    stop();
    server.close();
  }
}
