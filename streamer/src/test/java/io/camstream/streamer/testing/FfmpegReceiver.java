package io.camstream.streamer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FFmpeg's own RTSP listener as the receiving server: accepts one publisher on 127.0.0.1 and records what it
 * receives, with the publisher's RTP timestamps, into an MPEG-TS file (no re-encoding); or, with audio, the video
 * and every audio track into Matroska (which carries G.711, AAC and Opus alike). Unlike the relay it keeps
 * timestamps as sent (streams aligned by the publisher's RTCP sender reports, as any RTSP reader does), so tests
 * can check them.
 */
public final class FfmpegReceiver implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final String url;

    private FfmpegReceiver(Process process, Path output, String url) {
        this.process = process;
        this.output = output;
        this.url = url;
    }

    public static FfmpegReceiver start(Path dir) {
        return start(dir, false);
    }

    /** @param withAudio record the audio tracks too, into Matroska */
    public static FfmpegReceiver start(Path dir, boolean withAudio) {
        int port = RtspRelay.freePort();
        String url = "rtsp://127.0.0.1:" + port + "/receiver";
        Path output = dir.resolve("received-" + port + (withAudio ? ".mkv" : ".ts"));
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y",
                "-rtsp_flags", "listen", "-timeout", "60", "-i", url, "-map", "0:v:0"));
        if (withAudio) {
            command.addAll(List.of("-map", "0:a?", "-c", "copy", "-f", "matroska", output.toString()));
        } else {
            command.addAll(List.of("-c", "copy", "-f", "mpegts", output.toString()));
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("receiver-" + port + ".log").toFile()).start();
            FfmpegReceiver receiver = new FfmpegReceiver(process, output, url);
            receiver.awaitListening(port);
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where to publish. */
    public String url() {
        return url;
    }

    /** Waits for the publisher to end the session (TEARDOWN) and the file to be complete, then analyses it. */
    public StreamProbe.Report awaitRecording() throws InterruptedException {
        return StreamProbe.analyse(awaitFile(), null);
    }

    /** Waits for the publisher to end the session (TEARDOWN) and the file to be complete. */
    public Path awaitFile() throws InterruptedException {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        return output;
    }

    private void awaitListening(int port) {
        String hexPort = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                // Never connect to probe: the listener takes exactly one client.
                if (Files.readAllLines(Path.of("/proc/net/tcp")).stream()
                        .anyMatch(l -> l.contains(hexPort) && l.trim().split("\\s+")[3].equals("0A"))) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("ffmpeg listener did not open " + url);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
