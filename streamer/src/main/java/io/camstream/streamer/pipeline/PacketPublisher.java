package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.FfmpegErrors;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.SourceInfo;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Pushes the source's coded packets unchanged (passthrough): codec parameters are copied from the demuxer. */
public final class PacketPublisher implements AutoCloseable {

    private final FFmpegFrameRecorder recorder;
    private final String redactedUrl;
    private final Redactor redactor;

    private PacketPublisher(FFmpegFrameRecorder recorder, String redactedUrl, Redactor redactor) {
        this.recorder = recorder;
        this.redactedUrl = redactedUrl;
        this.redactor = redactor;
    }

    public static PacketPublisher open(PublishTarget target, SourceInfo source, AVFormatContext input, Redactor redactor)
            throws PublishLostException {
        // Width/height only make the recorder create its video stream; the parameters come from the input.
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.openUrl(), source.width(), source.height(), 0);
        recorder.setFormat(target.formatName());
        for (Map.Entry<String, String> e : target.options().entrySet()) {
            recorder.setOption(e.getKey(), e.getValue());
        }
        String redactedUrl = redactor.redact(target.url());
        try {
            recorder.start(input);
        } catch (Exception | UnsatisfiedLinkError e) {
            H264Publisher.closeQuietly(recorder);
            throw new PublishLostException("Cannot publish to " + redactedUrl + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        return new PacketPublisher(recorder, redactedUrl, redactor);
    }

    /** Writes the packet; the muxer takes (and releases) its reference, also on failure. */
    public void publish(AVPacket packet) throws PublishLostException {
        try {
            recorder.recordPacket(packet);
        } catch (Exception e) {
            throw new PublishLostException("Lost publish connection to " + redactedUrl + ": "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
    }

    @Override
    public void close() {
        H264Publisher.closeQuietly(recorder);
    }
}
