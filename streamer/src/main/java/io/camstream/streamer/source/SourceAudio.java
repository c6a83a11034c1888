package io.camstream.streamer.source;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * A source's audio track as FFmpeg describes it: what it is (for decisions and the log), and what a decoder or a
 * muxer needs. Owned by the source: valid until it is closed.
 *
 * @param parameters  the stream's codec parameters
 * @param timeBase    the time base of its packets' timestamps
 * @param streamIndex the index its packets carry
 */
public record SourceAudio(AudioInfo info, AVCodecParameters parameters, AVRational timeBase, int streamIndex) {
}
