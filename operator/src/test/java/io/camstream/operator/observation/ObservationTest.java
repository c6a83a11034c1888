package io.camstream.operator.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.webrtc.NodeAddresses;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservationTest {

  @Test
  void itsTextNamesWhatWasSeenButNeverAValue() {
    MediaMtxCredentials credentials = new MediaMtxCredentials(new MediaMtxCredentials.User("pub", "pub-s3cret"),
        new MediaMtxCredentials.User("api", "api-s3cret"), Optional.empty());
    Observation observed = new Observation(credentials,
        Map.of("door-cam", CameraStreams.cameraSecret("door-cam", "admin", "door-s3cret")), Map.of(),
        Optional.empty(), NodeAddresses.unreadable(), List.of(), List.of(), Optional.empty(), Map.of(), List.of(),
        Optional.empty());

    assertThat(observed.toString()).contains("door-cam", "pub", "api")
        .doesNotContain("s3cret", CameraStreams.base64("door-s3cret"), CameraStreams.base64("admin"));
    assertThat(observed.anySecret("door-cam")).isPresent();
    assertThat(observed.anySecret("gate-cam")).isEmpty();
  }
}
