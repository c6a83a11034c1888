package io.camstream.streamer.source;

import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * An opened source of video: decoded YUV frames always, coded packets when {@link SourceInfo#encoded()}; and its
 * audio track's packets, when it has one and it was asked for.
 */
public interface VideoSource extends AutoCloseable {

    SourceInfo info();

    /** The audio track read with the video; empty when the source has none or audio was not asked for. */
    default Optional<SourceAudio> audio() {
        return Optional.empty();
    }

    /**
     * Where the audio packets go while {@link #grabFrame()} reads pictures. Called on the grabbing thread with a
     * packet the source keeps (take a reference to keep it), timestamps in {@link SourceAudio#timeBase()} on the
     * same clock as the pictures' (loops carried on).
     */
    default void onAudio(Consumer<AVPacket> sink) {
    }

    /** Blocks until the next frame; never returns null (the end of a live source is a loss). */
    YuvFrame grabFrame() throws SourceLostException;

    /**
     * Blocks until the next packet of the video stream or of the audio track ({@link SourceAudio#streamIndex()}),
     * without decoding it. The caller owns the packet's reference: it must write it (which unrefs it) or
     * {@code av_packet_unref} it before the next grab.
     */
    default AVPacket grabPacket() throws SourceLostException {
        throw new UnsupportedOperationException(info().codecName() + " source has no coded packets");
    }

    /** The demuxer context whose video stream the packets belong to; only for encoded sources. */
    default AVFormatContext formatContext() {
        throw new UnsupportedOperationException(info().codecName() + " source has no demuxer");
    }

    @Override
    void close();
}
