package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;

import io.camstream.streamer.testing.CapturedLogs;
import io.camstream.streamer.testing.StreamProbe;
import java.io.IOException;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publisher's audio stream, written by FFmpeg's Matroska muxer into a file, with tracks that work and that fail. */
class AudioOutputTest {

    private static final AVRational G711_TIME_BASE = new AVRational().num(1).den(8000);

    @TempDir
    Path dir;

    /** A G.711 track that hands on {@code perPacket} packets of 160 samples (20 ms) for every source packet. */
    private static final class G711Track implements AudioTrack {
        final int perPacket;
        final RuntimeException failure;
        long next;
        int accepted;
        boolean closed;

        G711Track(int perPacket, RuntimeException failure) {
            this.perPacket = perPacket;
            this.failure = failure;
        }

        @Override
        public void describe(AVStream stream) {
            stream.codecpar().codec_type(AVMEDIA_TYPE_AUDIO).codec_id(AV_CODEC_ID_PCM_ALAW).sample_rate(8000);
            av_channel_layout_default(stream.codecpar().ch_layout(), 1);
            stream.time_base(G711_TIME_BASE);
        }

        @Override
        public AVRational timeBase() {
            return G711_TIME_BASE;
        }

        @Override
        public void accept(AVPacket packet, PacketSink sink) throws IOException {
            accepted++;
            if (failure != null) {
                throw failure;
            }
            for (int i = 0; i < perPacket; i++) {
                AVPacket out = av_packet_alloc();
                av_new_packet(out, 160);
                out.pts(next).dts(next).duration(160);
                next += 160;
                try {
                    sink.accept(out);
                } finally {
                    av_packet_free(out);
                }
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A connection without a network hop of its own (RTMP is not relayed): only its failure messages count here. */
    private static PublishConnection connection() throws PublishLostException {
        return PublishConnection.open(new PublishTarget("rtmp://127.0.0.1/live/cam", Optional.empty(),
                RtspTransport.TCP), Duration.ofSeconds(1), bytes -> { }, Redactor.urlsOnly());
    }

    private OutputMuxer muxer(Path file, AudioTrack track) throws IOException {
        return OutputMuxer.open(file.toString(), "matroska", Map.of(), List.of(track::describe));
    }

    @Test
    void writesWhatTheTrackMakesAndCountsItsBytes() throws Exception {
        Path file = dir.resolve("g711.mkv");
        G711Track track = new G711Track(2, null);
        AtomicLong bytes = new AtomicLong();
        OutputMuxer muxer = muxer(file, track);
        try (AudioOutput output = new AudioOutput(track, connection(), muxer, 0, bytes::addAndGet)) {
            AVPacket source = av_packet_alloc();
            for (int i = 0; i < 25; i++) {
                assertThat(output.publish(source)).isEqualTo(2);
            }
            av_packet_free(source);
        } finally {
            muxer.close();
        }
        assertThat(track.closed).isTrue();
        assertThat(bytes).hasValue(50 * 160);
        StreamProbe.AudioReport audio = StreamProbe.audio(file);
        assertThat(audio.codec()).isEqualTo("pcm_alaw");
        assertThat(audio.packets()).isEqualTo(50);
        assertThat(audio.seconds()).isCloseTo(0.98, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void aFailingTrackLeavesTheRestOfTheSessionSilentAndSaysSoOnce() throws Exception {
        G711Track track = new G711Track(1, new IllegalStateException("cannot convert 9 channels"));
        OutputMuxer muxer = muxer(dir.resolve("silent.mkv"), track);
        try (CapturedLogs logs = new CapturedLogs(); AudioOutput output = new AudioOutput(track, connection(), muxer, 0, b -> { })) {
            AVPacket source = av_packet_alloc();
            assertThat(output.publish(source)).isZero();
            assertThat(output.publish(source)).isZero();
            av_packet_free(source);
            assertThat(track.accepted).as("not asked again").isEqualTo(1);
            assertThat(track.closed).isTrue();
            assertThat(logs.count("AudioOutput", "without sound from now on: the audio failed: cannot convert 9"))
                    .isEqualTo(1);
        } finally {
            muxer.close();
        }
    }

    @Test
    void aWriteTheMuxerRefusesIsTheConnectionsFailure() throws Exception {
        G711Track track = new G711Track(1, null);
        OutputMuxer muxer = muxer(dir.resolve("refused.mkv"), track);
        try (AudioOutput output = new AudioOutput(track, connection(), muxer, 0, b -> { })) {
            AVPacket source = av_packet_alloc();
            output.publish(source);
            output.publish(source);
            track.next = 0;
            // Back in time: every muxer refuses a stream that goes backwards.
            assertThatThrownBy(() -> output.publish(source)).isInstanceOfSatisfying(PublishLostException.class,
                    e -> assertThat(e.stalled()).isFalse())
                    .hasMessage("Lost publish connection to rtmp://127.0.0.1/live/cam: Invalid argument (FFmpeg error -22)");
            av_packet_free(source);
            assertThat(track.closed).as("the connection's failure is not the track's").isFalse();
        } finally {
            muxer.close();
        }
    }

    @Test
    void withoutATrackThereIsNothingToPublish() throws Exception {
        G711Track track = new G711Track(1, null);
        OutputMuxer muxer = muxer(dir.resolve("none.mkv"), track);
        try (AudioOutput output = new AudioOutput(null, connection(), muxer, 0, b -> { })) {
            assertThat(output.publish(null)).isZero();
        } finally {
            muxer.close();
        }
    }
}
