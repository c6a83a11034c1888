package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.testing.FfmpegReceiver;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.StreamProbe;
import io.camstream.streamer.testing.TestMedia;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, for real: the shaded jar in a fresh JVM pushes its test pattern to an RTSP receiver
 * (FFmpeg's own listener, as the README suggests), and SIGTERM stops it cleanly.
 */
class StreamerJarIT {

    private static final Path JAR = Path.of("target", "camstream-streamer.jar");

    @Test
    void readmeRunCommandPushesTheTestPattern(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("run after mvn package").exists();
        int port = RtspRelay.freePort();
        String url = "rtsp://127.0.0.1:" + port + "/demo";
        Path received = dir.resolve("demo.ts");
        Process listener = new ProcessBuilder("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y",
                "-rtsp_flags", "listen", "-timeout", "60", "-i", url, "-c", "copy", "-f", "mpegts", received.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("listener.log").toFile()).start();
        Path log = dir.resolve("streamer.log");
        Process streamer = null;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
            streamer = new ProcessBuilder(javaBinary(), "-Dorg.bytedeco.javacpp.cachedir=" + cacheDir(), "-jar",
                    JAR.toString(), "--source", "testpattern:320x240@30", "--publish", url,
                    // The README's command but for the probe port: 8080 may be taken on a shared machine.
                    "--health-port", "0")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Process running = streamer;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).contains("First frame published") || !running.isAlive());
            assertThat(Files.readString(log)).contains("First frame published");
            Thread.sleep(3000);

            streamer.destroy();
            assertThat(streamer.waitFor(15, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            assertThat(streamer.exitValue()).as("SIGTERM is a clean stop: exit status 0").isZero();
            assertThat(Files.readString(log)).contains("Stopped");
            // The RTSP TEARDOWN ends the listener's input: it finishes the file and exits by itself.
            assertThat(listener.waitFor(15, TimeUnit.SECONDS)).as("receiver saw the end of the stream").isTrue();
        } finally {
            if (streamer != null) {
                streamer.destroyForcibly();
            }
            listener.destroyForcibly();
        }
        System.out.println(Files.readString(log));

        StreamProbe.Report report = StreamProbe.analyse(received, null);
        assertThat(report.codec()).isEqualTo("h264");
        assertThat(report.width()).isEqualTo(320);
        assertThat(report.height()).isEqualTo(240);
        assertThat(report.decodedFrames()).isGreaterThan(60);
    }

    /**
     * A streamer reading a camera (here a file) loads libavformat and libavcodec only: libavdevice and what it links
     * (libavfilter, the X11, ALSA and PulseAudio clients) are for capture devices, and cost every streamer memory
     * and start-up time.
     */
    @Test
    void aCameraStreamerLoadsNoCaptureDeviceLibraries(@TempDir Path dir) throws Exception {
        Path clip = TestMedia.h264Camera(dir, 2);
        try (FfmpegReceiver receiver = FfmpegReceiver.start(dir)) {
            Path log = dir.resolve("streamer.log");
            Process streamer = new ProcessBuilder(javaBinary(), "-Dorg.bytedeco.javacpp.cachedir=" + cacheDir(), "-jar",
                    JAR.toString(), "--source", clip.toString(), "--publish", receiver.url(), "--health-port", "0")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.readString(log).contains("First frame published") || !streamer.isAlive());
                assertThat(Files.readString(log)).contains("First frame published");

                String maps = Files.readString(Path.of("/proc", Long.toString(streamer.pid()), "maps"));
                assertThat(maps).contains("libavformat", "libavcodec")
                        .doesNotContain("libavdevice", "libavfilter", "libpulse", "libasound", "libxcb");
            } finally {
                streamer.destroy();
                streamer.waitFor(15, TimeUnit.SECONDS);
                streamer.destroyForcibly();
            }
        }
    }

    @Test
    void helpIsCleanText(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process help = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--help")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(help.exitValue()).isZero();
        assertThat(Files.readString(err)).as("stderr of --help").isEmpty();
        assertThat(Files.readString(out)).contains("--backoff-max-ms", "50-100 % of it", "Example:")
                .doesNotContain("WARN");
    }

    @Test
    void unknownModeInTheEnvironmentExitsTwoNamingTheVariable(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("streamer.log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(java.util.Map.of("CAMSTREAM_SOURCE", "testpattern",
                "CAMSTREAM_PUBLISH_URL", "rtsp://127.0.0.1:1/demo", "CAMSTREAM_MODE", "teleport"));
        Process streamer = builder.start();
        assertThat(streamer.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(streamer.exitValue()).as("bad configuration: restarting will not help").isEqualTo(2);
        assertThat(Files.readString(log)).contains("CAMSTREAM_MODE", "teleport");
    }

    /** Whether something listens on the port, without connecting (the listener accepts exactly one client). */
    private static boolean listening(int port) throws java.io.IOException {
        String hexPort = String.format(":%04X ", port);
        return Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                .anyMatch(line -> line.contains(hexPort) && line.trim().split("\\s+")[3].equals("0A"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The same cache as the test JVM, so natives are unpacked once per machine, not once per test. */
    private static String cacheDir() {
        String configured = System.getProperty("org.bytedeco.javacpp.cachedir");
        return configured != null ? configured
                : System.getProperty("user.home") + File.separator + ".javacpp" + File.separator + "cache";
    }
}
