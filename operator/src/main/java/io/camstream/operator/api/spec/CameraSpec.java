package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

@ValidationRule(value = "!has(self.mode) || self.mode != 'pull' || self.source.url.matches('"
    + CameraSpec.PULL_SCHEME_PATTERN + "')",
    message = "mode pull: MediaMTX reads rtsp:// and rtsps:// sources only", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.mode) || self.mode != 'pull' || !has(self.audio) || self.audio == 'auto'"
    + " || self.audio == 'copy'",
    message = "mode pull: MediaMTX passes the camera's audio through as it is; audio opus and off need a streamer",
    reason = "FieldValueInvalid")
public class CameraSpec {
  /** DNS-1123 label: it names the streamer Deployment and the MediaMTX path. */
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  public static final int NAME_MAX_LENGTH = 40;
  /**
   * MediaMTX reads a path named {@code all} or {@code all_others} as the regular expression {@code ~^.*$}: such a
   * camera's path would admit every stream name.
   */
  public static final String CATCH_ALL_PATH = "all";
  public static final String CATCH_ALL_OTHERS_PATH = "all_others";
  /** A Kubernetes label value: node labels are what a nodeSelector matches. */
  public static final String LABEL_VALUE_PATTERN = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
  public static final int LABEL_VALUE_MAX_LENGTH = 63;
  public static final int MAX_NODE_SELECTOR_ENTRIES = 32;
  public static final int MAX_TOLERATIONS = 16;
  public static final int MAX_SUPPLEMENTAL_GROUPS = 8;
  /** Group IDs as Kubernetes takes them; 0 (root's group) is refused: it opens whatever root's group may read. */
  public static final long MIN_GROUP_ID = 1;
  public static final long MAX_GROUP_ID = 2147483647L;
  /** The sources MediaMTX can pull over RTSP itself. */
  public static final String PULL_SCHEME_PATTERN = "^rtsps?://";

  @Required
  @Pattern(NAME_PATTERN)
  @Size(min = 1, max = NAME_MAX_LENGTH)
  @ValidationRule(value = "self != '" + CATCH_ALL_PATH + "' && self != '" + CATCH_ALL_OTHERS_PATH + "'",
      message = "camera names \"" + CATCH_ALL_PATH + "\" and \"" + CATCH_ALL_OTHERS_PATH + "\" are MediaMTX's"
          + " catch-all paths, which would admit every stream name", reason = "FieldValueForbidden")
  private String name;

  @Required
  private SourceSpec source;

  private StreamMode mode = StreamMode.AUTO;

  private AudioMode audio = AudioMode.AUTO;

  private VideoSpec video;

  /** Records this camera or not, overriding {@code spec.recording.enabled}; needs {@code spec.recording}. */
  private Boolean record;

  @Size(max = MAX_NODE_SELECTOR_ENTRIES)
  private Map<String, @Pattern(LABEL_VALUE_PATTERN) @Size(max = LABEL_VALUE_MAX_LENGTH) String> nodeSelector;

  /**
   * Taints of the camera's node the streamer tolerates (edge nodes with a USB camera are usually tainted), written
   * as in a pod spec.
   */
  @Size(max = MAX_TOLERATIONS)
  private List<TolerationSpec> tolerations;

  /**
   * Groups the streamer process belongs to besides its own: the group owning a V4L2 device node. Left out, a device
   * source ({@code /dev/...}) gets the {@code video} group of Debian and Ubuntu nodes (44), any other source none;
   * {@code []} gives none.
   */
  @Size(max = MAX_SUPPLEMENTAL_GROUPS)
  private List<@Min(MIN_GROUP_ID) @Max(MAX_GROUP_ID) Long> supplementalGroups;

  private ResourceRequirements resources;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public SourceSpec getSource() {
    return source;
  }

  public void setSource(SourceSpec source) {
    this.source = source;
  }

  public StreamMode getMode() {
    return mode;
  }

  public void setMode(StreamMode mode) {
    this.mode = mode;
  }

  public AudioMode getAudio() {
    return audio;
  }

  public void setAudio(AudioMode audio) {
    this.audio = audio;
  }

  public VideoSpec getVideo() {
    return video;
  }

  public void setVideo(VideoSpec video) {
    this.video = video;
  }

  public Boolean getRecord() {
    return record;
  }

  public void setRecord(Boolean record) {
    this.record = record;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<TolerationSpec> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<TolerationSpec> tolerations) {
    this.tolerations = tolerations;
  }

  public List<Long> getSupplementalGroups() {
    return supplementalGroups;
  }

  public void setSupplementalGroups(List<Long> supplementalGroups) {
    this.supplementalGroups = supplementalGroups;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}
