package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeMemoryLimitsTest {

    @TempDir
    Path cgroup;

    @Test
    void readsCgroupV2Limit() throws Exception {
        Files.writeString(cgroup.resolve("memory.max"), "536870912\n");
        assertThat(NativeMemoryLimits.containerLimit(cgroup)).isEqualTo(OptionalLong.of(536870912L));
    }

    @Test
    void cgroupV2MaxMeansUnlimited() throws Exception {
        Files.writeString(cgroup.resolve("memory.max"), "max\n");
        assertThat(NativeMemoryLimits.containerLimit(cgroup)).isEmpty();
    }

    @Test
    void readsCgroupV1LimitAndTreatsItsHugeDefaultAsUnlimited() throws Exception {
        Files.createDirectories(cgroup.resolve("memory"));
        Files.writeString(cgroup.resolve("memory/memory.limit_in_bytes"), "268435456\n");
        assertThat(NativeMemoryLimits.containerLimit(cgroup)).isEqualTo(OptionalLong.of(268435456L));
        Files.writeString(cgroup.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        assertThat(NativeMemoryLimits.containerLimit(cgroup)).isEmpty();
    }

    @Test
    void noCgroupFilesMeansNoLimit() {
        assertThat(NativeMemoryLimits.containerLimit(cgroup.resolve("absent"))).isEmpty();
    }

    /** Runs in a fresh JVM: JavaCPP must pick the limits up in Pointer's static initializer. */
    @Test
    void javacppSeesTheLimitsWhenAppliedBeforeItLoads() throws Exception {
        Files.writeString(cgroup.resolve("memory.max"), Long.toString(1L << 30));
        Path out = cgroup.resolve("out.txt");
        Process process = JavaProcess.start(ApplyThenLoadJavacpp.class, List.of("-Xmx128m"), out,
                cgroup.toString());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        long physical = (1L << 30) / 10 * 9;
        assertThat(output).contains("maxPhysicalBytes=" + physical);
        long heap = Long.parseLong(output.replaceAll("(?s).*heap=(\\d+).*", "$1"));
        assertThat(output).contains("maxBytes=" + (physical - heap));
    }

    @Test
    void anExplicitPropertyWins() throws Exception {
        Files.writeString(cgroup.resolve("memory.max"), Long.toString(1L << 30));
        Path out = cgroup.resolve("out.txt");
        Process process = JavaProcess.start(ApplyThenLoadJavacpp.class,
                List.of("-Dorg.bytedeco.javacpp.maxPhysicalBytes=777777777"), out, cgroup.toString());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).contains("maxPhysicalBytes=777777777");
    }

    /** The fresh JVM's main. */
    public static final class ApplyThenLoadJavacpp {
        public static void main(String[] args) {
            NativeMemoryLimits.apply(Path.of(args[0]), Runtime.getRuntime().maxMemory());
            System.out.println("heap=" + Runtime.getRuntime().maxMemory());
            System.out.println("maxPhysicalBytes=" + org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
            System.out.println("maxBytes=" + org.bytedeco.javacpp.Pointer.maxBytes());
        }
    }
}
