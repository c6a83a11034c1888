package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.testing.RtspRelay;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build's AppCDS step for real, on the shaded jar: the natives unpacked as the Dockerfile unpacks them,
 * streamer/src/main/docker/train-cds.sh run with the ENTRYPOINT's flags, and then a start with those flags that
 * must map the archive ({@code -Xshare:on} refuses to start otherwise) and load the streamer's classes from it.
 */
class CdsArchiveIT {

    private static final Path JAR = Path.of("target", "camstream-streamer.jar").toAbsolutePath();
    private static final String FFMPEG_DIR = "org/bytedeco/ffmpeg/linux-x86_64-gpl/";
    private static final String JAVACPP_DIR = "org/bytedeco/javacpp/linux-x86_64/";

    @Test
    void theTrainedArchiveIsMappedByAStartWithTheImagesFlags(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("run after mvn package").exists();
        Path natives = Files.createDirectories(dir.resolve("natives"));
        Path tools = Files.createDirectories(dir.resolve("tools"));
        unpack(natives, tools);
        List<String> flags = new ArrayList<>();
        for (String flag : StreamerImageTest.jvmFlags(StreamerImageTest.entrypoint())) {
            if (!flag.startsWith("-XX:SharedArchiveFile=")) {
                flags.add(flag.replace("/opt/camstream/natives", natives.toString())
                        .replace("/tmp/javacpp", dir.resolve("cache").toString()));
            }
        }
        Path archive = dir.resolve("camstream.jsa");

        List<String> train = new ArrayList<>(List.of("sh", Path.of("src/main/docker/train-cds.sh").toString(),
                tools.resolve("ffmpeg").toString(), JAR.toString(), archive.toString()));
        train.addAll(flags);
        ProcessBuilder training = new ProcessBuilder(train).redirectErrorStream(true)
                .redirectOutput(dir.resolve("train.log").toFile());
        training.environment().put("CAMSTREAM_TRAIN_PORT", Integer.toString(RtspRelay.freePort()));
        training.environment().put("PATH", javaHome() + File.pathSeparator + System.getenv("PATH"));
        Process trainer = training.start();
        assertThat(trainer.waitFor(240, TimeUnit.SECONDS)).as("training finishes").isTrue();
        assertThat(trainer.exitValue()).as(Files.readString(dir.resolve("train.log"))).isZero();
        assertThat(archive).isRegularFile();

        List<String> start = new ArrayList<>(List.of(javaHome() + "/java"));
        start.addAll(flags);
        start.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load=info",
                "-jar", JAR.toString(), "--help"));
        Process help = new ProcessBuilder(start).redirectErrorStream(true)
                .redirectOutput(dir.resolve("start.log").toFile()).start();
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("start.log"));
        assertThat(help.exitValue()).as(log).isZero();
        assertThat(log).containsPattern("io\\.camstream\\.streamer\\.StreamerMain source: shared objects file")
                .containsPattern("picocli\\.CommandLine source: shared objects file");
    }

    private static String javaHome() {
        return Path.of(System.getProperty("java.home"), "bin").toString();
    }

    /** As the Dockerfile's build stage: the .so files into natives, the FFmpeg directory (ffmpeg program) into tools. */
    private static void unpack(Path natives, Path tools) throws Exception {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                String dir = name.substring(0, name.lastIndexOf('/') + 1);
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (dir.equals(FFMPEG_DIR)) {
                    copy(zip, entry, tools.resolve(file));
                }
                if ((dir.equals(FFMPEG_DIR) || dir.equals(JAVACPP_DIR)) && file.contains(".so")) {
                    copy(zip, entry, natives.resolve(file));
                }
            }
        }
        assertThat(tools.resolve("ffmpeg").toFile().setExecutable(true)).isTrue();
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path to) throws Exception {
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, to);
        }
    }
}
