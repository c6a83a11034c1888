package io.camstream.streamer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An IP camera for tests: GStreamer's RTSP server (rtsp-camera.py) serving {@link #url()} with an H.264 video track
 * and a G.711 audio track, as most cameras do. It records the path of every track a client sets up
 * ({@link #setups()}), so a test can see which tracks a reader asked for.
 */
public final class RtspCamera implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final int port;
    private final List<String> setups = new CopyOnWriteArrayList<>();
    private final StringBuffer log = new StringBuffer();

    private RtspCamera(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the camera on a free port and waits until it accepts connections. */
    public static RtspCamera start() {
        int port = RtspRelay.freePort();
        Process process;
        try {
            process = new ProcessBuilder(PYTHON, PythonScripts.extract("rtsp-camera.py").toString(),
                    Integer.toString(port))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + PYTHON + " (is python3-gi installed?)", e);
        }
        RtspCamera camera = new RtspCamera(process, port);
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> camera.drain(process.getInputStream(), ready), "rtsp-camera-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("RTSP camera exited before it was ready:\n" + camera.log);
            }
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("RTSP camera did not start on port " + port + ": " + e + "\n" + camera.log, e);
        }
        return camera;
    }

    public String url() {
        return "rtsp://127.0.0.1:" + port + "/cam";
    }

    /** The path of each track set up so far, e.g. {@code /cam/stream=0} (video) and {@code /cam/stream=1} (audio). */
    public List<String> setups() {
        return List.copyOf(setups);
    }

    private void drain(InputStream in, CompletableFuture<Boolean> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("ready")) {
                    ready.complete(true);
                } else if (line.startsWith("SETUP ")) {
                    setups.add(line.substring("SETUP ".length()));
                } else if (log.length() < 100_000) {
                    log.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // The process went away.
        } finally {
            ready.complete(false);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
