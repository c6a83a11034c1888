package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.StreamMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MediaMTX path of one camera (v1.20.1 path keys): what {@code mediamtx.yml} holds under
 * {@code paths.<camera>}, and the body the control API takes at {@code /v3/config/paths/add|patch|replace/<camera>}.
 * One function for both, so the file and a run-time change can never disagree. Every key that can differ between
 * cameras or over a camera's life is written explicitly, so a {@code patch} with this map leaves no stale value.
 *
 * <p>A pulled camera's map holds its credentials (in the {@code source} URL): it belongs in the config Secret or a
 * request body, never in a log line, an Event or the status.
 */
public final class MediaMtxPathConfig {
  /** MediaMTX's source for a path that waits for a client to publish (camstream's streamers). */
  public static final String PUBLISHER = "publisher";
  /** Pulled over RTSP-over-TCP: UDP does not survive NAT and most cluster networks. */
  public static final String PULL_TRANSPORT = "tcp";
  /**
   * While recording is configured, one more path, a regular expression matching every camera name
   * ({@link CameraSpec#NAME_PATTERN}), keeps the recordings of cameras removed from the spec listed, served and
   * deleted after {@code retention}: MediaMTX's record cleaner, its {@code /v3/recordings/list} and its playback
   * server find a directory's segments only through a configured path, and an exact path takes precedence over a
   * regular expression, so the cameras of the spec keep their own. It records nothing and nobody may publish to it.
   */
  public static final String REMOVED_CAMERAS = "~" + CameraSpec.NAME_PATTERN;

  private MediaMtxPathConfig() {
  }

  /**
   * @param credentials the camera Secret's username and password, for a pulled camera that names a Secret (empty
   *     otherwise; ignored for pushed cameras)
   */
  public static Map<String, Object> of(CameraStream cameraStream, CameraSpec camera,
      Optional<CameraCredentials> credentials) {
    return of(cameraStream, camera, credentials, true);
  }

  /** @param recordingsMounted whether MediaMTX has the recordings volume: without it, the camera does not record */
  public static Map<String, Object> of(CameraStream cameraStream, CameraSpec camera,
      Optional<CameraCredentials> credentials, boolean recordingsMounted) {
    Map<String, Object> path = new LinkedHashMap<>();
    if (StreamMode.of(camera) == StreamMode.PULL) {
      path.put("source", PulledSource.url(camera, credentials));
      path.put("rtspTransport", PULL_TRANSPORT);
      // Always connected, so push health and recording see the camera whether or not anyone watches; MediaMTX
      // reconnects on its own when the camera drops.
      path.put("sourceOnDemand", false);
    } else {
      path.put("source", PUBLISHER);
      path.put("sourceOnDemand", false);
    }
    path.put("record", recordingsMounted && Recording.records(cameraStream, camera));
    putRecording(cameraStream, path);
    return Collections.unmodifiableMap(path);
  }

  /** The {@link #REMOVED_CAMERAS} path: where recordings stay but nothing records. */
  static Map<String, Object> removedCameras(CameraStream cameraStream) {
    Map<String, Object> path = new LinkedHashMap<>();
    path.put("source", PUBLISHER);
    path.put("sourceOnDemand", false);
    path.put("record", false);
    putRecording(cameraStream, path);
    return Collections.unmodifiableMap(path);
  }

  private static void putRecording(CameraStream cameraStream, Map<String, Object> path) {
    if (Recording.configured(cameraStream)) {
      path.put("recordPath", Recording.RECORD_PATH);
      path.put("recordFormat", Recording.RECORD_FORMAT);
      path.put("recordSegmentDuration", Recording.segmentDuration(cameraStream));
      path.put("recordDeleteAfter", Recording.retention(cameraStream));
    }
  }

  /**
   * Every camera's path, keyed by path name (the camera name), in spec order; while recording is configured, then
   * {@link #REMOVED_CAMERAS}.
   *
   * @param pulledCredentials the resolved credentials of pulled cameras that name a Secret, by camera name
   * @throws IllegalStateException when a pulled camera names a Secret whose credentials were not resolved:
   *     writing its path without them would silently lock MediaMTX out of the camera
   */
  public static Map<String, Map<String, Object>> all(CameraStream cameraStream,
      Map<String, CameraCredentials> pulledCredentials) {
    return all(cameraStream, pulledCredentials, true);
  }

  /**
   * @param recordingsMounted whether MediaMTX has the recordings volume: without it no camera records (the rest of
   *     the recording keys stay, so mounting it later changes only {@code record})
   */
  public static Map<String, Map<String, Object>> all(CameraStream cameraStream,
      Map<String, CameraCredentials> pulledCredentials, boolean recordingsMounted) {
    Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      Optional<CameraCredentials> credentials = Optional.ofNullable(pulledCredentials.get(camera.getName()));
      if (StreamMode.of(camera) == StreamMode.PULL && camera.getSource().getCredentialsSecretRef() != null
          && credentials.isEmpty()) {
        throw new IllegalStateException("the credentials of pulled camera " + camera.getName()
            + " were not resolved");
      }
      paths.put(camera.getName(), of(cameraStream, camera, credentials, recordingsMounted));
    }
    if (Recording.configured(cameraStream)) {
      paths.put(REMOVED_CAMERAS, removedCameras(cameraStream));
    }
    return Collections.unmodifiableMap(paths);
  }
}
