package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheLoopAndExitsZero() throws Exception {
        Path out = dir.resolve("out.txt");
        Process process = JavaProcess.start(LoopingMain.class, List.of(), out, "loop");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("looping"));
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out)).contains("loop closed its peers");
    }

    @Test
    void anExitOfItsOwnKeepsItsStatus() throws Exception {
        Path out = dir.resolve("out.txt");
        Process process = JavaProcess.start(LoopingMain.class, List.of(), out, "fail");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
    }

    @Test
    void stopWakesABackoffSleep() throws Exception {
        GracefulShutdown shutdown = new GracefulShutdown(Duration.ofSeconds(1));
        new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                // test thread
            }
            shutdown.requestStop();
        }).start();
        long start = System.nanoTime();
        assertThat(shutdown.sleepUnlessStopped(Duration.ofSeconds(20))).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
        assertThat(shutdown.isStopRequested()).isTrue();
    }

    /** The fresh JVM's main: a loop that backs off in long sleeps, like the supervisor waiting for a camera. */
    public static final class LoopingMain {
        public static void main(String[] args) throws Exception {
            GracefulShutdown shutdown = new GracefulShutdown(Duration.ofSeconds(5)).installHook();
            if (args[0].equals("fail")) {
                shutdown.exit(3);
            }
            System.out.println("looping");
            while (!shutdown.sleepUnlessStopped(Duration.ofSeconds(60))) {
                System.out.println("tick");
            }
            System.out.println("loop closed its peers");
            shutdown.loopFinished();
            Thread.sleep(60_000); // the hook halts with 0 before this ends
        }
    }
}
