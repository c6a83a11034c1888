package io.camstream.streamer.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoopHeartbeatTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void staysAliveWhileBeatingAndWhileStoppingOnPurpose() {
        LoopHeartbeat heartbeat = new LoopHeartbeat(Duration.ofSeconds(30), now::get);
        assertThat(heartbeat.check().healthy()).as("before the loop starts").isTrue();
        heartbeat.loopStarted();
        for (int i = 0; i < 10; i++) {
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            heartbeat.beat();
            assertThat(heartbeat.check().healthy()).isTrue();
        }
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(heartbeat.check().healthy()).isFalse();
        heartbeat.loopFinished();
        assertThat(heartbeat.check().healthy()).isTrue();
    }

    @Test
    void staleThresholdIsThreeTimesTheLongestBoundedWaitButAtLeastThirtySeconds() {
        assertThat(LoopHeartbeat.staleAfterFor(Duration.ofSeconds(5), Duration.ofSeconds(3)))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(LoopHeartbeat.staleAfterFor(Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .isEqualTo(Duration.ofSeconds(60));
    }
}
