package io.camstream.streamer.source;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/** An opened source of video: decoded YUV frames always, coded packets when {@link SourceInfo#encoded()}. */
public interface VideoSource extends AutoCloseable {

    SourceInfo info();

    /** Blocks until the next frame; never returns null (the end of a live source is a loss). */
    YuvFrame grabFrame() throws SourceLostException;

    /**
     * Blocks until the next packet of the video stream, without decoding it. The caller owns the packet's
     * reference: it must write it (which unrefs it) or {@code av_packet_unref} it before the next grab.
     */
    default AVPacket grabVideoPacket() throws SourceLostException {
        throw new UnsupportedOperationException(info().codecName() + " source has no coded packets");
    }

    /** The demuxer context whose video stream the packets belong to; only for encoded sources. */
    default AVFormatContext formatContext() {
        throw new UnsupportedOperationException(info().codecName() + " source has no demuxer");
    }

    @Override
    void close();
}
