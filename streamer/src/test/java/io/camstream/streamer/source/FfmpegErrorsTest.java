package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FfmpegErrorsTest {

    @Test
    void describesCodesWithFfmpegsTextAndNothingAfterIt() {
        // Dirty the native heap first, so leftover bytes after the C string would show.
        for (int i = 0; i < 50; i++) {
            try (org.bytedeco.javacpp.BytePointer junk = new org.bytedeco.javacpp.BytePointer("x".repeat(255))) {
                junk.address();
            }
        }
        assertThat(FfmpegErrors.describe(-111)).isEqualTo("Connection refused");
        assertThat(FfmpegErrors.describe(-32)).isEqualTo("Broken pipe");
        assertThat(FfmpegErrors.causeOf(new Exception("avformat_write_header error() error -111: Could not write header")))
                .isEqualTo("Connection refused (FFmpeg error -111)");
    }
}
