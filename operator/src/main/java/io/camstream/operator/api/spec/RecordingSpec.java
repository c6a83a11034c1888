package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Recording to a PersistentVolumeClaim, with retention, and playback of the recordings. MediaMTX records each camera
 * to fMP4 segments and deletes segments older than {@code retention} itself.
 */
public class RecordingSpec {
  /**
   * A duration as MediaMTX reads it (Go's time.ParseDuration, with a leading number of days {@code d} allowed):
   * {@code 72h}, {@code 3d}, {@code 1d12h}, {@code 90m}, {@code 1h30m}. Only h, m, s and ms, no sign: a subset of
   * what MediaMTX accepts, so every value that passes is one MediaMTX parses.
   */
  public static final String DURATION_PATTERN = "^([0-9]{1,5}d([0-9]{1,9}([.][0-9]{1,9})?(h|ms|m|s))*"
      + "|([0-9]{1,9}([.][0-9]{1,9})?(h|ms|m|s))+)$";
  public static final int DURATION_MAX_LENGTH = 32;
  public static final String DEFAULT_RETENTION = "24h";
  public static final String DEFAULT_SEGMENT_DURATION = "1h";

  /** Whether cameras record unless they say otherwise ({@code cameras[].record}). */
  @Default("true")
  private Boolean enabled = Boolean.TRUE;

  /** How long segments are kept; at least {@code segmentDuration}. */
  @Default(DEFAULT_RETENTION)
  @Pattern(DURATION_PATTERN)
  @Size(min = 1, max = DURATION_MAX_LENGTH)
  private String retention = DEFAULT_RETENTION;

  /** Length of one recorded file; at most 24h (MediaMTX's limit). */
  @Default(DEFAULT_SEGMENT_DURATION)
  @Pattern(DURATION_PATTERN)
  @Size(min = 1, max = DURATION_MAX_LENGTH)
  private String segmentDuration = DEFAULT_SEGMENT_DURATION;

  @Required
  private RecordingStorageSpec storage;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getRetention() {
    return retention;
  }

  public void setRetention(String retention) {
    this.retention = retention;
  }

  public String getSegmentDuration() {
    return segmentDuration;
  }

  public void setSegmentDuration(String segmentDuration) {
    this.segmentDuration = segmentDuration;
  }

  public RecordingStorageSpec getStorage() {
    return storage;
  }

  public void setStorage(RecordingStorageSpec storage) {
    this.storage = storage;
  }
}
