package io.camstream.streamer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real reader for tests: Debian's ffmpeg pulls an RTSP stream for a few seconds and keeps exactly what it got
 * (as an Annex-B dump and as MPEG-TS, both without re-encoding); ffprobe then decodes it and reports.
 */
public final class StreamProbe {

    private StreamProbe() {
    }

    /** What a reader received. */
    public record Report(Map<String, String> stream, int decodedFrames, List<Double> packetTimes,
                         List<Boolean> keyframes, byte[] annexB, double codedFrameRate) {

        /** The frame rate the encoder wrote into the bitstream (H.264 VUI timing), as ffprobe reads it. */
        public double codedFps() {
            return codedFrameRate;
        }

        public String codec() {
            return stream.get("codec_name");
        }

        public int width() {
            return Integer.parseInt(stream.get("width"));
        }

        public int height() {
            return Integer.parseInt(stream.get("height"));
        }

        public String pixelFormat() {
            return stream.get("pix_fmt");
        }

        public int hasBFrames() {
            return Integer.parseInt(stream.get("has_b_frames"));
        }

        public String profile() {
            return stream.get("profile");
        }

        /** Frames per second measured from the packets' timestamps. */
        public double measuredFps() {
            double span = packetTimes.get(packetTimes.size() - 1) - packetTimes.get(0);
            return (packetTimes.size() - 1) / span;
        }

        /** The longest run of packets from one keyframe to the next (the GOP length actually sent). */
        public int longestKeyframeDistance() {
            int longest = 0;
            int last = -1;
            for (int i = 0; i < keyframes.size(); i++) {
                if (keyframes.get(i)) {
                    if (last >= 0) {
                        longest = Math.max(longest, i - last);
                    }
                    last = i;
                }
            }
            return longest;
        }

        public long keyframeCount() {
            return keyframes.stream().filter(k -> k).count();
        }

        public long spsCount() {
            return AnnexB.count(annexB, AnnexB.NAL_SPS);
        }
    }

    /** Reads {@code seconds} of video from {@code url} (RTSP over TCP) into {@code dir}, then analyses it. */
    public static Report read(String url, double seconds, Path dir) {
        Path h264 = dir.resolve("received.h264");
        Path ts = dir.resolve("received.ts");
        String duration = Double.toString(seconds);
        run(60, "ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y", "-rtsp_transport", "tcp", "-timeout", "10000000",
                "-i", url,
                "-map", "0:v:0", "-c", "copy", "-t", duration, "-f", "h264", h264.toString(),
                "-map", "0:v:0", "-c", "copy", "-t", duration, "-f", "mpegts", ts.toString());
        return analyse(ts, h264);
    }

    private static double codedFrameRate(Path annexB) {
        String rate = run(60, "ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate",
                "-of", "csv=p=0", annexB.toString()).trim();
        String[] parts = rate.split("/");
        return parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]) : Double.parseDouble(rate);
    }

    /** Analyses a recorded MPEG-TS (and its Annex-B twin, when given). */
    public static Report analyse(Path media, Path annexB) {
        Map<String, String> stream = new HashMap<>();
        for (String line : run(60, "ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=codec_name,profile,width,height,pix_fmt,has_b_frames,nb_read_frames",
                "-of", "default=nw=1", media.toString()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                stream.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        List<Double> times = new ArrayList<>();
        List<Boolean> keys = new ArrayList<>();
        for (String line : run(60, "ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", media.toString()).split("\n")) {
            String[] parts = line.trim().split(",");
            if (parts.length >= 2 && !parts[0].equals("N/A")) {
                times.add(Double.parseDouble(parts[0]));
                keys.add(parts[1].contains("K"));
            }
        }
        try {
            byte[] bytes = annexB == null ? new byte[0] : Files.readAllBytes(annexB);
            String frames = stream.getOrDefault("nb_read_frames", "0");
            return new Report(stream, frames.matches("\\d+") ? Integer.parseInt(frames) : 0, times, keys, bytes,
                    annexB == null ? 0 : codedFrameRate(annexB));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first audio track of a recording as ffprobe reads it; {@code codec} is null when there is none. */
    public record AudioReport(String codec, int sampleRate, int channels, int packets, double seconds) {
    }

    /** ffprobe's view of the first audio track of {@code media}: codec, rate, channels, packets and their span. */
    public static AudioReport audio(Path media) {
        Map<String, String> stream = new HashMap<>();
        for (String line : run(60, "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=codec_name,sample_rate,channels", "-of", "default=nw=1", media.toString()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                stream.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        if (!stream.containsKey("codec_name")) {
            return new AudioReport(null, 0, 0, 0, 0);
        }
        List<Double> times = new ArrayList<>();
        for (String line : run(60, "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "packet=pts_time", "-of", "csv=p=0", media.toString()).split("\n")) {
            String time = line.trim().replace(",", "");
            if (!time.isEmpty() && !time.equals("N/A")) {
                times.add(Double.parseDouble(time));
            }
        }
        double span = times.isEmpty() ? 0 : times.get(times.size() - 1) - times.get(0);
        return new AudioReport(stream.get("codec_name"), Integer.parseInt(stream.get("sample_rate")),
                Integer.parseInt(stream.get("channels")), times.size(), span);
    }

    /** Runs a command, returns its stdout; fails with its stderr if it exits non-zero. */
    public static String run(int timeoutSeconds, String... command) {
        try {
            Path err = Files.createTempFile("camstream-probe", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command[0] + " timed out: " + Files.readString(err));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                            + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
