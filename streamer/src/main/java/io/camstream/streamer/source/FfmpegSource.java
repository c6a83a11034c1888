package io.camstream.streamer.source;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOTIMESTAMPS;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * A camera, stream, device or file opened with FFmpeg through JavaCV's grabber.
 *
 * <p>Frames stay in YUV and in FFmpeg's hands: the grabber runs in raw mode and hands on the decoder's own
 * reference-counted frame (nearly all H.264/H.265 cameras decode to {@code yuv420p}), so the encoder gets it by
 * reference as in the ffmpeg CLI. JavaCV's default would convert to BGR24 (~45 % more CPU), and even asking it for
 * {@code yuv420p} costs a full swscale copy per frame. Other decoded formats are converted once, to {@code yuv420p}.
 *
 * <p>Files stand in for cameras: they are read in real time (like {@code ffmpeg -re}) and loop at the end, with
 * timestamps carried on across loops.
 */
public final class FfmpegSource implements VideoSource {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegSource.class);
    private static final AVRational MICROS = new AVRational().num(1).den(1_000_000);

    private final FFmpegFrameGrabber grabber;
    private final SourceLocation location;
    private final Redactor redactor;
    private final String redactedName;
    private final SourceInfo info;
    private final boolean loopAtEnd;
    private final boolean paced;
    private final boolean wallClock;
    private final long openedNanos;
    private final Duration socketTimeout;

    private I420Scaler toI420;
    private long loopOffsetMicros;
    private long firstTimestampMicros = Long.MIN_VALUE;
    private long lastTimestampMicros = Long.MIN_VALUE;
    private long lastDurationMicros;
    private long paceOriginNanos = Long.MIN_VALUE;
    private long paceOriginMicros;

    private FfmpegSource(FFmpegFrameGrabber grabber, SourceLocation location, Redactor redactor,
                         Duration socketTimeout) {
        this.socketTimeout = socketTimeout;
        this.grabber = grabber;
        this.location = location;
        this.redactor = redactor;
        this.redactedName = redactor.redact(location.target());
        this.info = describe(grabber, hasTimestamps(grabber));
        this.loopAtEnd = location.kind() == SourceKind.FILE;
        this.paced = location.kind() == SourceKind.FILE;
        this.wallClock = location.kind() != SourceKind.FILE && !hasTimestamps(grabber);
        this.openedNanos = System.nanoTime();
        if (wallClock) {
            LOG.info("Source {} carries no timestamps ({}): frames are stamped on arrival; its frame rate is unknown"
                    + " (--fps sets it)", redactedName, grabber.getFormatContext().iformat().name().getString());
        }
    }

    /** MJPEG over HTTP and raw streams have none: FFmpeg makes some up at a guessed 25 fps. */
    private static boolean hasTimestamps(FFmpegFrameGrabber grabber) {
        return (grabber.getFormatContext().iformat().flags() & AVFMT_NOTIMESTAMPS) == 0;
    }

    /**
     * Opens the source; returns once its video stream's parameters are known.
     *
     * @throws SourceLostException naming the (redacted) source and FFmpeg's reason
     */
    public static FfmpegSource open(SourceLocation location, Optional<Credentials> credentials,
                                    RtspTransport transport, Redactor redactor) throws SourceLostException {
        return open(location, credentials, transport, redactor, InputOptions.SOCKET_TIMEOUT);
    }

    /** As {@link #open(SourceLocation, Optional, RtspTransport, Redactor)}, with the socket (stall) timeout. */
    public static FfmpegSource open(SourceLocation location, Optional<Credentials> credentials,
                                    RtspTransport transport, Redactor redactor, Duration socketTimeout)
            throws SourceLostException {
        String target = location.openTarget(credentials);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(target);
        if (location.formatName() != null) {
            grabber.setFormat(location.formatName());
        }
        // Raw: the decoder's frames as they are. The pixel format still asks devices (V4L2) for yuv420p.
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        for (Map.Entry<String, String> e : InputOptions.forSource(location.kind(), transport, socketTimeout).entrySet()) {
            grabber.setOption(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : InputOptions.forDecoder().entrySet()) {
            grabber.setVideoOption(e.getKey(), e.getValue());
        }
        try {
            grabber.start();
        } catch (Exception | UnsatisfiedLinkError e) {
            closeQuietly(grabber);
            throw new SourceLostException("Cannot open source " + redactor.redact(location.target()) + ": "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
            closeQuietly(grabber);
            throw new SourceLostException("Source " + redactor.redact(location.target()) + " has no video stream");
        }
        FfmpegSource source = new FfmpegSource(grabber, location, redactor, socketTimeout);
        LOG.info("Opened source {}: {}", source.redactedName, source.info);
        return source;
    }

    private static SourceInfo describe(FFmpegFrameGrabber grabber, boolean timestamps) {
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        AVCodecParameters par = stream.codecpar();
        double fps = grabber.getFrameRate();
        if (!(fps > 0 && fps <= 240) || !timestamps) {
            fps = 0;
        }
        return new SourceInfo(avcodec_get_name(par.codec_id()).getString(), par.codec_id(), par.width(), par.height(),
                fps, par.video_delay(), par.format(), true);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public YuvFrame grabFrame() throws SourceLostException {
        while (true) {
            Frame frame;
            try {
                frame = grabber.grabImage();
            } catch (Exception e) {
                throw lost(e);
            }
            if (frame == null) {
                restartAtEndOrFail();
                try {
                    grabber.setTimestamp(0L);
                } catch (Exception e) {
                    throw lost(e);
                }
                continue;
            }
            if (frame.image == null || !(frame.opaque instanceof AVFrame decoded)) {
                continue;
            }
            long ts = wallClock ? (System.nanoTime() - openedNanos) / 1000 : frame.timestamp + loopOffsetMicros;
            noteTimestamp(ts);
            pace(ts);
            return new YuvFrame(decoded.format() == AV_PIX_FMT_YUV420P ? decoded : toI420(decoded), ts);
        }
    }

    @Override
    public AVPacket grabVideoPacket() throws SourceLostException {
        AVFormatContext context = grabber.getFormatContext();
        int videoIndex = grabber.getVideoStream();
        while (true) {
            AVPacket packet;
            try {
                packet = grabber.grabPacket();
            } catch (Exception e) {
                throw lost(e);
            }
            if (packet == null) {
                restartAtEndOrFail();
                if (av_seek_frame(context, -1, Long.MIN_VALUE, AVSEEK_FLAG_BACKWARD) < 0
                        && av_seek_frame(context, -1, 0, AVSEEK_FLAG_BACKWARD) < 0) {
                    throw new SourceLostException("Source " + redactedName + " ended and cannot be rewound");
                }
                continue;
            }
            if (packet.stream_index() != videoIndex) {
                av_packet_unref(packet);
                continue;
            }
            AVRational timeBase = context.streams(videoIndex).time_base();
            if (wallClock) {
                long arrival = av_rescale_q((System.nanoTime() - openedNanos) / 1000, MICROS, timeBase);
                packet.pts(arrival);
                packet.dts(arrival);
            }
            long offset = av_rescale_q(loopOffsetMicros, MICROS, timeBase);
            if (packet.pts() != AV_NOPTS_VALUE) {
                packet.pts(packet.pts() + offset);
            }
            if (packet.dts() != AV_NOPTS_VALUE) {
                packet.dts(packet.dts() + offset);
            }
            long ts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
            if (ts != AV_NOPTS_VALUE) {
                long micros = av_rescale_q(ts, timeBase, MICROS);
                lastDurationMicros = packet.duration() > 0 ? av_rescale_q(packet.duration(), timeBase, MICROS) : 0;
                noteTimestamp(micros);
                pace(micros);
            }
            return packet;
        }
    }

    @Override
    public AVFormatContext formatContext() {
        return grabber.getFormatContext();
    }

    /** At the end of a file, shift later timestamps past the last one and go on; elsewhere the end is a loss. */
    private void restartAtEndOrFail() throws SourceLostException {
        if (!loopAtEnd) {
            throw new SourceLostException("Source " + redactedName + " ended the stream or sent nothing for "
                    + socketTimeout.toMillis() + " ms");
        }
        if (lastTimestampMicros == Long.MIN_VALUE) {
            throw new SourceLostException("Source " + redactedName + " has no video frames");
        }
        long frameMicros = lastDurationMicros > 0 ? lastDurationMicros
                : info.fps() > 0 ? Math.round(1_000_000 / info.fps()) : 40_000;
        loopOffsetMicros = lastTimestampMicros + frameMicros - firstTimestampMicros;
        LOG.debug("Source {} looped; timestamps continue at {} us", redactedName, loopOffsetMicros);
    }

    private void noteTimestamp(long micros) {
        if (firstTimestampMicros == Long.MIN_VALUE) {
            firstTimestampMicros = micros;
        }
        if (micros > lastTimestampMicros) {
            lastTimestampMicros = micros;
        }
    }

    /** Real-time reading for files: wait until the wall clock reaches the frame's time. */
    private void pace(long timestampMicros) {
        if (!paced) {
            return;
        }
        long now = System.nanoTime();
        if (paceOriginNanos == Long.MIN_VALUE) {
            paceOriginNanos = now;
            paceOriginMicros = timestampMicros;
            return;
        }
        long dueNanos = paceOriginNanos + (timestampMicros - paceOriginMicros) * 1000;
        long waitNanos = dueNanos - now;
        if (waitNanos > 1_000_000_000L || waitNanos < -1_000_000_000L) {
            // A jump in the file's timestamps: restart the clock rather than stall or rush.
            paceOriginNanos = now;
            paceOriginMicros = timestampMicros;
        } else if (waitNanos > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(waitNanos);
        }
    }

    private AVFrame toI420(AVFrame decoded) throws SourceLostException {
        if (toI420 == null) {
            toI420 = new I420Scaler(decoded.width(), decoded.height());
        }
        try {
            return toI420.scale(decoded);
        } catch (IllegalStateException e) {
            throw new SourceLostException("Source " + redactedName + ": " + e.getMessage());
        }
    }

    private SourceLostException lost(Exception e) {
        return new SourceLostException("Lost source " + redactedName + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
    }

    @Override
    public void close() {
        closeQuietly(grabber);
        if (toI420 != null) {
            toI420.close();
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(FfmpegSource.class).debug("closing grabber: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "FfmpegSource[" + redactedName + ", " + location.kind() + "]";
    }
}
