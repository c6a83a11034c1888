package io.camstream.streamer.testpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AvSyncMeterTest {

    @Test
    void eachFlashIsPairedWithTheNearestBeepWithinHalfASecond() {
        AvSyncMeter.Result result = AvSyncMeter.pair(List.of(1.0, 2.0, 3.0, 4.0), List.of(0.98, 1.03, 2.6, 3.2, 3.99));

        assertThat(result.offsetsMillis()).hasSize(3);
        assertThat(result.offsetsMillis().get(0)).as("0.98 is nearer than 1.03").isCloseTo(-20, within(1e-6));
        assertThat(result.offsetsMillis().get(1)).as("3.2 for the flash at 3").isCloseTo(200, within(1e-6));
        assertThat(result.offsetsMillis().get(2)).isCloseTo(-10, within(1e-6));
        assertThat(result.medianMillis()).isCloseTo(-10, within(1e-6));
        assertThat(result.worstMillis()).isCloseTo(200, within(1e-6));
        assertThat(result).hasToString("flashes=4 beeps=5 paired=3 offset median=-10.0 ms worst=200.0 ms"
                + " [-20.0, 200.0, -10.0]");
    }

    @Test
    void withoutPairsThereIsNoOffset() {
        AvSyncMeter.Result result = AvSyncMeter.pair(List.of(1.0), List.of(1.5, 0.5));
        assertThat(result.offsetsMillis()).isEmpty();
        assertThat(result.medianMillis()).isNaN();
        assertThat(result.worstMillis()).isNaN();
    }
}
