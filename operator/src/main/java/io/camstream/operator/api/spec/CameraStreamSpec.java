package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@ValidationRule(value = "has(self.recording) || !has(self.cameras)"
    + " || !self.cameras.exists(c, has(c.record) && c.record)",
    message = "cameras[].record needs spec.recording (where and how long to keep recordings)",
    reason = "FieldValueRequired")
public class CameraStreamSpec {
  public static final int MAX_CAMERAS = 256;
  /** A camera of this name would get the streamer Deployment {@code <name>-mediamtx}, the media server's name. */
  public static final String RESERVED_CAMERA_NAME = "mediamtx";

  @Required
  @Size(min = 1, max = MAX_CAMERAS)
  @ValidationRule(value = "self.all(c, self.exists_one(d, d.name == c.name))",
      message = "camera names must be unique", reason = "FieldValueDuplicate")
  @ValidationRule(value = "self.all(c, c.name != '" + RESERVED_CAMERA_NAME + "')",
      message = "camera name \"" + RESERVED_CAMERA_NAME + "\" is reserved: its streamer Deployment would be named"
          + " like the media server's, <name>-mediamtx", reason = "FieldValueForbidden")
  private List<CameraSpec> cameras = new ArrayList<>();

  private MediaMtxSpec mediamtx;

  private StreamerDefaultsSpec streamer;

  private RecordingSpec recording;

  /** Stored fields this operator version does not know (set when read; never written). */
  @JsonIgnore
  private List<String> ignoredFields = List.of();

  public List<CameraSpec> getCameras() {
    return cameras;
  }

  public void setCameras(List<CameraSpec> cameras) {
    this.cameras = cameras;
  }

  public MediaMtxSpec getMediamtx() {
    return mediamtx;
  }

  public void setMediamtx(MediaMtxSpec mediamtx) {
    this.mediamtx = mediamtx;
  }

  public RecordingSpec getRecording() {
    return recording;
  }

  public void setRecording(RecordingSpec recording) {
    this.recording = recording;
  }

  public StreamerDefaultsSpec getStreamer() {
    return streamer;
  }

  public void setStreamer(StreamerDefaultsSpec streamer) {
    this.streamer = streamer;
  }

  /** Paths of stored fields this operator version does not know, e.g. {@code spec.cameras[0].zoom}; ignored. */
  @JsonIgnore
  public List<String> getIgnoredFields() {
    return ignoredFields;
  }

  @JsonIgnore
  public void setIgnoredFields(List<String> ignoredFields) {
    this.ignoredFields = List.copyOf(ignoredFields);
  }
}
