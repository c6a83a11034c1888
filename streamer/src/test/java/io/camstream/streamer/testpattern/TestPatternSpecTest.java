package io.camstream.streamer.testpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestPatternSpecTest {

    @Test
    void parsesGeometryWithAndWithoutRate() {
        assertThat(TestPatternSpec.parse("")).isEqualTo(TestPatternSpec.DEFAULT);
        assertThat(TestPatternSpec.parse(null)).isEqualTo(TestPatternSpec.DEFAULT);
        assertThat(TestPatternSpec.parse("640x360")).isEqualTo(new TestPatternSpec(640, 360, 30));
        assertThat(TestPatternSpec.parse("1920x1080@60")).isEqualTo(new TestPatternSpec(1920, 1080, 60));
    }

    @Test
    void acceptsTheExactLimits() {
        assertThat(TestPatternSpec.parse("128x72@1")).isEqualTo(new TestPatternSpec(128, 72, 1));
        assertThat(TestPatternSpec.parse("7680x4320@120")).isEqualTo(new TestPatternSpec(7680, 4320, 120));
    }

    @ParameterizedTest
    @ValueSource(strings = {"126x72", "7682x720", "129x72", "128x70", "128x4322", "128x73", "128x72@0", "128x72@121",
        "big", "640x360@", "640x360@30fps"})
    void rejectsWhatItCannotDraw(String geometry) {
        assertThatThrownBy(() -> TestPatternSpec.parse(geometry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testpattern");
    }

    @Test
    void printsAsItIsWritten() {
        assertThat(new TestPatternSpec(640, 360, 15)).hasToString("640x360@15");
        assertThat(new TestPatternSpec(640, 360, 15, true)).hasToString("640x360@15+tone");
    }

    @Test
    void plusToneAddsTheSoundTrack() {
        assertThat(TestPatternSpec.parse("1280x720@30+tone")).isEqualTo(new TestPatternSpec(1280, 720, 30, true));
        assertThat(TestPatternSpec.parse("640x360+tone")).isEqualTo(new TestPatternSpec(640, 360, 30, true));
        assertThat(TestPatternSpec.parse("+tone")).isEqualTo(TestPatternSpec.DEFAULT.withTone(true));
        assertThat(TestPatternSpec.parse("640x360@15").tone()).isFalse();
        assertThat(TestPatternSpec.DEFAULT.tone()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"640x360@15+beep", "640x360@15+tone+tone", "tone", "+tone640x360", "640x360@15tone"})
    void rejectsAnythingElseAfterTheGeometry(String spec) {
        assertThatThrownBy(() -> TestPatternSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1280x720@30+tone").hasMessageContaining(spec);
    }
}
