package io.camstream.operator.health;

/**
 * What one camera's MediaMTX path carries, as the last poll measured it: its readers and its inbound bitrate. Both
 * move with every viewer who comes or goes and every scene a variable-bitrate camera films, so they are kept out of
 * {@link PushHealth} and out of the status (either would be rewritten on every poll); the operator's metrics and the
 * camera wall read them live ({@link LiveTraffic}).
 *
 * @param inboundBitsPerSecond what MediaMTX received between the last two polls of the same publishing session; 0
 *     while nothing publishes; null when unknown (the first poll of a session, an API that did not answer)
 * @param readers the path's readers (WebRTC, RTSP, HLS sessions...); 0 without a path; null when the API did not
 *     answer
 */
public record CameraTraffic(String camera, Long inboundBitsPerSecond, Integer readers) {

  /** Nothing known: the API did not answer. */
  public static CameraTraffic unknown(String camera) {
    return new CameraTraffic(camera, null, null);
  }

  /** The bitrate in kbit/s, rounded, as the camera wall shows it; null when unknown. */
  public Long inboundKbps() {
    return inboundBitsPerSecond == null ? null : Math.round(inboundBitsPerSecond / 1000.0);
  }
}
