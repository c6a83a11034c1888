package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.SourceInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 * copied from the demuxer, and each packet only has its timestamps rescaled to the output stream's time base. The
 * audio, when there is any, goes its own way ({@link AudioTrack}: copied or made Opus) into a second stream; the
 * video is never decoded.
 */
public final class PacketPublisher implements AutoCloseable {

    static final int VIDEO_STREAM = 0;
    static final int AUDIO_STREAM = 1;

    private final OutputMuxer muxer;
    private final PublishConnection connection;
    private final LongConsumer sentBytes;
    private final String redactedUrl;
    private final Redactor redactor;
    private final AVRational inputTimeBase;
    private final AVRational outputTimeBase;
    private final AudioOutput audio;

    private PacketPublisher(OutputMuxer muxer, PublishConnection connection, LongConsumer sentBytes,
                            String redactedUrl, Redactor redactor, AVRational inputTimeBase, AudioTrack audio) {
        this.muxer = muxer;
        this.connection = connection;
        this.sentBytes = connection.countsBytes() ? bytes -> { } : sentBytes;
        this.redactedUrl = redactedUrl;
        this.redactor = redactor;
        this.inputTimeBase = inputTimeBase;
        this.outputTimeBase = muxer.timeBase(VIDEO_STREAM);
        this.audio = new AudioOutput(audio, connection, muxer, AUDIO_STREAM, this.sentBytes);
    }

    /**
     * Connects to the target and announces the streams.
     *
     * @param writeTimeout a write to the server blocked longer ends the connection
     * @param sentBytes    counts the bytes sent (on the wire for RTSP over TCP, else the packets' sizes)
     * @param audio        the audio track to publish beside the video, or null for none; the publisher owns it
     *                     from now on, also when opening fails
     */
    public static PacketPublisher open(PublishTarget target, SourceInfo source, AVFormatContext input, Redactor redactor,
                                       Duration writeTimeout, LongConsumer sentBytes, AudioTrack audio)
            throws PublishLostException {
        AVStream video = videoStream(input, source);
        String redactedUrl = redactor.redact(target.url());
        PublishConnection connection;
        try {
            connection = PublishConnection.open(target, writeTimeout, sentBytes, redactor);
        } catch (PublishLostException e) {
            closeQuietly(audio);
            throw e;
        }
        try {
            List<Consumer<AVStream>> streams = new ArrayList<>(List.of(stream -> {
                int ret = avcodec_parameters_copy(stream.codecpar(), video.codecpar());
                if (ret < 0) {
                    throw new IllegalStateException("avcodec_parameters_copy() error " + ret);
                }
                stream.codecpar().codec_tag(0);
                stream.time_base(video.time_base());
                stream.avg_frame_rate(video.avg_frame_rate());
            }));
            if (audio != null) {
                streams.add(audio::describe);
            }
            OutputMuxer muxer = OutputMuxer.open(connection.ffmpegUrl(), target.formatName(),
                    target.options(writeTimeout), streams);
            return new PacketPublisher(muxer, connection, sentBytes, redactedUrl, redactor, video.time_base(), audio);
        } catch (IOException | RuntimeException e) {
            closeQuietly(audio);
            connection.close();
            throw connection.lost("Cannot publish to " + redactedUrl + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
        }
    }

    static void closeQuietly(AudioTrack audio) {
        if (audio != null) {
            audio.close();
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
            muxer.write(VIDEO_STREAM, packet);
        } catch (IOException | RuntimeException e) {
            av_packet_unref(packet);
            throw connection.lostWriting(e);
        }
        sentBytes.accept(size);
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

    /** Sends the trailer (RTSP TEARDOWN, bounded by the write timeout) and frees the connection. */
    @Override
    public void close() {
        try {
            muxer.close();
        } finally {
            audio.close();
            connection.close();
        }
    }
}
