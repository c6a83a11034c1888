package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FfmpegErrorsTest {

    @Test
    void namesTheErrorCodeInWords() {
        assertThat(FfmpegErrors.describe(-111)).isEqualTo("Connection refused");
        assertThat(FfmpegErrors.causeOf(new Exception("avformat_open_input() error -2: Could not open input \"x\"")))
                .isEqualTo("No such file or directory (FFmpeg error -2)");
        assertThat(FfmpegErrors.causeOf(new Exception("something else"))).isEqualTo("something else");
    }
}
