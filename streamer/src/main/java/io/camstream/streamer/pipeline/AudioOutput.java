package io.camstream.streamer.pipeline;

import java.io.IOException;
import java.util.function.LongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;

/**
 * A publisher's audio stream: what its {@link AudioTrack} makes of the source's packets, rescaled and written to the
 * muxer's audio stream. A failure of the connection is the publisher's to report; a failure of the track itself (a
 * sound it cannot convert) leaves the rest of the session without sound rather than dropping the picture too, and
 * is said once.
 */
final class AudioOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AudioOutput.class);

    private AudioTrack track;
    private final PublishConnection connection;
    private final OutputMuxer muxer;
    private final int stream;
    private final AVRational streamTimeBase;
    private final LongConsumer sentBytes;
    private int written;
    private final PacketSink write = this::write;

    /** @param track null for a publisher without audio */
    AudioOutput(AudioTrack track, PublishConnection connection, OutputMuxer muxer, int stream, LongConsumer sentBytes) {
        this.track = track;
        this.connection = connection;
        this.muxer = muxer;
        this.stream = stream;
        this.streamTimeBase = track == null ? null : muxer.timeBase(stream);
        this.sentBytes = sentBytes;
    }

    /**
     * Publishes one source packet (timestamps in its audio time base, on the output clock); the caller keeps its
     * reference. Without a track (or after it failed) it does nothing.
     *
     * @return how many packets went to the server
     * @throws PublishLostException the muxer could not write: the connection is lost
     */
    int publish(AVPacket packet) throws PublishLostException {
        if (track == null) {
            return 0;
        }
        written = 0;
        try {
            track.accept(packet, write);
        } catch (IOException e) {
            throw connection.lostWriting(e);
        } catch (RuntimeException e) {
            LOG.warn("Publishing the video without sound from now on: the audio failed: {}", e.getMessage());
            track.close();
            track = null;
        }
        return written;
    }

    private void write(AVPacket out) throws IOException {
        int size = out.size();
        av_packet_rescale_ts(out, track.timeBase(), streamTimeBase);
        muxer.write(stream, out);
        sentBytes.accept(size);
        written++;
    }

    @Override
    public void close() {
        if (track != null) {
            track.close();
            track = null;
        }
    }
}
