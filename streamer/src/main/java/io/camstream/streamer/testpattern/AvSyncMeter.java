package io.camstream.streamer.testpattern;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Measures how far sound and picture are apart in a stream whose picture flashes white when its sound beeps (for
 * example FFmpeg's {@code testsrc2} with a white box and a sine gated to the first 100 ms of every second): the time
 * of each flash (a white picture after non-white ones) against the time of the beep nearest to it (sound after
 * silence), as the stream's own timestamps say, decoded with FFmpeg like any player would.
 *
 * <pre>java -cp camstream-streamer.jar io.camstream.streamer.testpattern.AvSyncMeter rtsp://host:8554/cam [seconds]</pre>
 */
public final class AvSyncMeter {

    /** Luma mean of a white picture is ~235; testsrc2's pattern stays far below. */
    private static final double FLASH_LUMA = 200;
    /** A tenth of full scale; the beep is louder, silence at 0 (a lossy codec adds a little noise). */
    private static final int BEEP_LEVEL = 3277;
    /** A beep starts after at least this much silence. */
    private static final double SILENCE_SECONDS = 0.3;
    /** A flash and a beep further apart than this are not the same second's. */
    private static final double PAIRING_SECONDS = 0.5;

    private AvSyncMeter() {
    }

    /**
     * What one measurement found; times in seconds on the stream's clock.
     *
     * @param offsetsMillis for each flash with a beep within half a second: beep time minus flash time (positive:
     *                      the sound is late)
     */
    public record Result(List<Double> flashes, List<Double> beeps, List<Double> offsetsMillis) {

        public double medianMillis() {
            List<Double> sorted = offsetsMillis.stream().sorted().toList();
            return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
        }

        public double worstMillis() {
            return offsetsMillis.stream().mapToDouble(Math::abs).max().orElse(Double.NaN);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "flashes=%d beeps=%d paired=%d offset median=%.1f ms worst=%.1f ms %s",
                    flashes.size(), beeps.size(), offsetsMillis.size(), medianMillis(), worstMillis(),
                    offsetsMillis.stream().map(o -> String.format(Locale.ROOT, "%.1f", o)).toList());
        }
    }

    /** Reads {@code url} (a file, or a stream over RTSP/TCP) for at most {@code seconds} and measures it. */
    public static Result measure(String url, double seconds) throws Exception {
        List<Double> flashes = new ArrayList<>();
        List<Double> beeps = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url)) {
            if (url.startsWith("rtsp")) {
                grabber.setOption("rtsp_transport", "tcp");
                grabber.setOption("timeout", "10000000");
            }
            grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
            grabber.start();
            boolean lit = true;
            double lastLoud = Double.NEGATIVE_INFINITY;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (Frame frame = grabber.grab(); frame != null && System.nanoTime() < end; frame = grabber.grab()) {
                double at = frame.timestamp / 1e6;
                if (frame.image != null) {
                    boolean white = meanLuma(frame) > FLASH_LUMA;
                    if (white && !lit) {
                        flashes.add(at);
                    }
                    lit = white;
                } else if (frame.samples != null) {
                    ShortBuffer samples = (ShortBuffer) frame.samples[0];
                    int channels = frame.audioChannels;
                    for (int i = 0; i + channels <= samples.limit(); i += channels) {
                        if (Math.abs(samples.get(i)) > BEEP_LEVEL) {
                            double sampleAt = at + (double) (i / channels) / frame.sampleRate;
                            if (sampleAt - lastLoud > SILENCE_SECONDS) {
                                beeps.add(sampleAt);
                            }
                            lastLoud = sampleAt;
                        }
                    }
                }
            }
        }
        return pair(flashes, beeps);
    }

    /** Each flash with the beep nearest to it, when one is within {@value #PAIRING_SECONDS} s. */
    static Result pair(List<Double> flashes, List<Double> beeps) {
        List<Double> offsets = new ArrayList<>();
        for (double flash : flashes) {
            beeps.stream().filter(b -> Math.abs(b - flash) < PAIRING_SECONDS)
                    .min((a, b) -> Double.compare(Math.abs(a - flash), Math.abs(b - flash)))
                    .ifPresent(beep -> offsets.add((beep - flash) * 1000));
        }
        return new Result(List.copyOf(flashes), List.copyOf(beeps), offsets);
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

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: AvSyncMeter URL [seconds]");
            System.exit(2);
        }
        av_log_set_level(AV_LOG_ERROR);
        System.out.println(measure(args[0], args.length > 1 ? Double.parseDouble(args[1]) : 10));
    }
}
