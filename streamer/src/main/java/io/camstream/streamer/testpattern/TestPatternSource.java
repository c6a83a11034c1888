package io.camstream.streamer.testpattern;

import io.camstream.streamer.source.AudioInfo;
import io.camstream.streamer.source.SourceAudio;
import io.camstream.streamer.source.SourceInfo;
import io.camstream.streamer.source.VideoSource;
import io.camstream.streamer.source.YuvFrame;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;

/**
 * A camera without a camera: frames generated in-process at the configured rate, in real time. When the consumer
 * falls behind, frames are skipped rather than queued, so the picture stays live exactly like a real camera's.
 * With {@code +tone} it has a sound track too ({@link ToneGenerator}), handed out with each picture as a capture
 * device would: the samples up to the picture's time.
 */
public final class TestPatternSource implements VideoSource {

    /** At most one second of sound at once: after a longer stall the sound skips ahead with the picture. */
    private static final long MAX_SAMPLES_AT_ONCE = ToneGenerator.SAMPLE_RATE;

    private final TestPatternSpec spec;
    private final TestPatternGenerator generator;
    private final LongSupplier wallClockMillis;
    private final long frameNanos;
    private final SourceInfo info;
    private long originNanos = Long.MIN_VALUE;
    private long nextIndex;
    private long lastCapturedMillis = Long.MIN_VALUE;

    /** Null without a tone. */
    private final SourceAudio audio;
    private final ToneGenerator tone;
    private final AVPacket sound;
    private Consumer<AVPacket> audioSink;
    private long samplesSent;

    public TestPatternSource(TestPatternSpec spec) {
        this(spec, false);
    }

    /** @param withAudio whether its tone (if the spec has one) is wanted */
    public TestPatternSource(TestPatternSpec spec, boolean withAudio) {
        this(spec, withAudio, System::currentTimeMillis);
    }

    TestPatternSource(TestPatternSpec spec, LongSupplier wallClockMillis) {
        this(spec, false, wallClockMillis);
    }

    TestPatternSource(TestPatternSpec spec, boolean withAudio, LongSupplier wallClockMillis) {
        this.spec = spec;
        this.generator = new TestPatternGenerator(spec.width(), spec.height());
        this.wallClockMillis = wallClockMillis;
        this.frameNanos = 1_000_000_000L / spec.fps();
        this.info = new SourceInfo("testpattern", AV_CODEC_ID_RAWVIDEO, spec.width(), spec.height(), spec.fps(), 0,
                AV_PIX_FMT_YUV420P, false);
        boolean withTone = spec.tone() && withAudio;
        this.tone = withTone ? new ToneGenerator() : null;
        this.audio = withTone ? toneTrack() : null;
        this.sound = withTone ? av_packet_alloc() : null;
    }

    /** 16-bit PCM as a decoder takes it. */
    private static SourceAudio toneTrack() {
        AVCodecParameters parameters = avcodec_parameters_alloc();
        parameters.codec_type(AVMEDIA_TYPE_AUDIO).codec_id(AV_CODEC_ID_PCM_S16LE).format(AV_SAMPLE_FMT_S16)
                .sample_rate(ToneGenerator.SAMPLE_RATE).bits_per_coded_sample(16).block_align(2)
                .bit_rate(16L * ToneGenerator.SAMPLE_RATE);
        av_channel_layout_default(parameters.ch_layout(), 1);
        AudioInfo info = new AudioInfo(avcodec_get_name(AV_CODEC_ID_PCM_S16LE).getString(), AV_CODEC_ID_PCM_S16LE,
                ToneGenerator.SAMPLE_RATE, 1);
        return new SourceAudio(info, parameters, new AVRational().num(1).den(ToneGenerator.SAMPLE_RATE), 1);
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
    public YuvFrame grabFrame() {
        long now = System.nanoTime();
        if (originNanos == Long.MIN_VALUE) {
            originNanos = now;
        }
        long due = originNanos + nextIndex * frameNanos;
        if (now - due >= frameNanos) {
            // Behind by a whole frame or more: jump to the current slot, as a live camera would.
            nextIndex = (now - originNanos) / frameNanos;
            due = originNanos + nextIndex * frameNanos;
        }
        while (due - System.nanoTime() > 0) {
            LockSupport.parkNanos(due - System.nanoTime());
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        long index = nextIndex++;
        // One stamp per picture: a grab thread that was descheduled for almost a frame grabs the next slot at once,
        // and two different pictures with the same millisecond would read as a repeated frame downstream.
        long captured = Math.max(wallClockMillis.getAsLong(), lastCapturedMillis + 1);
        lastCapturedMillis = captured;
        long timestampMicros = index * 1_000_000L / spec.fps();
        if (audioSink != null) {
            sendSoundUntil(timestampMicros);
        }
        return new YuvFrame(generator.draw(index, captured), spec.width(), spec.height(), timestampMicros);
    }

    /** Hands the samples from the last one sent up to the picture's time to the audio sink, in one packet. */
    private void sendSoundUntil(long timestampMicros) {
        long due = timestampMicros * ToneGenerator.SAMPLE_RATE / 1_000_000L;
        if (due - samplesSent > MAX_SAMPLES_AT_ONCE) {
            samplesSent = due - MAX_SAMPLES_AT_ONCE;
        }
        int count = (int) (due - samplesSent);
        if (count <= 0) {
            return;
        }
        if (av_new_packet(sound, 2 * count) < 0) {
            throw new OutOfMemoryError("av_new_packet");
        }
        try {
            tone.fill(sound.data().capacity(2L * count).asBuffer(), samplesSent, count);
            sound.pts(samplesSent).dts(samplesSent).duration(count).stream_index(audio.streamIndex());
            audioSink.accept(sound);
        } finally {
            av_packet_unref(sound);
        }
        samplesSent = due;
    }

    @Override
    public void close() {
        // The picture buffer is an ordinary direct ByteBuffer; only the tone holds native memory.
        if (audio != null) {
            av_packet_free(sound);
            avcodec_parameters_free(audio.parameters());
        }
    }

    @Override
    public String toString() {
        return "TestPatternSource[" + spec + "]";
    }
}
