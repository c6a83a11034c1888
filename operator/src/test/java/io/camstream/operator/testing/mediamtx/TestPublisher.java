package io.camstream.operator.testing.mediamtx;

import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.testing.MediaMtxReference;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real publisher on a MediaMTX path, as a child process:
 * <ul>
 *   <li>{@link #streamer} — camstream's own streamer ({@code streamer/target/camstream-streamer.jar}, built by the
 *       reactor before the operator module) in its own JVM, pushing its test pattern with the publisher user the
 *       operator generated, exactly as a streamer pod does (credentials through {@code CAMSTREAM_PUBLISH_*});</li>
 *   <li>{@link #ffmpeg} — Debian's ffmpeg pushing a {@code testsrc} (H.264, a keyframe a second): cheaper to start,
 *       for tests about MediaMTX rather than the streamer;</li>
 *   <li>{@link #ffmpegCopying} — Debian's ffmpeg pushing a clip's tracks as they are, e.g. a camera's AAC.</li>
 * </ul>
 * {@link #freeze()}/{@link #thaw()} send SIGSTOP/SIGCONT (a hung publisher: its TCP connection stays open and sends
 * nothing); {@link #stop()} ends it (SIGTERM: the streamer closes its RTSP session cleanly), {@link #start()} starts
 * it again. Killed on {@link #close()} and on JVM exit ({@link ChildProcesses}).
 */
public final class TestPublisher implements AutoCloseable {
  public static final String STREAMER_JAR = "streamer/target/camstream-streamer.jar";
  private static final String FIRST_FRAME = "First frame published";

  private final List<String> command;
  private final Map<String, String> environment;
  private final boolean isStreamer;
  private final Path log;
  private Process process;

  private TestPublisher(List<String> command, Map<String, String> environment, boolean isStreamer) {
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.isStreamer = isStreamer;
    try {
      this.log = Files.createTempFile("camstream-publisher-", ".log");
      log.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * camstream's streamer publishing its test pattern (320x240, 15 fps, a keyframe a second, 300 kbit/s) to
   * {@code rtspUrl} (no credentials in it) as {@code publisher}; not started yet.
   */
  public static TestPublisher streamer(String rtspUrl, MediaMtxCredentials.User publisher) {
    return streamer(rtspUrl, publisher, "testpattern:320x240@15", 300, 1);
  }

  /**
   * camstream's streamer publishing {@code source} (e.g. {@code testpattern:640x360@30}) at {@code bitrateKbps}, a
   * keyframe every {@code gopSeconds}; not started yet.
   */
  public static TestPublisher streamer(String rtspUrl, MediaMtxCredentials.User publisher, String source,
      int bitrateKbps, int gopSeconds) {
    return streamer(rtspUrl, publisher, source, "--bitrate-kbps", Integer.toString(bitrateKbps), "--gop-seconds",
        Integer.toString(gopSeconds));
  }

  /**
   * camstream's streamer publishing {@code source} (a file, a camera, a test pattern) to {@code rtspUrl} as
   * {@code publisher}, with further streamer {@code flags} (otherwise its defaults, as a pod without settings: mode
   * and audio {@code auto}); not started yet.
   */
  public static TestPublisher streamer(String rtspUrl, MediaMtxCredentials.User publisher, String source,
                                       String... flags) {
    List<String> command = streamerJava("-jar", streamerJar().toString(), "--source", source, "--publish", rtspUrl,
        "--health-port", "0");
    command.addAll(List.of(flags));
    return new TestPublisher(command, Map.of("CAMSTREAM_PUBLISH_USERNAME", publisher.username(),
        "CAMSTREAM_PUBLISH_PASSWORD", publisher.password()), true);
  }

  /** {@code streamer/target/camstream-streamer.jar}, which the reactor builds before the operator module. */
  public static Path streamerJar() {
    Path jar = MediaMtxReference.repositoryRoot().resolve(STREAMER_JAR);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " not built: `mvn -B -ntp verify` builds the streamer before the operator;"
          + " alone: `mvn -B -ntp -q -pl streamer package -DskipTests`");
    }
    return jar;
  }

  /** A java command for a short-lived child JVM running the streamer's code, followed by {@code args}. */
  public static List<String> streamerJava(String... args) {
    String cacheDir = System.getProperty("org.bytedeco.javacpp.cachedir",
        System.getProperty("user.home") + File.separator + ".javacpp" + File.separator + "cache");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a short-lived test process: quick start, little memory, one GC thread
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Dorg.bytedeco.javacpp.cachedir=" + cacheDir));
    command.addAll(List.of(args));
    return command;
  }

  /** Debian's ffmpeg publishing a test source to {@code rtspUrl} as {@code publisher}; not started yet. */
  public static TestPublisher ffmpeg(String rtspUrl, MediaMtxCredentials.User publisher) {
    return ffmpeg(rtspUrl, publisher, 1);
  }

  /** As {@link #ffmpeg(String, MediaMtxCredentials.User)}, with a keyframe every {@code gopSeconds}. */
  public static TestPublisher ffmpeg(String rtspUrl, MediaMtxCredentials.User publisher, int gopSeconds) {
    return ffmpeg(withUser(rtspUrl, publisher), gopSeconds);
  }

  /**
   * Debian's ffmpeg publishing {@code clip} as it is ({@code -c copy}), looped and at its own pace, to
   * {@code rtspUrl} as {@code publisher}: a camera whose tracks (its sound too) reach MediaMTX untouched; not
   * started yet.
   */
  public static TestPublisher ffmpegCopying(Path clip, String rtspUrl, MediaMtxCredentials.User publisher) {
    return new TestPublisher(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
        "-re", "-stream_loop", "-1", "-i", clip.toString(), "-map", "0", "-c", "copy",
        "-f", "rtsp", "-rtsp_transport", "tcp", withUser(rtspUrl, publisher)), Map.of(), false);
  }

  private static String withUser(String rtspUrl, MediaMtxCredentials.User user) {
    URI url = URI.create(rtspUrl);
    return url.getScheme() + "://" + RealMediaMtx.encode(user.username()) + ":"
        + RealMediaMtx.encode(user.password()) + "@" + url.getRawAuthority() + url.getRawPath();
  }

  /** Debian's ffmpeg publishing a test source to {@code rtspUrl} (credentials, if any, in the URL). */
  public static TestPublisher ffmpeg(String rtspUrl) {
    return ffmpeg(rtspUrl, 1);
  }

  private static TestPublisher ffmpeg(String rtspUrl, int gopSeconds) {
    int rate = 15;
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
        "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=" + rate,
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-bf", "0",
        "-g", Integer.toString(rate * gopSeconds), "-sc_threshold", "0",
        "-x264-params", "repeat-headers=1", "-b:v", "300k", "-pix_fmt", "yuv420p",
        "-f", "rtsp", "-rtsp_transport", "tcp", rtspUrl));
    return new TestPublisher(command, Map.of(), false);
  }

  /** Starts the process (again, after {@link #stop()}). */
  public synchronized TestPublisher start() {
    if (running()) {
      throw new IllegalStateException("already publishing");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(new File("/dev/null"));
    builder.environment().putAll(environment);
    try {
      process = ChildProcesses.start(builder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    return this;
  }

  /**
   * For the streamer: waits until it logged its first published frame (its JVM starts in about a second). For
   * ffmpeg, which logs nothing then, wait on MediaMTX's view instead ({@link RealMediaMtx#awaitPath}).
   */
  public TestPublisher awaitFirstFrame(Duration timeout) {
    if (!isStreamer) {
      throw new IllegalStateException("ffmpeg does not say when it publishes: await the MediaMTX path instead");
    }
    Instant deadline = Instant.now().plus(timeout);
    while (!log().contains(FIRST_FRAME)) {
      if (!running() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the streamer published no frame within " + timeout + ":\n" + log());
      }
      RealMediaMtx.sleep(50);
    }
    return this;
  }

  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /** SIGSTOP: the publisher hangs with its connection open. */
  public synchronized void freeze() {
    ChildProcesses.signal(process, "STOP");
  }

  /** SIGCONT after {@link #freeze()}. */
  public synchronized void thaw() {
    ChildProcesses.signal(process, "CONT");
  }

  /** SIGTERM (after SIGCONT), SIGKILL after 10 s. Returns the exit status. */
  public synchronized int stop() {
    if (process == null) {
      return -1;
    }
    int status = ChildProcesses.stop(process, 10_000);
    process = null;
    return status;
  }

  /** SIGKILL: the publisher vanishes without closing its session. */
  public synchronized void kill() {
    if (process != null) {
      ChildProcesses.kill(process);
      process = null;
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // deleted on exit
    }
  }
}
