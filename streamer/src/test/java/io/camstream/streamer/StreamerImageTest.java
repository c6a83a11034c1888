package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The streamer image's JVM settings (streamer/Dockerfile, read as text: there is no Docker engine here): the flags of
 * a small single-purpose process, and an AppCDS archive trained at image build time with exactly the flags the
 * ENTRYPOINT runs with, so the JVM can map it (a mismatch would silently start without it). CdsArchiveIT runs the
 * training script for real; bench/ reads the same ENTRYPOINT.
 */
class StreamerImageTest {

    static final Path DOCKERFILE = Path.of("Dockerfile");
    static final Pattern ENTRYPOINT = Pattern.compile("(?ms)^ENTRYPOINT\\s+\\[(.*?)\\]\\s*$");
    static final Pattern TRAINING = Pattern.compile("(?ms)^RUN [^\\n]*\\\\\\n\\s*sh (\\S+/train-cds\\.sh) (.*?)\\\\\\n"
            + "\\s*&&");

    static String dockerfile() throws Exception {
        return Files.readString(DOCKERFILE);
    }

    static List<String> entrypoint() throws Exception {
        Matcher m = ENTRYPOINT.matcher(dockerfile());
        assertThat(m.find()).as("exec-form ENTRYPOINT").isTrue();
        List<String> args = new ArrayList<>();
        Matcher arg = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
        while (arg.find()) {
            args.add(arg.group(1));
        }
        return args;
    }

    static List<String> jvmFlags(List<String> command) {
        return command.subList(1, command.indexOf("-jar"));
    }

    /** The arguments of train-cds.sh in the Dockerfile: FFMPEG JAR ARCHIVE FLAGS... */
    static List<String> trainingArguments() throws Exception {
        Matcher m = TRAINING.matcher(dockerfile());
        assertThat(m.find()).as("a RUN line that calls train-cds.sh").isTrue();
        return Arrays.asList(m.group(2).replace("\\\n", " ").trim().split("\\s+"));
    }

    @Test
    void entrypointRunsASmallSinglePurposeJvm() throws Exception {
        List<String> flags = jvmFlags(entrypoint());
        assertThat(flags).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError")
                .anyMatch(f -> f.startsWith("-Xss"))
                .anyMatch(f -> f.startsWith("-XX:MaxMetaspaceSize="))
                .anyMatch(f -> f.startsWith("-XX:ReservedCodeCacheSize="))
                .anyMatch(f -> f.startsWith("-XX:SharedArchiveFile="));
        // The heap follows the container's limit (the operator sets it per camera), a fraction of it: the frames
        // live in native memory, which JavaCPP bounds by the rest (NativeMemoryLimits).
        assertThat(flags).filteredOn(f -> f.startsWith("-XX:MaxRAMPercentage=")).singleElement()
                .satisfies(f -> assertThat(Double.parseDouble(f.substring(f.indexOf('=') + 1))).isBetween(5.0, 25.0));
        assertThat(flags).noneMatch(f -> f.startsWith("-Xmx")).noneMatch(f -> f.startsWith("-XX:+UseG1GC"));
    }

    @Test
    void theCdsArchiveIsTrainedWithTheEntrypointsOwnFlagsJarAndPath() throws Exception {
        List<String> entrypoint = entrypoint();
        List<String> training = trainingArguments();
        String jar = entrypoint.get(entrypoint.size() - 1);
        String archive = jvmFlags(entrypoint).stream().filter(f -> f.startsWith("-XX:SharedArchiveFile="))
                .map(f -> f.substring(f.indexOf('=') + 1)).findFirst().orElseThrow();

        assertThat(training.get(1)).as("trained on the jar the ENTRYPOINT runs").isEqualTo(jar);
        assertThat(training.get(2)).as("written where the ENTRYPOINT maps it").isEqualTo(archive);
        assertThat(training.subList(3, training.size())).as("the ENTRYPOINT's flags, but the archive itself")
                .containsExactlyElementsOf(jvmFlags(entrypoint).stream()
                        .filter(f -> !f.startsWith("-XX:SharedArchiveFile=")).toList());
    }

    @Test
    void theTrainingToolsAreMountedFromTheBuildStageAndTheScriptIsCopiedFromTheRepository() throws Exception {
        String dockerfile = dockerfile();
        List<String> training = trainingArguments();
        assertThat(training.get(0)).startsWith("/tools/");
        assertThat(dockerfile).containsPattern("RUN --mount=type=bind,from=build,source=/out/tools,target=/tools")
                .containsPattern("cp org/bytedeco/ffmpeg/linux-x86_64-gpl/\\* /out/tools/");
        Matcher script = Pattern.compile("(?m)^COPY (\\S+) (\\S+/train-cds\\.sh)$").matcher(dockerfile);
        assertThat(script.find()).isTrue();
        assertThat(Path.of("..").resolve(script.group(1))).isRegularFile();
        assertThat(Files.readString(Path.of("..").resolve(script.group(1)))).contains("-Xshare:dump");
    }
}
