package io.camstream.operator.health;

import java.util.List;
import java.util.Optional;

/**
 * Push health of one CameraStream after a poll: whether the API answered and each camera's health, in spec order. It
 * carries no poll time, so two polls that a user could not tell apart give equal values.
 */
public record PushHealth(ApiReachability api, String apiDetail, List<CameraHealth> cameras) {

  public PushHealth {
    cameras = List.copyOf(cameras);
  }

  public Optional<CameraHealth> camera(String name) {
    return cameras.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public long publishingCount() {
    return cameras.stream().filter(CameraHealth::publishing).count();
  }

  /** {@code status.readyCameras}, e.g. "2/3". */
  public String readyCameras() {
    return publishingCount() + "/" + cameras.size();
  }
}
