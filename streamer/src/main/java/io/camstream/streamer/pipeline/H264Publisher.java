package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.YuvFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;

/**
 * Encodes YUV frames as low-latency H.264 that every browser and WebRTC reader can play ({@link H264Encoder}) and
 * pushes them ({@link OutputMuxer}), with the source's audio beside them when there is any ({@link AudioTrack}).
 */
public final class H264Publisher implements AutoCloseable {

    private final H264Encoder encoder;
    private final OutputMuxer muxer;
    private final PublishConnection connection;
    private final String redactedUrl;
    private final Redactor redactor;
    private final EncoderSettings settings;
    private final PacketSink send;
    private final AudioOutput audio;

    private H264Publisher(H264Encoder encoder, OutputMuxer muxer, PublishConnection connection, String redactedUrl,
                          Redactor redactor, EncoderSettings settings, AudioTrack audio) {
        this.encoder = encoder;
        this.muxer = muxer;
        this.connection = connection;
        this.redactedUrl = redactedUrl;
        this.redactor = redactor;
        this.settings = settings;
        this.send = this::send;
        this.audio = new AudioOutput(audio, connection, muxer, PacketPublisher.AUDIO_STREAM, bytes -> { });
    }

    /**
     * Connects to the target and announces the streams.
     *
     * @param writeTimeout a write to the server blocked longer ends the connection
     * @param sentBytes    counts the bytes sent (RTSP over TCP only; elsewhere nothing is counted)
     * @param audio        the audio track to publish beside the video, or null for none; the publisher owns it
     *                     from now on, also when opening fails
     */
    public static H264Publisher open(PublishTarget target, EncoderSettings settings, Redactor redactor,
                                     Duration writeTimeout, LongConsumer sentBytes, AudioTrack audio)
            throws PublishLostException {
        String redactedUrl = redactor.redact(target.url());
        H264Encoder encoder;
        try {
            encoder = H264Encoder.open(settings, OutputMuxer.wantsGlobalHeader(target.formatName()), encoderThreads());
        } catch (IOException | UnsatisfiedLinkError e) {
            PacketPublisher.closeQuietly(audio);
            throw new PublishLostException("Cannot publish to " + redactedUrl + ": cannot open the H.264 encoder: "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        PublishConnection connection;
        try {
            connection = PublishConnection.open(target, writeTimeout, sentBytes, redactor);
        } catch (PublishLostException e) {
            encoder.close();
            PacketPublisher.closeQuietly(audio);
            throw e;
        }
        try {
            List<Consumer<AVStream>> streams = new ArrayList<>(List.of(stream -> {
                avcodec_parameters_from_context(stream.codecpar(), encoder.context());
                stream.time_base(H264Encoder.TIME_BASE);
                stream.avg_frame_rate(encoder.context().framerate());
            }));
            if (audio != null) {
                streams.add(audio::describe);
            }
            OutputMuxer muxer = OutputMuxer.open(connection.ffmpegUrl(), target.formatName(),
                    target.options(writeTimeout), streams);
            return new H264Publisher(encoder, muxer, connection, redactedUrl, redactor, settings, audio);
        } catch (IOException | RuntimeException e) {
            encoder.close();
            PacketPublisher.closeQuietly(audio);
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
            throw connection.lostWriting(e);
        }
    }

    private void send(AVPacket packet) throws IOException {
        H264Encoder.rescale(packet, muxer.timeBase(PacketPublisher.VIDEO_STREAM));
        muxer.write(PacketPublisher.VIDEO_STREAM, packet);
    }

    /**
     * Publishes an audio packet of the source (timestamps in its audio time base, on the output clock) through the
     * audio track; the caller keeps its reference. Without an audio track it does nothing.
     *
     * @return how many audio packets went to the server
     */
    public int publishAudio(AVPacket packet) throws PublishLostException {
        return audio.publish(packet);
    }

    /**
     * Sends the trailer (RTSP TEARDOWN, bounded by the write timeout) and frees the encoders and the connection.
     */
    @Override
    public void close() {
        try {
            muxer.close();
        } finally {
            encoder.close();
            audio.close();
            connection.close();
        }
    }
}
