package io.camstream.streamer.testpattern;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Measures glass-to-glass latency of a stream that carries the test pattern: reads it like a player would (low
 * delay, one decoder thread), decodes the capture time from each picture and compares it with the wall clock.
 * Reader and streamer must share a clock (same machine, or NTP-synced hosts).
 *
 * <pre>java -cp camstream-streamer.jar io.camstream.streamer.testpattern.LatencyMeter rtsp://host:8554/cam [seconds]</pre>
 */
public final class LatencyMeter {

    /** Per-frame results of one measurement. */
    public record Result(int frames, List<Long> latenciesMillis, List<Long> captureMillis) {

        public int decodedStamps() {
            return latenciesMillis.size();
        }

        public long percentile(double p) {
            List<Long> sorted = new ArrayList<>(latenciesMillis);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frames=%d stamped=%d latency p50=%d ms p90=%d ms max=%d ms", frames,
                    decodedStamps(), percentile(0.5), percentile(0.9), percentile(1.0));
        }
    }

    private LatencyMeter() {
    }

    /** Reads {@code url} for {@code seconds} (RTSP over TCP) and returns what it measured. */
    public static Result measure(String url, double seconds) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url)) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", "10000000");
            grabber.setOption("fflags", "nobuffer");
            grabber.setOption("flags", "low_delay");
            grabber.setOption("probesize", "500000");
            grabber.setOption("analyzeduration", "500000");
            grabber.setVideoOption("threads", "1");
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            grabber.start();
            List<Long> latencies = new ArrayList<>();
            List<Long> captures = new ArrayList<>();
            int frames = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    break;
                }
                long now = System.currentTimeMillis();
                frames++;
                ByteBuffer luma = (ByteBuffer) frame.image[0];
                OptionalLong captured = LumaTimestampCodec.decode(luma, frame.imageStride, frame.imageWidth,
                        frame.imageHeight);
                if (captured.isPresent()) {
                    captures.add(captured.getAsLong());
                    latencies.add(now - captured.getAsLong());
                }
            }
            return new Result(frames, latencies, captures);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LatencyMeter URL [seconds]");
            System.exit(2);
        }
        av_log_set_level(AV_LOG_ERROR);
        Result result = measure(args[0], args.length > 1 ? Double.parseDouble(args[1]) : 10);
        System.out.println(result);
    }
}
