package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.YuvFrame;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * What the grabbing thread hands to the publishing thread, in the order the source delivered it: a picture (which
 * may be dropped when encoding falls behind) or a packet of the source's sound (never dropped for a picture).
 */
sealed interface Grabbed permits Grabbed.Picture, Grabbed.Sound {

    record Picture(YuvFrame frame) implements Grabbed {
    }

    /** @param packet timestamps in the source's audio time base, on the source's clock */
    record Sound(AVPacket packet) implements Grabbed {
    }
}
