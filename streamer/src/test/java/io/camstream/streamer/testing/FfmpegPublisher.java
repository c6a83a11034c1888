package io.camstream.streamer.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A camera that can be unplugged: Debian's ffmpeg pushes a live H.264 test source ({@code testsrc}, no B-frames,
 * a keyframe every second) over RTSP/TCP to a relay path, in real time. {@link #kill()} and {@link #start()} again
 * simulate a camera that drops off the network and comes back.
 */
public final class FfmpegPublisher implements AutoCloseable {

    private final String url;
    private Process process;

    public FfmpegPublisher(String url) {
        this.url = url;
    }

    public synchronized FfmpegPublisher start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already publishing");
        }
        List<String> command = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-bf", "0", "-g", "25",
                // SPS/PPS before every keyframe, as cameras send them: a reader may join at any keyframe.
                "-x264-params", "repeat-headers=1",
                "-pix_fmt", "yuv420p", "-f", "rtsp", "-rtsp_transport", "tcp", url);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(new File("/dev/null")).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** SIGKILL: the camera vanishes mid-stream. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }
}
