package io.camstream.streamer.pipeline;

import io.camstream.streamer.resilience.StreamTimeouts;
import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.SourceInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;

/**
 * Pushes the source's coded packets unchanged (passthrough), like {@code ffmpeg -c copy}: codec parameters are
 * copied from the demuxer, and each packet only has its timestamps rescaled to the output stream's time base.
 */
public final class PacketPublisher implements AutoCloseable {

    private final OutputMuxer muxer;
    private final PublishConnection connection;
    private final LongConsumer sentBytes;
    private final String redactedUrl;
    private final Redactor redactor;
    private final AVRational inputTimeBase;
    private final AVRational outputTimeBase;

    private PacketPublisher(OutputMuxer muxer, PublishConnection connection, LongConsumer sentBytes,
                            String redactedUrl, Redactor redactor, AVRational inputTimeBase) {
        this.muxer = muxer;
        this.connection = connection;
        this.sentBytes = connection.countsBytes() ? bytes -> { } : sentBytes;
        this.redactedUrl = redactedUrl;
        this.redactor = redactor;
        this.inputTimeBase = inputTimeBase;
        this.outputTimeBase = muxer.timeBase();
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
        AVStream video = videoStream(input, source);
        String redactedUrl = redactor.redact(target.url());
        PublishConnection connection = PublishConnection.open(target, writeTimeout, sentBytes, redactor);
        try {
            OutputMuxer muxer = OutputMuxer.open(connection.ffmpegUrl(), target.formatName(),
                    target.options(writeTimeout), stream -> {
                        int ret = avcodec_parameters_copy(stream.codecpar(), video.codecpar());
                        if (ret < 0) {
                            throw new IllegalStateException("avcodec_parameters_copy() error " + ret);
                        }
                        stream.codecpar().codec_tag(0);
                        stream.time_base(video.time_base());
                        stream.avg_frame_rate(video.avg_frame_rate());
                    });
            return new PacketPublisher(muxer, connection, sentBytes, redactedUrl, redactor, video.time_base());
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw connection.lost("Cannot publish to " + redactedUrl + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
        }
    }

    private static AVStream videoStream(AVFormatContext input, SourceInfo source) {
        for (int i = 0; i < input.nb_streams(); i++) {
            AVStream stream = input.streams(i);
            if (stream.codecpar().codec_id() == source.codecId() && stream.codecpar().width() == source.width()) {
                return stream;
            }
        }
        throw new IllegalArgumentException("the source has no " + source.codecName() + " stream");
    }

    /** Writes the packet (timestamps in the source stream's time base); takes its reference, also on failure. */
    public void publish(AVPacket packet) throws PublishLostException {
        int size = packet.size();
        try {
            packet.pos(-1);
            av_packet_rescale_ts(packet, inputTimeBase, outputTimeBase);
            muxer.write(packet);
        } catch (IOException | RuntimeException e) {
            av_packet_unref(packet);
            throw connection.lost("Lost publish connection to " + redactedUrl + ": "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        sentBytes.accept(size);
    }

    /** Sends the trailer (RTSP TEARDOWN, bounded by the write timeout) and frees the connection. */
    @Override
    public void close() {
        try {
            muxer.close();
        } finally {
            connection.close();
        }
    }
}
