package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.SourceInfo;
import io.camstream.streamer.resilience.StreamTimeouts;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Pushes the source's coded packets unchanged (passthrough): codec parameters are copied from the demuxer. */
public final class PacketPublisher implements AutoCloseable {

    private final FFmpegFrameRecorder recorder;
    private final PublishConnection connection;
    private final LongConsumer sentBytes;
    private final String redactedUrl;
    private final Redactor redactor;

    private PacketPublisher(FFmpegFrameRecorder recorder, PublishConnection connection, LongConsumer sentBytes,
                            String redactedUrl, Redactor redactor) {
        this.recorder = recorder;
        this.connection = connection;
        this.sentBytes = connection.countsBytes() ? bytes -> { } : sentBytes;
        this.redactedUrl = redactedUrl;
        this.redactor = redactor;
    }

    public static PacketPublisher open(PublishTarget target, SourceInfo source, AVFormatContext input, Redactor redactor)
            throws PublishLostException {
        return open(target, source, input, redactor, StreamTimeouts.DEFAULT_WRITE, bytes -> { });
    }

    /**
     * As above, with the write timeout of the connection to the server (a write blocked longer ends the connection)
     * and a counter of the bytes sent (on the wire for RTSP over TCP, else the packets' sizes).
     */
    public static PacketPublisher open(PublishTarget target, SourceInfo source, AVFormatContext input, Redactor redactor,
                                       Duration writeTimeout, LongConsumer sentBytes) throws PublishLostException {
        PublishConnection connection = PublishConnection.open(target, writeTimeout, sentBytes, redactor);
        // Width/height only make the recorder create its video stream; the parameters come from the input.
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(connection.ffmpegUrl(), source.width(), source.height(), 0);
        recorder.setFormat(target.formatName());
        for (Map.Entry<String, String> e : target.options(writeTimeout).entrySet()) {
            recorder.setOption(e.getKey(), e.getValue());
        }
        String redactedUrl = redactor.redact(target.url());
        try {
            recorder.start(input);
        } catch (Exception | UnsatisfiedLinkError e) {
            H264Publisher.closeQuietly(recorder);
            connection.close();
            throw connection.lost("Cannot publish to " + redactedUrl + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        return new PacketPublisher(recorder, connection, sentBytes, redactedUrl, redactor);
    }

    /** Writes the packet; the muxer takes (and releases) its reference, also on failure. */
    public void publish(AVPacket packet) throws PublishLostException {
        int size = packet.size();
        try {
            recorder.recordPacket(packet);
        } catch (Exception e) {
            throw connection.lost("Lost publish connection to " + redactedUrl + ": "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        sentBytes.accept(size);
    }

    /** Stops the recorder (trailer and RTSP TEARDOWN, bounded by the write timeout) and frees it. */
    @Override
    public void close() {
        H264Publisher.closeQuietly(recorder);
        connection.close();
    }
}
