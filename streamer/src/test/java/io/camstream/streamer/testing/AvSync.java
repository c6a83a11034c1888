package io.camstream.streamer.testing;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

/**
 * Measures how far sound and picture are apart in a recording of {@link TestMedia#flashAndBeep}: the time of each
 * flash (a white picture after non-white ones) against the time of the beep nearest to it (sound after silence),
 * both as the recording's timestamps say, decoded with FFmpeg.
 */
public final class AvSync {

    /** Luma mean of a white picture is ~235; testsrc2's pattern stays far below. */
    private static final double FLASH_LUMA = 200;
    /** A tenth of full scale; the beep is at half of it, silence at 0 (a lossy codec adds a little noise). */
    private static final int BEEP_LEVEL = 3277;
    /** A beep starts after at least this much silence. */
    private static final double SILENCE_SECONDS = 0.3;

    private AvSync() {
    }

    /** @param offsetsMillis for each flash with a beep within half a second: beep time minus flash time */
    public record Result(List<Double> flashes, List<Double> beeps, List<Double> offsetsMillis) {

        public double medianMillis() {
            List<Double> sorted = offsetsMillis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        public double worstMillis() {
            return offsetsMillis.stream().mapToDouble(Math::abs).max().orElseThrow();
        }
    }

    public static Result measure(Path recording) throws Exception {
        List<Double> flashes = new ArrayList<>();
        List<Double> beeps = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(recording.toFile())) {
            grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
            grabber.start();
            boolean lit = true;
            double lastLoud = Double.NEGATIVE_INFINITY;
            for (Frame frame = grabber.grab(); frame != null; frame = grabber.grab()) {
                double seconds = frame.timestamp / 1e6;
                if (frame.image != null) {
                    boolean white = meanLuma(frame) > FLASH_LUMA;
                    if (white && !lit) {
                        flashes.add(seconds);
                    }
                    lit = white;
                } else if (frame.samples != null) {
                    ShortBuffer samples = (ShortBuffer) frame.samples[0];
                    int channels = frame.audioChannels;
                    for (int i = 0; i + channels <= samples.limit(); i += channels) {
                        if (Math.abs(samples.get(i)) > BEEP_LEVEL) {
                            double at = seconds + (double) (i / channels) / frame.sampleRate;
                            if (at - lastLoud > SILENCE_SECONDS) {
                                beeps.add(at);
                            }
                            lastLoud = at;
                        }
                    }
                }
            }
        }
        List<Double> offsets = new ArrayList<>();
        for (double flash : flashes) {
            beeps.stream().filter(b -> Math.abs(b - flash) < 0.5)
                    .min((a, b) -> Double.compare(Math.abs(a - flash), Math.abs(b - flash)))
                    .ifPresent(beep -> offsets.add((beep - flash) * 1000));
        }
        return new Result(flashes, beeps, offsets);
    }

    private static double meanLuma(Frame frame) {
        ByteBuffer luma = (ByteBuffer) frame.image[0];
        long sum = 0;
        int n = 0;
        for (int y = 0; y < frame.imageHeight; y += 4) {
            for (int x = 0; x < frame.imageWidth; x += 4) {
                sum += luma.get(y * frame.imageStride + x) & 0xff;
                n++;
            }
        }
        return (double) sum / n;
    }
}
