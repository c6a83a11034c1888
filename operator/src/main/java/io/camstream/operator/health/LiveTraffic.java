package io.camstream.operator.health;

import java.util.Map;

/**
 * The cameras' {@link CameraTraffic} as the operator's last polls measured it, straight from its memory: what the
 * camera wall and the metrics show of readers and bitrate, which the status does not carry. Only the replica that
 * polls MediaMTX (the leader) knows it; elsewhere it is empty.
 */
public interface LiveTraffic {
  /** Knows nothing: an operator whose push health does not poll MediaMTX. */
  LiveTraffic NONE = new LiveTraffic() {
    @Override
    public Map<String, CameraTraffic> of(String namespace, String cameraStream) {
      return Map.of();
    }

    @Override
    public long version() {
      return 0;
    }
  };

  /** One CameraStream's cameras by name, as last measured; empty when none were. */
  Map<String, CameraTraffic> of(String namespace, String cameraStream);

  /** Changes whenever any camera's traffic changed, so a reader can tell cheaply that nothing did. */
  long version();
}
