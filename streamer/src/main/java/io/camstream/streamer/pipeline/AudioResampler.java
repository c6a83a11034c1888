package io.camstream.streamer.pipeline;

import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_reset;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_samples_set_silence;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_delay;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

/**
 * Decoded audio of any sample format, rate and channel layout in, chunks of exactly the encoder's frame size out:
 * 48 kHz interleaved float (what libopus takes), mono or stereo (more channels are mixed down by swresample), each chunk stamped with the time of its first sample by a {@link SampleClock}, which keeps the count
 * on the source's clock: silence fills a gap, an overlap is cut.
 */
final class AudioResampler implements AutoCloseable {

    /**
     * 2 ms: what a frame's time may be off the count without a correction: Matroska stamps in milliseconds, and
     * swresample's delay is estimated.
     */
    static final int JITTER_SAMPLES = AudioDecision.OPUS_SAMPLE_RATE / 500;
    /** The longest gap filled with silence (a camera that paused its sound); a longer one restarts the count. */
    static final int MAX_GAP_SAMPLES = AudioDecision.OPUS_SAMPLE_RATE;
    private static final int FORMAT = AV_SAMPLE_FMT_FLT;

    private final int channels;
    private final int chunkSamples;
    private final AVChannelLayout outLayout = new AVChannelLayout().zero();
    private final AVAudioFifo fifo;
    private final AVFrame chunk = av_frame_alloc();
    /** Where swresample writes; grown to the largest frame seen. */
    private final AVFrame converted = av_frame_alloc();
    /** Where in {@link #converted} the samples to keep begin (interleaved: one plane). */
    private final PointerPointer<BytePointer> from = new PointerPointer<>(1);
    private final SampleClock clock = new SampleClock(JITTER_SAMPLES, MAX_GAP_SAMPLES);
    private SwrContext swr;
    private int inRate;
    private int inFormat = -1;
    private int inChannels;
    private int convertedSamples;

    AudioResampler(int channels, int chunkSamples) {
        this.channels = channels;
        this.chunkSamples = chunkSamples;
        av_channel_layout_default(outLayout, channels);
        this.fifo = av_audio_fifo_alloc(FORMAT, channels, 4 * chunkSamples);
        if (fifo == null) {
            throw new OutOfMemoryError("av_audio_fifo_alloc");
        }
        allocate(chunk, chunkSamples);
    }

    private void allocate(AVFrame frame, int samples) {
        frame.nb_samples(samples).format(FORMAT).sample_rate(AudioDecision.OPUS_SAMPLE_RATE);
        av_channel_layout_default(frame.ch_layout(), channels);
        if (av_frame_get_buffer(frame, 0) < 0) {
            throw new OutOfMemoryError("av_frame_get_buffer");
        }
    }

    /**
     * Adds a decoded frame whose first sample the source stamped {@code pts} (1/48000 s, on the output clock).
     *
     * @throws IllegalStateException when swresample cannot convert the frame's format
     */
    void add(AVFrame frame, long pts) {
        configureFor(frame);
        SampleClock.Placement placement = clock.place(pts, av_audio_fifo_size(fifo)
                + swr_get_delay(swr, AudioDecision.OPUS_SAMPLE_RATE));
        long cut = 0;
        switch (placement.kind()) {
            case RESTART -> av_audio_fifo_reset(fifo);
            case PAD -> writeSilence((int) placement.samples());
            case TRIM -> cut = placement.samples();
            case APPEND -> {
            }
        }
        int capacity = swr_get_out_samples(swr, frame.nb_samples());
        ensureConverted(capacity);
        int samples = swr_convert(swr, converted.extended_data(), capacity, frame.extended_data(), frame.nb_samples());
        if (samples < 0) {
            throw new IllegalStateException("swr_convert() error " + samples);
        }
        if (samples > cut) {
            write(cut, (int) (samples - cut));
        }
    }

    private void writeSilence(int samples) {
        ensureConverted(samples);
        av_samples_set_silence(converted.extended_data(), 0, samples, channels, FORMAT);
        write(0, samples);
    }

    /** Writes {@code count} samples of {@link #converted} from sample {@code offset} into the FIFO. */
    private void write(long offset, int count) {
        from.put(0, converted.extended_data(0).getPointer(offset * channels * Float.BYTES));
        if (av_audio_fifo_write(fifo, from, count) < count) {
            throw new OutOfMemoryError("av_audio_fifo_write");
        }
    }

    private void ensureConverted(int samples) {
        if (samples > convertedSamples) {
            av_frame_unref(converted);
            allocate(converted, samples);
            convertedSamples = samples;
        }
    }

    /** The next full chunk (its {@code pts} set), valid until the next call; null while fewer samples wait. */
    AVFrame next() {
        if (av_audio_fifo_size(fifo) < chunkSamples) {
            return null;
        }
        if (av_frame_make_writable(chunk) < 0) {
            throw new OutOfMemoryError("av_frame_make_writable");
        }
        av_audio_fifo_read(fifo, chunk.extended_data(), chunkSamples);
        chunk.pts(clock.take(chunkSamples));
        return chunk;
    }

    /** A converter for the frame's format, rate and channels (built again only if the source changes them). */
    private void configureFor(AVFrame frame) {
        int rate = frame.sample_rate();
        int format = frame.format();
        int frameChannels = frame.ch_layout().nb_channels();
        if (swr != null && rate == inRate && format == inFormat && frameChannels == inChannels) {
            return;
        }
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        // Zeroed: av_channel_layout_copy() first frees what the destination holds.
        AVChannelLayout inLayout = new AVChannelLayout().zero();
        if (frame.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
            // PCM from a container that names no layout: swresample needs one to build its mixing matrix.
            av_channel_layout_default(inLayout, frameChannels);
        } else {
            av_channel_layout_copy(inLayout, frame.ch_layout());
        }
        SwrContext created = new SwrContext(null);
        try {
            int ret = swr_alloc_set_opts2(created, outLayout, FORMAT, AudioDecision.OPUS_SAMPLE_RATE,
                    inLayout, format, rate, 0, null);
            if (ret < 0 || created.isNull() || swr_init(created) < 0) {
                if (!created.isNull()) {
                    swr_free(created);
                }
                throw new IllegalStateException("cannot convert " + frameChannels + " channels of sample format "
                        + format + " at " + rate + " Hz");
            }
            swr = created;
        } finally {
            av_channel_layout_uninit(inLayout);
        }
        inRate = rate;
        inFormat = format;
        inChannels = frameChannels;
    }

    @Override
    public void close() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        av_audio_fifo_free(fifo);
        av_frame_free(chunk);
        av_frame_free(converted);
        av_channel_layout_uninit(outLayout);
        from.close();
    }
}
