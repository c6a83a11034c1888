package io.camstream.streamer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP server for tests: GStreamer's gst-rtsp-server (Debian's gir1.2-gst-rtsp-server-1.0) run by a short
 * Python script, listening on 127.0.0.1 on a free port. Publishers push (RECORD) to {@link #publishUrl(String)};
 * readers pull (PLAY, TCP or UDP) from {@link #readUrl(String)} and receive the publisher's H.264 unchanged.
 *
 * <p>For resilience tests the server can be stopped, killed, frozen ({@link #pause()}, SIGSTOP: the port stays
 * open but nothing answers) and thawed, and started again on the same port.
 */
public final class RtspRelay implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";
    private static final long START_TIMEOUT_SECONDS = 20;

    private final int port;
    private final List<String> paths;
    private final Path script;
    private final StringBuffer log = new StringBuffer();
    private Process process;

    private RtspRelay(int port, List<String> paths, Path script) {
        this.port = port;
        this.paths = paths;
        this.script = script;
    }

    /** Starts a relay serving the given paths ({@code cam} if none) and waits until it accepts connections. */
    public static RtspRelay start(String... paths) {
        List<String> mounts = paths.length == 0 ? List.of("cam") : List.of(paths);
        RtspRelay relay = new RtspRelay(freePort(), mounts, PythonScripts.extract("rtsp-relay.py"));
        relay.launch();
        return relay;
    }

    public int port() {
        return port;
    }

    /** Where a publisher (the streamer) pushes. */
    public String publishUrl(String path) {
        return "rtsp://127.0.0.1:" + port + "/" + path;
    }

    /** Where a reader pulls what was published on {@code path}. */
    public String readUrl(String path) {
        return publishUrl(path) + "/play";
    }

    /** (Re)starts the server on the same port, e.g. after {@link #stop()} or {@link #kill()}. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("relay already running on port " + port);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), Integer.toString(port)));
        command.addAll(paths);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + PYTHON + " (is python3-gi installed?)", e);
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Process started = process;
        Thread reader = new Thread(() -> drain(started.getInputStream(), ready), "rtsp-relay-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("RTSP relay exited before it was ready:\n" + log);
            }
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("RTSP relay did not start on port " + port + ": " + e + "\n" + log, e);
        }
    }

    private void drain(InputStream in, CompletableFuture<Boolean> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("ready")) {
                    ready.complete(true);
                } else if (log.length() < 100_000) {
                    log.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // The process went away; the output so far stays in the log.
        } finally {
            ready.complete(false);
        }
    }

    /** SIGTERM and wait: a clean shutdown that closes every connection. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            await();
        }
    }

    /** SIGKILL: the server vanishes without closing anything gracefully. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            await();
        }
    }

    /** Drops every client connection (publishers and readers) while the server keeps running. */
    public synchronized void kickClients() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("relay is not running");
        }
        try {
            process.getOutputStream().write("kick\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGSTOP: the server freezes; connections stay open but no byte moves (a hung server or a network stall). */
    public synchronized void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        signal("CONT");
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** What the server printed (errors and warnings), for assertion messages. */
    public String log() {
        return log.toString();
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            signal("CONT");
            kill();
        }
    }

    private void signal(String name) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("relay is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void await() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
