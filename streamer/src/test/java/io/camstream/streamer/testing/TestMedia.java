package io.camstream.streamer.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Short source clips made with Debian's ffmpeg, standing in for cameras of each kind. */
public final class TestMedia {

    private TestMedia() {
    }

    /**
     * H.264 like an IP camera sends it: no B-frames, SPS/PPS before every keyframe, a keyframe a second, and an
     * audio track (which the streamer must skip, releasing its packets).
     */
    public static Path h264Camera(Path dir, double seconds) {
        return make(dir.resolve("camera-h264.mp4"), seconds, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
                "-map", "0:v", "-map", "1:a", "-c:a", "aac", "-shortest", "-c:v", "libx264", "-preset", "veryfast",
                "-profile:v", "high", "-bf", "0", "-g", "25", "-pix_fmt", "yuv420p", "-x264-params", "repeat-headers=1");
    }

    /** H.264 with B-frames (main profile), which WebRTC readers cannot play. */
    public static Path h264WithBFrames(Path dir, double seconds) {
        return make(dir.resolve("bframes-h264.mp4"), seconds, "-c:v", "libx264", "-preset", "veryfast", "-bf", "2",
                "-g", "25", "-pix_fmt", "yuv420p");
    }

    public static Path mjpeg(Path dir, double seconds) {
        return make(dir.resolve("camera-mjpeg.avi"), seconds, "-c:v", "mjpeg", "-q:v", "5", "-pix_fmt", "yuvj420p");
    }

    public static Path mpeg4(Path dir, double seconds) {
        return make(dir.resolve("camera-mpeg4.mkv"), seconds, "-c:v", "mpeg4", "-q:v", "5");
    }

    /**
     * A camera whose picture and sound have a known relation: {@code testsrc2} turns white for the first 100 ms of
     * every second, a 1 kHz sine sounds during the same 100 ms, silence otherwise (see
     * {@link io.camstream.streamer.testpattern.AvSyncMeter}). 25 fps,
     * a keyframe a second, Matroska.
     *
     * @param codec the encoding arguments, e.g. {@code -c:v libx264 ... -c:a aac}
     */
    public static Path flashAndBeep(Path dir, String name, double seconds, String... codec) {
        return ffmpeg(new String[] {"-f", "lavfi", "-i",
            "testsrc2=size=320x240:rate=25,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t,1),0.1)'",
            "-f", "lavfi", "-i", "aevalsrc='if(lt(mod(t,1),0.1),0.5*sin(2*PI*1000*t),0)':s=48000:c=mono",
            "-map", "0:v", "-map", "1:a", "-t", Double.toString(seconds)}, codec, dir.resolve(name + ".mkv"));
    }

    private static Path make(Path out, double seconds, String... codec) {
        return ffmpeg(new String[] {"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t",
            Double.toString(seconds)}, codec, out);
    }

    /** Runs Debian's ffmpeg on {@code input}, then {@code codec}, writing {@code out}. */
    private static Path ffmpeg(String[] input, String[] codec, Path out) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y"));
        command.addAll(List.of(input));
        command.addAll(List.of(codec));
        command.add(out.toString());
        StreamProbe.run(120, command.toArray(String[]::new));
        return out;
    }

    /** The Annex-B bytes of a file's video, as ffmpeg remuxes them without decoding. */
    public static byte[] annexB(Path media, Path dir) {
        Path out = dir.resolve(media.getFileName() + ".h264");
        StreamProbe.run(60, "ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y", "-i", media.toString(), "-map",
                "0:v:0", "-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264", out.toString());
        try {
            return java.nio.file.Files.readAllBytes(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
