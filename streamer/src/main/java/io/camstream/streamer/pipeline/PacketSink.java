package io.camstream.streamer.pipeline;

import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** Receives each packet an encoder or a copied track produces; takes the packet's reference. */
@FunctionalInterface
interface PacketSink {
    void accept(AVPacket packet) throws IOException;
}
