package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class FfmpegErrorsTest {

    @Test
    void namesTheErrorCodeInWords() {
        assertThat(FfmpegErrors.describe(-111)).isEqualTo("Connection refused");
        assertThat(FfmpegErrors.causeOf(new Exception("avformat_open_input() error -2: Could not open input \"x\"")))
                .isEqualTo("No such file or directory (FFmpeg error -2)");
        assertThat(FfmpegErrors.causeOf(new Exception("something else"))).isEqualTo("something else");
        assertThat(FfmpegErrors.causeOf(new Exception("No video stream. (For more details, make sure "
                + "FFmpegLogCallback.set() has been called.)"))).isEqualTo("No video stream.");
    }

    @Test
    void carriesNothingOfTheNativeBufferAfterTheText() {
        // Dirty the native heap first, so leftover bytes after the C string would show.
        for (int i = 0; i < 50; i++) {
            try (BytePointer junk = new BytePointer("x".repeat(255))) {
                junk.address();
            }
        }
        assertThat(FfmpegErrors.describe(-32)).isEqualTo("Broken pipe");
        assertThat(FfmpegErrors.causeOf(new Exception("avformat_write_header error() error -111: Could not write header")))
                .isEqualTo("Connection refused (FFmpeg error -111)");
    }
}
