package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.YuvFrame;
import io.camstream.streamer.resilience.StreamTimeouts;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

/**
 * Encodes YUV frames as low-latency H.264 that every browser and WebRTC reader can play, and pushes them.
 *
 * <ul>
 *   <li>libx264 (in the {@code -gpl} natives; openh264 costs ~3x the CPU), preset ultrafast, tune zerolatency:
 *       no lookahead, no frame threading delay;</li>
 *   <li>no B-frames (WebRTC cannot carry them), GOP = fps × gop-seconds so a new reader waits at most that long;</li>
 *   <li>CBR with a one-second VBV (maxrate = bufsize = bitrate), so the bitrate on the wire is predictable;</li>
 *   <li>{@code repeat-headers=1}: SPS/PPS before every keyframe. The RTSP muxer asks for global headers, which
 *       otherwise puts them only in the SDP, and a reader that joins through a relay may never see them.</li>
 * </ul>
 */
public final class H264Publisher implements AutoCloseable {

    private final FFmpegFrameRecorder recorder;
    private final PublishConnection connection;
    private final String redactedUrl;
    private final Redactor redactor;
    private final EncoderSettings settings;

    private H264Publisher(FFmpegFrameRecorder recorder, PublishConnection connection, String redactedUrl, Redactor redactor, EncoderSettings settings) {
        this.recorder = recorder;
        this.connection = connection;
        this.redactedUrl = redactedUrl;
        this.redactor = redactor;
        this.settings = settings;
    }

    /** Connects to the target and announces the stream. */
    public static H264Publisher open(PublishTarget target, EncoderSettings settings, Redactor redactor)
            throws PublishLostException {
        return open(target, settings, redactor, StreamTimeouts.DEFAULT_WRITE, bytes -> { });
    }

    /**
     * As above, with the write timeout of the connection to the server (a write blocked longer ends the connection)
     * and a counter of the bytes sent (RTSP over TCP only; elsewhere JavaCV keeps the encoded size to itself).
     */
    public static H264Publisher open(PublishTarget target, EncoderSettings settings, Redactor redactor,
                                     Duration writeTimeout, LongConsumer sentBytes) throws PublishLostException {
        PublishConnection connection = PublishConnection.open(target, writeTimeout, sentBytes, redactor);
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(connection.ffmpegUrl(), settings.width(),
                settings.height(), 0);
        recorder.setFormat(target.formatName());
        for (Map.Entry<String, String> e : target.options(writeTimeout).entrySet()) {
            recorder.setOption(e.getKey(), e.getValue());
        }
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setVideoCodecName("libx264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(settings.fps());
        recorder.setGopSize(settings.gopFrames());
        recorder.setMaxBFrames(0);
        String rate = settings.bitrateKbps() + "k";
        recorder.setVideoBitrate(settings.bitrateKbps() * 1000);
        recorder.setVideoOption("preset", "ultrafast");
        recorder.setVideoOption("tune", "zerolatency");
        recorder.setVideoOption("maxrate", rate);
        recorder.setVideoOption("bufsize", rate);
        recorder.setVideoOption("x264-params", "repeat-headers=1:bframes=0");
        recorder.setVideoOption("threads", Integer.toString(encoderThreads()));
        String redactedUrl = redactor.redact(target.url());
        try {
            recorder.start();
        } catch (Exception | UnsatisfiedLinkError e) {
            closeQuietly(recorder);
            connection.close();
            throw connection.lost("Cannot publish to " + redactedUrl + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        return new H264Publisher(recorder, connection, redactedUrl, redactor, settings);
    }

    /**
     * x264's "auto" counts the node's cores, not the pod's CPU limit; the JVM's count honours the cgroup quota.
     * With zerolatency each thread encodes a slice of the same frame, so threads add no delay; beyond 8 slices
     * only compression suffers.
     */
    static int encoderThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    public EncoderSettings settings() {
        return settings;
    }

    /** Encodes and sends one picture as output frame number {@code frameIndex} (strictly increasing). */
    public void publish(YuvFrame frame, long frameIndex) throws PublishLostException {
        try {
            recorder.setFrameNumber((int) frameIndex);
            recorder.recordImage(frame.width(), frame.height(), Frame.DEPTH_UBYTE, 1, frame.width(), AV_PIX_FMT_YUV420P,
                    frame.data());
        } catch (Exception e) {
            throw connection.lost("Lost publish connection to " + redactedUrl + ": "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
    }

    /** Stops the recorder (trailer and RTSP TEARDOWN, bounded by the write timeout) and frees it. */
    @Override
    public void close() {
        closeQuietly(recorder);
        connection.close();
    }

    static void closeQuietly(FFmpegFrameRecorder recorder) {
        try {
            recorder.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(H264Publisher.class).debug("closing publisher: {}", e.getClass().getSimpleName());
        }
    }
}
