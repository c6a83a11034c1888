package io.camstream.streamer.source;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOTIMESTAMPS;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * A camera, stream, device or file read with FFmpeg ({@link InputDemuxer}), decoded only when pictures are asked
 * for ({@link VideoDecoder}): passthrough takes the packets and never opens a decoder. Audio, when asked for, is
 * never decoded here: its packets go to the caller as they are, on the pictures' clock.
 *
 * <p>Frames stay in YUV and in FFmpeg's hands: the decoder's own reference-counted frame is handed on (nearly all
 * H.264/H.265 cameras decode to {@code yuv420p}), so the encoder gets it by reference as in the ffmpeg CLI. Other
 * decoded formats are converted once, to {@code yuv420p}.
 *
 * <p>Files stand in for cameras: they are read in real time (like {@code ffmpeg -re}) and loop at the end, with
 * timestamps carried on across loops.
 */
public final class FfmpegSource implements VideoSource {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegSource.class);
    private static final AVRational MICROS = new AVRational().num(1).den(1_000_000);
    /** What a V4L2 camera is asked for first: the encoder's own format, so that no conversion is needed. */
    private static final String DEVICE_PIXEL_FORMAT = "yuv420p";

    private final InputDemuxer demuxer;
    private final AVStream stream;
    private final AVRational timeBase;
    private final SourceLocation location;
    private final Redactor redactor;
    private final String redactedName;
    private final SourceInfo info;
    /** Null without audio. */
    private final SourceAudio audio;
    private final int audioIndex;
    private Consumer<AVPacket> audioSink;
    private final boolean loopAtEnd;
    private final boolean paced;
    private final boolean wallClock;
    private final long openedNanos;
    private final Duration socketTimeout;

    private VideoDecoder decoder;
    private I420Scaler toI420;
    private long loopOffsetMicros;
    private long firstTimestampMicros = Long.MIN_VALUE;
    private long lastTimestampMicros = Long.MIN_VALUE;
    private long lastDurationMicros;
    private long paceOriginNanos = Long.MIN_VALUE;
    private long paceOriginMicros;

    private FfmpegSource(InputDemuxer demuxer, SourceLocation location, Redactor redactor, Duration socketTimeout) {
        this.socketTimeout = socketTimeout;
        this.demuxer = demuxer;
        this.stream = demuxer.videoStream();
        this.timeBase = stream.time_base();
        this.location = location;
        this.redactor = redactor;
        this.redactedName = redactor.redact(location.target());
        boolean timestamps = hasTimestamps(demuxer.context());
        this.info = describe(stream, timestamps);
        this.loopAtEnd = location.kind() == SourceKind.FILE;
        this.paced = location.kind() == SourceKind.FILE;
        this.wallClock = location.kind() != SourceKind.FILE && !timestamps;
        this.openedNanos = System.nanoTime();
        if (wallClock) {
            LOG.info("Source {} carries no timestamps ({}): frames are stamped on arrival; its frame rate is unknown"
                    + " (--fps sets it)", redactedName, demuxer.context().iformat().name().getString());
            if (demuxer.audioStream() != null) {
                // Without timestamps there is nothing to keep pictures and sound together by.
                LOG.info("Source {}: its audio is not published, it has no timestamps to sync it by", redactedName);
                demuxer.dropAudio();
            }
        }
        this.audio = describeAudio(demuxer.audioStream());
        this.audioIndex = audio == null ? -1 : audio.streamIndex();
    }

    private static SourceAudio describeAudio(AVStream stream) {
        if (stream == null) {
            return null;
        }
        AVCodecParameters par = stream.codecpar();
        AudioInfo info = new AudioInfo(avcodec_get_name(par.codec_id()).getString(), par.codec_id(),
                par.sample_rate(), par.ch_layout().nb_channels(), par.extradata_size() > 0);
        return new SourceAudio(info, par, stream.time_base(), stream.index());
    }

    /** MJPEG over HTTP and raw streams have none: FFmpeg makes some up at a guessed 25 fps. */
    private static boolean hasTimestamps(AVFormatContext context) {
        return (context.iformat().flags() & AVFMT_NOTIMESTAMPS) == 0;
    }

    /**
     * Opens the source; returns once its video stream's parameters are known.
     *
     * @throws SourceLostException naming the (redacted) source and FFmpeg's reason
     */
    public static FfmpegSource open(SourceLocation location, Optional<Credentials> credentials,
                                    RtspTransport transport, Redactor redactor) throws SourceLostException {
        return open(location, credentials, transport, redactor, InputOptions.SOCKET_TIMEOUT, false);
    }

    /**
     * As {@link #open(SourceLocation, Optional, RtspTransport, Redactor)}, with the socket (stall) timeout, and
     * the source's audio read too when {@code withAudio}.
     */
    public static FfmpegSource open(SourceLocation location, Optional<Credentials> credentials,
                                    RtspTransport transport, Redactor redactor, Duration socketTimeout,
                                    boolean withAudio) throws SourceLostException {
        String target = location.openTarget(credentials);
        Map<String, String> options = InputOptions.forSource(location.kind(), transport, socketTimeout, withAudio);
        InputDemuxer demuxer;
        try {
            if (location.kind() == SourceKind.V4L2) {
                InputDevices.register();
                demuxer = openDevice(target, location.formatName(), options);
            } else {
                demuxer = InputDemuxer.open(target, location.formatName(), options, withAudio);
            }
        } catch (InputDemuxer.NoVideoStreamException e) {
            throw new SourceLostException("Source " + redactor.redact(location.target()) + " has no video stream");
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new SourceLostException("Cannot open source " + redactor.redact(location.target()) + ": "
                    + redactor.redact(FfmpegErrors.causeOf(e)));
        }
        FfmpegSource source = new FfmpegSource(demuxer, location, redactor, socketTimeout);
        LOG.info("Opened source {}: {}, {}", source.redactedName, source.info,
                source.audio != null ? "audio " + source.audio.info()
                        : withAudio ? "no audio" : "audio not read (--audio off)");
        return source;
    }

    /** A camera that cannot deliver {@code yuv420p} is opened again in its own format (converted after decoding). */
    private static InputDemuxer openDevice(String target, String formatName, Map<String, String> options)
            throws IOException {
        Map<String, String> preferred = new LinkedHashMap<>(options);
        preferred.put("pixel_format", DEVICE_PIXEL_FORMAT);
        try {
            return InputDemuxer.open(target, formatName, preferred, false);
        } catch (InputDemuxer.NoVideoStreamException e) {
            throw e;
        } catch (IOException e) {
            LOG.debug("Device {} does not deliver {} ({}): opening it in its own format", target, DEVICE_PIXEL_FORMAT,
                    e.getMessage());
            return InputDemuxer.open(target, formatName, options, false);
        }
    }

    private static SourceInfo describe(AVStream stream, boolean timestamps) {
        AVCodecParameters par = stream.codecpar();
        AVRational rate = stream.avg_frame_rate();
        if (rate.num() == 0 || rate.den() == 0) {
            rate = stream.r_frame_rate();
        }
        double fps = rate.den() == 0 ? 0 : (double) rate.num() / rate.den();
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
    public Optional<SourceAudio> audio() {
        return Optional.ofNullable(audio);
    }

    @Override
    public void onAudio(Consumer<AVPacket> sink) {
        this.audioSink = sink;
    }

    @Override
    public YuvFrame grabFrame() throws SourceLostException {
        VideoDecoder decoding = decoder();
        while (true) {
            AVFrame decoded = decoding.receive();
            if (decoded != null) {
                long ts = wallClock ? (System.nanoTime() - openedNanos) / 1000 : pictureMicros(decoded);
                noteTimestamp(ts);
                pace(ts);
                return new YuvFrame(decoded.format() == AV_PIX_FMT_YUV420P ? decoded : toI420(decoded), ts);
            }
            if (decoding.drained()) {
                restartAtEndOrFail();
                rewindOrFail();
                decoding.restart();
                continue;
            }
            AVPacket packet = read();
            if (packet == null) {
                // The decoder may still hold pictures: drain it before going round.
                decoding.send(null);
                continue;
            }
            if (packet.stream_index() == audioIndex) {
                shiftAudio(packet);
                if (audioSink != null) {
                    audioSink.accept(packet);
                }
                av_packet_unref(packet);
                continue;
            }
            decoding.send(packet);
            av_packet_unref(packet);
        }
    }

    /** Whether a decoder was opened: only once pictures were asked for. */
    boolean decoding() {
        return decoder != null;
    }

    /** The decoder, opened by the first grab of a picture (passthrough never opens one). */
    private VideoDecoder decoder() throws SourceLostException {
        if (decoder == null) {
            try {
                decoder = VideoDecoder.open(stream, InputOptions.forDecoder());
            } catch (IOException e) {
                throw new SourceLostException("Cannot decode source " + redactedName + ": "
                        + redactor.redact(FfmpegErrors.causeOf(e)));
            }
        }
        return decoder;
    }

    /** The picture's time on the source's clock (loops carried on), microseconds. */
    private long pictureMicros(AVFrame decoded) {
        if (decoded.duration() > 0) {
            lastDurationMicros = av_rescale_q(decoded.duration(), timeBase, MICROS);
        }
        long pts = decoded.best_effort_timestamp();
        if (pts == AV_NOPTS_VALUE) {
            // Rare (a picture the container gave no time): one frame after the last, so that it is not dropped.
            return lastTimestampMicros == Long.MIN_VALUE ? loopOffsetMicros : lastTimestampMicros + frameMicros();
        }
        return av_rescale_q(pts, timeBase, MICROS) + loopOffsetMicros;
    }

    @Override
    public AVPacket grabPacket() throws SourceLostException {
        while (true) {
            AVPacket packet = read();
            if (packet == null) {
                restartAtEndOrFail();
                rewindOrFail();
                continue;
            }
            if (packet.stream_index() == audioIndex) {
                shiftAudio(packet);
                return packet;
            }
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

    /**
     * An audio packet's timestamps carried on across loops of a file, like the pictures'; from a file, it is also
     * handed on no earlier than its time. Pacing only the pictures would let the sound between two pictures go up to
     * a frame early, and a server that times streams by arrival (MediaMTX) would put it that much ahead.
     */
    private void shiftAudio(AVPacket packet) {
        if (loopOffsetMicros != 0) {
            long offset = av_rescale_q(loopOffsetMicros, MICROS, audio.timeBase());
            if (packet.pts() != AV_NOPTS_VALUE) {
                packet.pts(packet.pts() + offset);
            }
            if (packet.dts() != AV_NOPTS_VALUE) {
                packet.dts(packet.dts() + offset);
            }
        }
        long ts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        if (paced && ts != AV_NOPTS_VALUE) {
            pace(av_rescale_q(ts, audio.timeBase(), MICROS));
        }
    }

    /** The next packet of the video or the audio stream, null at the end of the input. */
    private AVPacket read() throws SourceLostException {
        try {
            return demuxer.read();
        } catch (IOException e) {
            if (loopAtEnd) {
                // A file that cannot be read further ends there, and loops like any other.
                LOG.debug("Source {}: {}; treated as its end", redactedName, e.getMessage());
                return null;
            }
            throw new SourceLostException("Lost source " + redactedName + ": " + redactor.redact(FfmpegErrors.causeOf(e)));
        }
    }

    private void rewindOrFail() throws SourceLostException {
        if (!demuxer.rewind()) {
            throw new SourceLostException("Source " + redactedName + " ended and cannot be rewound");
        }
    }

    @Override
    public AVFormatContext formatContext() {
        return demuxer.context();
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
        loopOffsetMicros = lastTimestampMicros + frameMicros() - firstTimestampMicros;
        LOG.debug("Source {} looped; timestamps continue at {} us", redactedName, loopOffsetMicros);
    }

    /** One frame's duration: the last packet's, else the stream's nominal rate's, else 25 fps. */
    private long frameMicros() {
        return lastDurationMicros > 0 ? lastDurationMicros : info.fps() > 0 ? Math.round(1_000_000 / info.fps()) : 40_000;
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

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
        demuxer.close();
        if (toI420 != null) {
            toI420.close();
        }
    }

    @Override
    public String toString() {
        return "FfmpegSource[" + redactedName + ", " + location.kind() + "]";
    }
}
