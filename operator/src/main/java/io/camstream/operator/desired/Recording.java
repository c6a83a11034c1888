package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.api.spec.RecordingStorageSpec;

/**
 * Which cameras record, and where. Recording is <em>configured</em> when {@code spec.recording} is set: then the
 * claim {@code <name>-recordings} exists and is mounted into MediaMTX and the playback server runs, whether or not a
 * camera records right now, so turning one camera's recording on or off only changes its path (a hot reload, no
 * MediaMTX restart) and recordings already made stay reachable.
 */
public final class Recording {
  /** Where the claim is mounted in the MediaMTX container. */
  public static final String MOUNT_PATH = "/recordings";
  /**
   * One directory per camera ({@code %path}); {@code %f} (microseconds) because the playback server needs it, and
   * the full date and time so file names sort and never collide.
   */
  public static final String RECORD_PATH = MOUNT_PATH + "/%path/%Y-%m-%d_%H-%M-%S-%f";
  public static final String RECORD_FORMAT = "fmp4";

  private Recording() {
  }

  public static boolean configured(CameraStream cameraStream) {
    return cameraStream.getSpec().getRecording() != null;
  }

  /** {@code cameras[].record} when set, else {@code spec.recording.enabled}; never without {@code spec.recording}. */
  public static boolean records(CameraStream cameraStream, CameraSpec camera) {
    RecordingSpec recording = cameraStream.getSpec().getRecording();
    if (recording == null) {
      return false;
    }
    if (camera.getRecord() != null) {
      return camera.getRecord();
    }
    return recording.getEnabled() == null || recording.getEnabled();
  }

  public static String retention(CameraStream cameraStream) {
    String retention = cameraStream.getSpec().getRecording().getRetention();
    return retention == null ? RecordingSpec.DEFAULT_RETENTION : retention;
  }

  public static String segmentDuration(CameraStream cameraStream) {
    String segment = cameraStream.getSpec().getRecording().getSegmentDuration();
    return segment == null ? RecordingSpec.DEFAULT_SEGMENT_DURATION : segment;
  }

  public static RecordingStorageSpec storage(CameraStream cameraStream) {
    return cameraStream.getSpec().getRecording().getStorage();
  }
}
