package io.camstream.operator.testing.mediamtx;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The child processes tests start (MediaMTX, publishers, RTSP cameras): each is killed when its owner closes it, and
 * whatever is still running when the test JVM exits (a test killed by a timeout, an owner never closed) is killed by
 * a shutdown hook, so no MediaMTX or ffmpeg outlives the build on a shared machine.
 */
public final class ChildProcesses {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildProcesses::kill),
        "kill-test-children"));
  }

  private ChildProcesses() {
  }

  /** Starts the process and remembers it until {@link #stop} or JVM exit. */
  public static Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    RUNNING.add(process);
    return process;
  }

  /**
   * Stops it: SIGCONT (a frozen process cannot act on SIGTERM), SIGTERM, and SIGKILL if it is still there after the
   * grace period. Returns its exit status.
   */
  public static int stop(Process process, long graceMillis) {
    try {
      if (process.isAlive()) {
        signal(process, "CONT");
        process.destroy();
        if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
          kill(process);
        }
      }
      process.waitFor(10, TimeUnit.SECONDS);
      return process.isAlive() ? -1 : process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
      return -1;
    } finally {
      RUNNING.remove(process);
    }
  }

  /** Sends a signal by name ({@code STOP}, {@code CONT}, {@code TERM}, ...) to a running process. */
  public static void signal(Process process, String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        if (process.waitFor(1, TimeUnit.SECONDS)) {
          return; // it exited between isAlive and kill (a reader whose publisher left): nothing to signal
        }
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot send SIG" + signal + " to " + process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL, at once: the process vanishes without closing anything. */
  public static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.remove(process);
    }
  }
}
