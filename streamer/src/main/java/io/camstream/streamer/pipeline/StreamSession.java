package io.camstream.streamer.pipeline;

import io.camstream.streamer.StreamFailure;
import io.camstream.streamer.resilience.WriteDeadline;
import io.camstream.streamer.source.SourceAudio;
import io.camstream.streamer.source.SourceInfo;
import io.camstream.streamer.source.SourceLostException;
import io.camstream.streamer.source.VideoSource;
import io.camstream.streamer.source.VideoSources;
import io.camstream.streamer.source.YuvFrame;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * One attempt at streaming: open the source, decide the mode and what to do with the audio, open the publisher,
 * then pump until the source or the publisher fails or {@link #requestStop()} is called. Every failure is typed ({@link
 * io.camstream.streamer.source.SourceLostException}, {@link PublishLostException}, {@link InvalidPipelineException})
 * and redacted, so a supervisor can decide whether to retry and log the message as it is. Not reusable: a retry
 * is a new session.
 */
public final class StreamSession {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    private static final double REBASE_SECONDS = 2.0;

    private final SessionConfig config;
    private final SessionListener listener;
    /** Redacted once, not on every frame. */
    private final String redactedPublishUrl;
    private volatile boolean stopRequested;
    private boolean firstFramePublished;
    private long startedNanos;

    public StreamSession(SessionConfig config, SessionListener listener) {
        this.config = config;
        this.listener = listener;
        this.redactedPublishUrl = config.redactor().redact(config.publish().url());
    }

    /** Asks the pump to finish after the current frame; {@link #run()} then returns normally. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs the session on the calling thread.
     *
     * @throws StreamFailure why it ended, unless it was asked to stop
     */
    public void run() throws StreamFailure {
        startedNanos = System.nanoTime();
        VideoSource source = VideoSources.open(config.source(), config.sourceCredentials(), config.rtspTransport(),
                config.redactor(), config.timeouts().stall(), config.audio() != AudioMode.OFF);
        boolean sourceIdle = true;
        try {
            SourceInfo info = source.info();
            listener.sourceOpened(info);
            ModeDecision decision = ModeSelector.select(config.mode(), info, config.output());
            AudioDecision audio = AudioSelector.select(config.audio(), source.audio().map(SourceAudio::info),
                    config.publish().formatName());
            if (decision.mode() == PipelineMode.PASSTHROUGH) {
                passthrough(source, decision, audio);
            } else {
                sourceIdle = transcode(source, decision, audio);
            }
        } finally {
            if (sourceIdle) {
                source.close();
            } else {
                // Closing a grabber while another thread is inside grab() would free memory under it.
                LOG.warn("Leaving source {} open: its grab did not return within the timeouts",
                        config.redactor().redact(config.source().target()));
            }
        }
    }

    /** Returns whether the source is idle (its grabbing thread ended) and may be closed. */
    private boolean transcode(VideoSource source, ModeDecision decision, AudioDecision audioDecision)
            throws StreamFailure {
        EncoderSettings settings = EncoderSettings.resolve(config.output(), source.info());
        WriteDeadline deadline = new WriteDeadline(config.timeouts().write(), System::nanoTime, listener::writeTimed);
        WriteDeadline audioDeadline = audioDeadline();
        AudioDecision audio = audioDecision;
        AudioTrack track = openAudio(audio, source);
        if (track == null && audio.action() != AudioAction.NONE) {
            audio = unplayable(audio);
        }
        try (H264Publisher publisher = H264Publisher.open(config.publish(), settings, config.redactor(),
                config.timeouts().write(), listener::bytesSent, track)) {
            LOG.info("Publishing to {} in transcode mode ({}): {} -> H.264 {}; audio: {}", redactedPublishUrl,
                    decision.reason(), source.info(), settings, audio);
            listener.audio(audio);
            listener.publishing(decision);
            MonotonicTimestamps timestamps = new MonotonicTimestamps(settings.fps());
            FrameRateThinner thinner = thinnerFor(config.output(), source.info());
            AVRational audioTimeBase = track == null ? null : source.audio().orElseThrow().timeBase();
            GrabThread grabs = GrabThread.start(source, listener, config.timeouts().stall(),
                    config.redactor().redact(config.source().target()), track != null);
            try {
                while (!stopRequested) {
                    Grabbed item = grabs.next();
                    if (item == null) {
                        break;
                    }
                    try {
                        if (item instanceof Grabbed.Sound sound) {
                            // Sound before the first picture has no place on the output clock yet.
                            if (timestamps.started()) {
                                AVPacket packet = sound.packet();
                                shift(packet, timestamps.offsetTicks(), H264Encoder.TIME_BASE, audioTimeBase);
                                audioDeadline.write(() -> listener.audioPublished(publisher.publishAudio(packet)),
                                        redactedPublishUrl);
                            }
                            continue;
                        }
                        YuvFrame frame = ((Grabbed.Picture) item).frame();
                        long pts = timestamps.pts(frame.timestampMicros());
                        if (thinner != null && !thinner.keep(pts)) {
                            // Thinning to the frame rate the user asked for is intended, not a drop.
                            continue;
                        }
                        deadline.write(() -> publisher.publish(frame, pts), redactedPublishUrl);
                        published();
                    } finally {
                        grabs.recycle(item);
                    }
                }
            } finally {
                grabs.close();
            }
            return grabs.finished();
        }
    }

    /** Audio writes have the same deadline as the pictures', but stay out of the pictures' write times. */
    private WriteDeadline audioDeadline() {
        return new WriteDeadline(config.timeouts().write(), System::nanoTime, nanos -> { });
    }

    /** The track the decision asks for; null for none, or when the source's audio cannot be decoded here. */
    private AudioTrack openAudio(AudioDecision audio, VideoSource source) {
        if (audio.action() == AudioAction.NONE) {
            return null;
        }
        try {
            return AudioTrack.open(audio, source.audio().orElseThrow(),
                    OutputMuxer.wantsGlobalHeader(config.publish().formatName()));
        } catch (IOException e) {
            // The picture matters more than the sound: publish the video alone and say why.
            LOG.warn("Publishing video only: cannot transcode the source's {} audio: {}", audio.sourceCodec(),
                    e.getMessage());
            return null;
        }
    }

    private static AudioDecision unplayable(AudioDecision audio) {
        return new AudioDecision(AudioAction.NONE, audio.source(), "cannot decode " + audio.sourceCodec() + " here");
    }

    /**
     * Moves an audio packet onto the output clock: by the pictures' current offset ({@code offset} in
     * {@code offsetTimeBase}), so that sound and picture keep the relation the source gave them.
     */
    private static void shift(AVPacket packet, long offset, AVRational offsetTimeBase, AVRational audioTimeBase) {
        long ticks = av_rescale_q(offset, offsetTimeBase, audioTimeBase);
        if (packet.pts() != AV_NOPTS_VALUE) {
            packet.pts(packet.pts() + ticks);
        }
        if (packet.dts() != AV_NOPTS_VALUE) {
            packet.dts(packet.dts() + ticks);
        }
    }

    /** Only a lower frame rate than the source's (or than an unknown one) thins; otherwise every frame is encoded. */
    static FrameRateThinner thinnerFor(OutputOverrides output, SourceInfo source) {
        if (output.fps().isEmpty()) {
            return null;
        }
        double asked = output.fps().getAsDouble();
        if (source.fps() > 0 && asked >= source.fps() - 0.01) {
            return null;
        }
        return new FrameRateThinner(asked, source.fps());
    }

    private void passthrough(VideoSource source, ModeDecision decision, AudioDecision audioDecision)
            throws StreamFailure {
        SourceInfo info = source.info();
        AudioDecision audio = audioDecision;
        AudioTrack track = openAudio(audio, source);
        if (track == null && audio.action() != AudioAction.NONE) {
            audio = unplayable(audio);
        }
        try (PacketPublisher publisher = PacketPublisher.open(config.publish(), info, source.formatContext(),
                config.redactor(), config.timeouts().write(), listener::bytesSent, track)) {
            LOG.info("Publishing to {} in passthrough mode ({}): {}; audio: {}", redactedPublishUrl, decision.reason(),
                    info, audio);
            listener.audio(audio);
            listener.publishing(decision);
            Passthrough pump = new Passthrough(source, publisher, track != null);
            long stallNanos = config.timeouts().stall().toNanos();
            while (!stopRequested) {
                long grabStart = System.nanoTime();
                AVPacket packet;
                try {
                    packet = source.grabPacket();
                } catch (SourceLostException e) {
                    throw System.nanoTime() - grabStart >= stallNanos * 9 / 10 && !e.stalled()
                            ? new SourceLostException(e.getMessage(), true) : e;
                }
                pump.forward(packet);
            }
        }
    }

    /**
     * Passthrough's packet by packet work: the picture's timestamps kept increasing, the sound shifted with them. A
     * method of its own, called per packet, so that the JIT compiles it within seconds; as the body of the session's
     * one long loop it would run interpreted until on-stack replacement, minutes later at 80 packets a second.
     */
    private final class Passthrough {
        private final VideoSource source;
        private final PacketPublisher publisher;
        private final boolean withAudio;
        private final int audioIndex;
        private final AVRational audioTimeBase;
        private final WriteDeadline deadline = new WriteDeadline(config.timeouts().write(), System::nanoTime,
                listener::writeTimed);
        private final WriteDeadline audioDeadline = audioDeadline();
        private final WriteDeadline.Write writeVideo;
        private final WriteDeadline.Write writeAudio;
        private AVPacket current;
        private AVRational timeBase;
        private long rebaseTicks;
        private long offset;
        private long lastDts = Long.MIN_VALUE;
        private boolean started;

        Passthrough(VideoSource source, PacketPublisher publisher, boolean withAudio) {
            this.source = source;
            this.publisher = publisher;
            this.withAudio = withAudio;
            this.audioIndex = source.audio().map(SourceAudio::streamIndex).orElse(-1);
            this.audioTimeBase = source.audio().map(SourceAudio::timeBase).orElse(null);
            this.writeVideo = () -> publisher.publish(current);
            this.writeAudio = () -> listener.audioPublished(publisher.publishAudio(current));
        }

        /** Publishes the packet, or drops it; takes its reference either way. */
        void forward(AVPacket packet) throws PublishLostException {
            current = packet;
            if (packet.stream_index() == audioIndex) {
                try {
                    // Sound before the first keyframe has no picture to go with.
                    if (started && withAudio) {
                        shift(packet, offset, timeBase, audioTimeBase);
                        audioDeadline.write(writeAudio, redactedPublishUrl);
                    }
                } finally {
                    av_packet_unref(packet);
                }
                return;
            }
            listener.frameGrabbed();
            if (timeBase == null) {
                timeBase = source.formatContext().streams(packet.stream_index()).time_base();
                rebaseTicks = Math.round(REBASE_SECONDS / av_q2d(timeBase));
            }
            long pts = packet.pts();
            long dts = packet.dts();
            // A reader can only start at a keyframe, and the muxer needs a timestamp to place it.
            if (!started && ((packet.flags() & AV_PKT_FLAG_KEY) == 0 || pts == AV_NOPTS_VALUE)
                    || pts == AV_NOPTS_VALUE && dts == AV_NOPTS_VALUE) {
                av_packet_unref(packet);
                return;
            }
            if (dts == AV_NOPTS_VALUE) {
                dts = pts;
            } else if (pts == AV_NOPTS_VALUE) {
                pts = dts;
            }
            pts += offset;
            dts += offset;
            if (lastDts != Long.MIN_VALUE && dts <= lastDts) {
                long back = lastDts - dts;
                if (back <= rebaseTicks) {
                    av_packet_unref(packet);
                    return;
                }
                // The source restarted its clock: continue right after the last timestamp.
                long shift = back + Math.max(1, packet.duration());
                offset += shift;
                pts += shift;
                dts += shift;
            }
            packet.pts(pts);
            packet.dts(dts);
            started = true;
            lastDts = dts;
            deadline.write(writeVideo, redactedPublishUrl);
            published();
        }
    }

    private void published() {
        if (!firstFramePublished) {
            firstFramePublished = true;
            LOG.info("First frame published {} ms after the session started ({} ms after the JVM started)",
                    (System.nanoTime() - startedNanos) / 1_000_000, ManagementFactory.getRuntimeMXBean().getUptime());
        }
        listener.framePublished();
    }

}
