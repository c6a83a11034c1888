package io.camstream.bench;

import io.camstream.streamer.testpattern.LumaTimestampCodec;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

/**
 * The "glass" end of the glass-to-glass benchmark: pulls an RTSP stream, decodes every picture and reads the capture
 * time that camstream's test pattern painted into its luma blocks ({@link LumaTimestampCodec}, the streamer's own
 * decoder), then writes {@code captureEpochMillis latencyMillis} per frame to a file.
 *
 * <p>It reads the way a low-latency player does (TCP, no input buffering, low_delay, one decoder thread, small
 * probe), so the figure is the pipeline's, not the reader's buffering. Its own decode time is included, as it is in
 * any real glass-to-glass measurement; it is the same for every variant measured.
 *
 * <p>Usage: {@code LatencyReader URL WARMUP_SECONDS MEASURE_SECONDS OUTPUT_FILE}
 */
public final class LatencyReader {

    private LatencyReader() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LatencyReader URL WARMUP_SECONDS MEASURE_SECONDS OUTPUT_FILE");
            System.exit(2);
        }
        String url = args[0];
        double warmupSeconds = Double.parseDouble(args[1]);
        double measureSeconds = Double.parseDouble(args[2]);
        Path output = Path.of(args[3]);
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);

        int decoded = 0;
        int undecodable = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.US_ASCII))) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", "5000000");
            grabber.setOption("fflags", "nobuffer");
            grabber.setOption("probesize", "100000");
            grabber.setOption("analyzeduration", "200000");
            grabber.setVideoOption("threads", "1");
            grabber.setVideoOption("flags", "low_delay");
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            grabber.start();
            long firstFrameNanos = -1;
            while (true) {
                Frame frame = grabber.grabImage();
                long nowMillis = System.currentTimeMillis();
                long nowNanos = System.nanoTime();
                if (frame == null) {
                    System.err.println("stream ended");
                    break;
                }
                if (frame.image == null) {
                    continue;
                }
                if (firstFrameNanos < 0) {
                    firstFrameNanos = nowNanos;
                }
                double elapsed = (nowNanos - firstFrameNanos) / 1e9;
                if (elapsed < warmupSeconds) {
                    continue;
                }
                if (elapsed > warmupSeconds + measureSeconds) {
                    break;
                }
                ByteBuffer luma = ((ByteBuffer) frame.image[0]).duplicate();
                OptionalLong capture = LumaTimestampCodec.decode(luma, frame.imageStride, frame.imageWidth,
                        frame.imageHeight);
                if (capture.isEmpty()) {
                    undecodable++;
                    continue;
                }
                decoded++;
                out.println(capture.getAsLong() + " " + (nowMillis - capture.getAsLong()));
            }
        }
        System.out.println("decoded=" + decoded + " undecodable=" + undecodable);
        System.exit(decoded > 0 ? 0 : 1);
    }
}
