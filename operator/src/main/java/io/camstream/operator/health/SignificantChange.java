package io.camstream.operator.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a user would notice. Bitrate is measured every poll and always wobbles; a change within ±10 % of the value
 * last reported is noise, so the reported value stays put and the status stays unwritten.
 */
public final class SignificantChange {
  static final double BITRATE_TOLERANCE = 0.10;

  private SignificantChange() {
  }

  /** {@code next}, with each camera's bitrate kept at its last reported value while the change is within tolerance. */
  public static PushHealth stabilize(PushHealth lastReported, PushHealth next) {
    if (lastReported == null) {
      return next;
    }
    List<CameraHealth> cameras = new ArrayList<>(next.cameras().size());
    for (CameraHealth camera : next.cameras()) {
      CameraHealth reported = lastReported.camera(camera.name()).orElse(null);
      boolean noise = reported != null && reported.state() == camera.state()
          && !bitrateChanged(reported.inboundBitrateKbps(), camera.inboundBitrateKbps());
      cameras.add(noise ? camera.withBitrate(reported.inboundBitrateKbps()) : camera);
    }
    return new PushHealth(next.api(), next.apiDetail(), cameras);
  }

  /** Whether the user would see a difference between two reported bitrates. */
  public static boolean bitrateChanged(Long before, Long after) {
    if (before == null || after == null) {
      return !Objects.equals(before, after);
    }
    if (before == 0L) {
      return after != 0L;
    }
    return Math.abs(after - before) > BITRATE_TOLERANCE * before;
  }

  /** Whether anything but noise differs: the rule the status writer's "no write when unchanged" relies on. */
  public static boolean isSignificant(PushHealth before, PushHealth after) {
    return before == null || !stabilize(before, after).equals(before);
  }
}
