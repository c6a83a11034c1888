package io.camstream.streamer.pipeline;

import io.camstream.streamer.resilience.StreamTimeouts;
import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.YuvFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;

/**
 * Encodes YUV frames as low-latency H.264 that every browser and WebRTC reader can play ({@link H264Encoder}) and
 * pushes them ({@link OutputMuxer}).
 */
public final class H264Publisher implements AutoCloseable {

    private final H264Encoder encoder;
    private final OutputMuxer muxer;
    private final PublishConnection connection;
    private final String redactedUrl;
    private final Redactor redactor;
    private final EncoderSettings settings;
    private final H264Encoder.PacketSink send;

    private H264Publisher(H264Encoder encoder, OutputMuxer muxer, PublishConnection connection, String redactedUrl,
                          Redactor redactor, EncoderSettings settings) {
        this.encoder = encoder;
        this.muxer = muxer;
        this.connection = connection;
        this.redactedUrl = redactedUrl;
        this.redactor = redactor;
        this.settings = settings;
        this.send = this::send;
    }

    /** Connects to the target and announces the stream. */
    public static H264Publisher open(PublishTarget target, EncoderSettings settings, Redactor redactor)
            throws PublishLostException {
        return open(target, settings, redactor, StreamTimeouts.DEFAULT_WRITE, bytes -> { });
    }

    /**
     * As above, with the write timeout of the connection to the server (a write blocked longer ends the connection)
     * and a counter of the bytes sent (RTSP over TCP only; elsewhere nothing is counted).
     */
    public static H264Publisher open(PublishTarget target, EncoderSettings settings, Redactor redactor,
                                     Duration writeTimeout, LongConsumer sentBytes) throws PublishLostException {
        String redactedUrl = redactor.redact(target.url());
        H264Encoder encoder;
        try {
            encoder = H264Encoder.open(settings, OutputMuxer.wantsGlobalHeader(target.formatName()), encoderThreads());
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new PublishLostException("Cannot publish to " + redactedUrl + ": cannot open the H.264 encoder: "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        PublishConnection connection;
        try {
            connection = PublishConnection.open(target, writeTimeout, sentBytes, redactor);
        } catch (PublishLostException e) {
            encoder.close();
            throw e;
        }
        try {
            OutputMuxer muxer = OutputMuxer.open(connection.ffmpegUrl(), target.formatName(),
                    target.options(writeTimeout), stream -> {
                        avcodec_parameters_from_context(stream.codecpar(), encoder.context());
                        stream.time_base(H264Encoder.TIME_BASE);
                        stream.avg_frame_rate(encoder.context().framerate());
                    });
            return new H264Publisher(encoder, muxer, connection, redactedUrl, redactor, settings);
        } catch (IOException | RuntimeException e) {
            encoder.close();
            connection.close();
            throw connection.lost("Cannot publish to " + redactedUrl + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
        }
    }

    /**
     * x264's "auto" counts the node's cores, not the pod's CPU limit; the JVM's count honours the cgroup quota.
     * Threads encode slices of the same frame (thread_type slice, what zerolatency means), so they add no delay;
     * beyond 8 slices only compression suffers.
     */
    static int encoderThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    public EncoderSettings settings() {
        return settings;
    }

    /**
     * Encodes and sends one picture with presentation time {@code pts} in 1/{@value
     * MonotonicTimestamps#TICKS_PER_SECOND} s (strictly increasing, see {@link MonotonicTimestamps}).
     */
    public void publish(YuvFrame frame, long pts) throws PublishLostException {
        try {
            encoder.encode(frame, pts, send);
        } catch (IOException | RuntimeException e) {
            throw connection.lost("Lost publish connection to " + redactedUrl + ": "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
    }

    private void send(AVPacket packet) throws IOException {
        H264Encoder.rescale(packet, muxer.timeBase());
        muxer.write(packet);
    }

    /** Sends the trailer (RTSP TEARDOWN, bounded by the write timeout) and frees the encoder and the connection. */
    @Override
    public void close() {
        try {
            muxer.close();
        } finally {
            encoder.close();
            connection.close();
        }
    }
}
