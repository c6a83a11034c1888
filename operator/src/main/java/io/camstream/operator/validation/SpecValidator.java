package io.camstream.operator.validation;

import static io.camstream.operator.validation.SpecProblem.invalidSpec;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.AudioMode;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.ContainerImage;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.api.spec.RecordingStorageSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.api.spec.SourceSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.UnreadableSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.desired.StreamerDeploymentBuilder;
import io.camstream.operator.mediamtx.MediaMtxDuration;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the CRD schema cannot express (object names derived from the resource's own name, reserved
 * camera names) and re-checks what it can, because an API server without the schema (or an old CRD) must
 * still never make the operator build a broken object. Returns every problem, each naming its field.
 */
public final class SpecValidator {
  /** Services need a DNS-1035 label: {@code <name>-mediamtx-internal} must fit in 63 characters. */
  public static final int MAX_NAME_LENGTH = 63 - ResourceNames.INTERNAL_SUFFIX.length();
  private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern CAMERA_NAME = Pattern.compile(CameraSpec.NAME_PATTERN);
  private static final Pattern SOURCE_URL = Pattern.compile(SourceSpec.URL_PATTERN);
  private static final Pattern INLINE_CREDENTIALS = Pattern.compile(SourceSpec.INLINE_CREDENTIALS_PATTERN);
  private static final Pattern SECRET_NAME = Pattern.compile(SecretCredentialsRef.NAME_PATTERN);
  private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
  /** Host names or IP literals (v4 or v6): MediaMTX adds them verbatim to its ICE candidates. */
  private static final Pattern HOST = Pattern.compile(MediaMtxSpec.HOST_PATTERN);
  private static final Pattern IMAGE = Pattern.compile(ContainerImage.PATTERN);
  private static final Pattern ICE_URL = Pattern.compile(IceServerSpec.URL_PATTERN);
  private static final Pattern LABEL_KEY =
      Pattern.compile("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$");
  private static final Pattern LABEL_VALUE = Pattern.compile(CameraSpec.LABEL_VALUE_PATTERN);
  /**
   * An rtsp(s):// URL MediaMTX v1.20.1 accepts as a pulled source (it parses it with Go's net/url and refuses
   * user-info without both a username and a password): user-info, if any, is {@code user:password} in RFC 3986
   * characters or percent escapes; the host a DNS name or a bracketed IPv6 literal; an optional numeric port; path and
   * query without a fragment, every {@code %} starting an escape. Stricter than Go, never looser.
   */
  private static final Pattern PULL_URL = Pattern.compile("^rtsps?://"
      + "((?:[-A-Za-z0-9._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+:(?:[-A-Za-z0-9._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+@)?"
      + "([A-Za-z0-9](?:[-A-Za-z0-9.]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?"
      + "([/?](?:[!\"$&-~]|%[0-9A-Fa-f]{2})*)?$");
  private static final Pattern STORAGE_SIZE = Pattern.compile(RecordingStorageSpec.SIZE_PATTERN);
  private static final Pattern STORAGE_CLASS = Pattern.compile(RecordingStorageSpec.STORAGE_CLASS_PATTERN);
  /** MediaMTX refuses longer segments (the fMP4 header's duration field would overflow). */
  static final Duration MAX_SEGMENT = Duration.ofHours(24);
  static final Duration MIN_SEGMENT = Duration.ofSeconds(1);

  private SpecValidator() {
  }

  /**
   * Every problem of the spec, in field order, each naming its field; empty when it is valid. A field's checks stop
   * at its first problem (a value that is not a number is not also out of range); other fields are still checked,
   * so one look at the status shows every mistake.
   */
  public static List<SpecProblem> validate(CameraStream cameraStream) {
    List<SpecProblem> problems = new ArrayList<>();
    String name = cameraStream.getMetadata().getName();
    if (name == null || name.length() > MAX_NAME_LENGTH || !DNS_1035_LABEL.matcher(name).matches()) {
      problems.add(invalidSpec("metadata.name must be a DNS-1035 label of at most " + MAX_NAME_LENGTH
          + " characters (lowercase letters, digits and '-', starting with a letter), because it names"
          + " the Service <name>" + ResourceNames.INTERNAL_SUFFIX));
    }
    CameraStreamSpec spec = cameraStream.getSpec();
    if (spec == null) {
      problems.add(invalidSpec("spec is required"));
      return List.copyOf(problems);
    }
    if (spec instanceof UnreadableSpec unreadable) {
      problems.add(invalidSpec(unreadable.problem()));
      return List.copyOf(problems);
    }
    validateCameras(spec.getCameras(), problems);
    validateRecording(spec, problems);
    if (spec.getMediamtx() != null) {
      var mediamtx = spec.getMediamtx();
      validateImage("spec.mediamtx.image", mediamtx.getImage()).ifPresent(problems::add);
      List<String> hosts = mediamtx.getWebrtcAdditionalHosts();
      if (hosts != null) {
        if (hosts.size() > 16) {
          problems.add(invalidSpec("spec.mediamtx.webrtcAdditionalHosts: at most 16 hosts"));
        }
        for (int i = 0; i < hosts.size(); i++) {
          String host = hosts.get(i);
          if (host == null || host.length() > 253 || !HOST.matcher(host).matches()) {
            problems.add(invalidSpec("spec.mediamtx.webrtcAdditionalHosts[" + i + "] must be a host name or IP"
                + " address"));
          }
        }
      }
      validateWebRtcNodePort(mediamtx).ifPresent(problems::add);
      validateIceServers(mediamtx.getIceServers(), problems);
    }
    if (spec.getStreamer() != null) {
      validateImage("spec.streamer.image", spec.getStreamer().getImage()).ifPresent(problems::add);
    }
    validateStreamerResources(spec, problems);
    return List.copyOf(problems);
  }

  /**
   * Each streamer camera's requests and limits (its own, else {@code spec.streamer}'s), as the API server checks a
   * container's ({@link StreamerResources}). Its streamer's Deployment is written on its own, so a problem holds only
   * the cameras it concerns ({@link SpecProblem#holding}); a pulled camera has no streamer, and its resources are
   * not used.
   */
  private static void validateStreamerResources(CameraStreamSpec spec, List<SpecProblem> problems) {
    List<CameraSpec> cameras = spec.getCameras() == null ? List.of() : spec.getCameras();
    ResourceRequirements shared = spec.getStreamer() == null ? null : spec.getStreamer().getResources();
    List<String> sharedProblems = StreamerResources.problems("spec.streamer.resources", shared);
    for (int i = 0; i < cameras.size(); i++) {
      CameraSpec camera = cameras.get(i);
      if (camera == null || camera.getName() == null || !StreamMode.of(camera).usesStreamer()) {
        continue;
      }
      List<String> cameraProblems = StreamerDeploymentBuilder.hasResources(camera.getResources())
          ? StreamerResources.problems("spec.cameras[" + i + "].resources", camera.getResources())
          : StreamerDeploymentBuilder.hasResources(shared) ? sharedProblems : List.of();
      cameraProblems.forEach(message -> problems.add(invalidSpec(message).holding(camera.getName())));
    }
  }

  /**
   * The CRD's rules, re-checked: MediaMTX refuses to load a config with an ICE server URL that does not start with
   * stun:, turn: or turns: (and exits on a hot reload), and its ICE library fails every session on a malformed one.
   */
  private static void validateIceServers(List<IceServerSpec> servers, List<SpecProblem> problems) {
    if (servers == null) {
      return;
    }
    if (servers.size() > MediaMtxSpec.MAX_ICE_SERVERS) {
      problems.add(invalidSpec("spec.mediamtx.iceServers: at most " + MediaMtxSpec.MAX_ICE_SERVERS + " servers"));
    }
    for (int i = 0; i < servers.size(); i++) {
      validateIceServer("spec.mediamtx.iceServers[" + i + "]", servers.get(i)).ifPresent(problems::add);
    }
  }

  private static Optional<SpecProblem> validateIceServer(String field, IceServerSpec server) {
    if (server == null) {
      return invalid(field + " must not be null");
    }
    String url = server.getUrl();
    if (url == null || url.length() > IceServerSpec.URL_MAX_LENGTH || !ICE_URL.matcher(url).matches()) {
      return invalid(field + ".url must be stun:host[:port], turn:host[:port][?transport=udp|tcp] or"
          + " turns:host[:port][?transport=udp|tcp]");
    }
    SecretCredentialsRef ref = server.getCredentialsSecretRef();
    boolean stun = url.startsWith("stun:");
    if (stun && ref != null) {
      return invalid(field + ".credentialsSecretRef: a stun: server takes no credentials");
    }
    if (!stun && ref == null) {
      return invalid(field + ".credentialsSecretRef is required: a TURN server needs a username and password");
    }
    return validateSecretRef(field, ref);
  }

  /** The CRD's range and rules, re-checked: a node port the API server refuses would fail every Service write. */
  private static Optional<SpecProblem> validateWebRtcNodePort(MediaMtxSpec mediamtx) {
    Integer nodePort = mediamtx.getWebrtcNodePort();
    if (nodePort != null) {
      if (nodePort < MediaMtxSpec.MIN_NODE_PORT || nodePort > MediaMtxSpec.MAX_NODE_PORT) {
        return invalid("spec.mediamtx.webrtcNodePort must be between " + MediaMtxSpec.MIN_NODE_PORT + " and "
            + MediaMtxSpec.MAX_NODE_PORT + ", Kubernetes' node-port range");
      }
      if (mediamtx.getServiceType() == null || mediamtx.getServiceType() == ServiceType.CLUSTER_IP) {
        return invalid("spec.mediamtx.webrtcNodePort needs spec.mediamtx.serviceType NodePort or LoadBalancer:"
            + " a ClusterIP Service has no node ports");
      }
    }
    if (Boolean.TRUE.equals(mediamtx.getWebrtcAnnounceNodeAddresses()) && nodePort == null) {
      return invalid("spec.mediamtx.webrtcAnnounceNodeAddresses needs spec.mediamtx.webrtcNodePort: browsers reach"
          + " MediaMTX on the nodes only at the port it listens on");
    }
    return Optional.empty();
  }

  private static void validateCameras(List<CameraSpec> cameras, List<SpecProblem> problems) {
    if (cameras == null || cameras.isEmpty()) {
      problems.add(invalidSpec("spec.cameras must list at least one camera"));
      return;
    }
    if (cameras.size() > CameraStreamSpec.MAX_CAMERAS) {
      problems.add(invalidSpec("spec.cameras: at most " + CameraStreamSpec.MAX_CAMERAS + " cameras"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cameras.size(); i++) {
      String field = "spec.cameras[" + i + "]";
      CameraSpec camera = cameras.get(i);
      if (camera == null) {
        problems.add(invalidSpec(field + " must not be null"));
        continue;
      }
      validateCameraName(field, camera.getName(), seen).ifPresent(problems::add);
      Optional<SpecProblem> source = validateSource(field + ".source", camera.getSource());
      source.ifPresent(problems::add);
      if (source.isEmpty() && StreamMode.of(camera) == StreamMode.PULL
          && !PULL_URL.matcher(camera.getSource().getUrl()).matches()) {
        // Never echoes the URL: it may carry credentials.
        problems.add(invalidSpec(field + ".source.url: mode pull needs an rtsp:// or rtsps:// URL MediaMTX can read:"
            + " rtsp[s]://[user:password@]host[:port][/path][?query], with both a user and a password when either is"
            + " given, special characters percent-encoded, no #fragment"));
      }
      if (StreamMode.of(camera) == StreamMode.PULL && !AudioMode.of(camera).pullable()) {
        problems.add(invalidSpec(field + ".audio: " + AudioMode.of(camera).value() + " needs a streamer; with mode"
            + " pull MediaMTX passes the camera's audio through as it is (auto or copy)"));
      }
      validateNodeSelector(field + ".nodeSelector", camera.getNodeSelector()).ifPresent(problems::add);
      StreamerPodFields.problems(field, camera).forEach(message -> problems.add(invalidSpec(message)));
      validateVideo(field + ".video", camera.getVideo(), problems);
    }
  }

  /** @param seen the names of the cameras before this one; this one's is added */
  private static Optional<SpecProblem> validateCameraName(String field, String cameraName, Set<String> seen) {
    if (cameraName == null || cameraName.length() > CameraSpec.NAME_MAX_LENGTH
        || !CAMERA_NAME.matcher(cameraName).matches()) {
      return invalid(field + ".name must be a DNS-1123 label of at most " + CameraSpec.NAME_MAX_LENGTH
          + " characters");
    }
    if (ResourceNames.RESERVED_CAMERA_NAME.equals(cameraName)) {
      return invalid(field + ".name \"" + cameraName + "\" is reserved: its streamer would collide with the"
          + " media server Deployment");
    }
    if (CameraSpec.CATCH_ALL_PATH.equals(cameraName) || CameraSpec.CATCH_ALL_OTHERS_PATH.equals(cameraName)) {
      return invalid(field + ".name \"" + cameraName + "\" is reserved: MediaMTX reads a path of that name"
          + " as a catch-all that would admit every stream name");
    }
    if (!seen.add(cameraName)) {
      return invalid(field + ".name \"" + cameraName + "\" is used by more than one camera");
    }
    return Optional.empty();
  }

  private static Optional<SpecProblem> validateSource(String field, SourceSpec source) {
    if (source == null) {
      return invalid(field + " is required");
    }
    String url = source.getUrl();
    // The URL may hold inline credentials: the message names the field, never echoes the value.
    if (url == null || url.length() > SourceSpec.URL_MAX_LENGTH || !SOURCE_URL.matcher(url).matches()) {
      return invalid(field + ".url must be an rtsp(s)://, rtmp(s)://, http(s)://, srt:// or file:// URL, an"
          + " absolute device or file path, or testpattern[:WxH[@FPS]][+tone]");
    }
    SecretCredentialsRef ref = source.getCredentialsSecretRef();
    if (ref != null) {
      if (INLINE_CREDENTIALS.matcher(url).find()) {
        return invalid(field + ": give camera credentials either in the URL or by credentialsSecretRef, not both");
      }
    }
    return validateSecretRef(field, ref);
  }

  /** A {@code credentialsSecretRef} (a camera's, a TURN server's), when there is one: a Secret name and valid keys. */
  private static Optional<SpecProblem> validateSecretRef(String field, SecretCredentialsRef ref) {
    if (ref == null) {
      return Optional.empty();
    }
    if (ref.getName() == null || ref.getName().length() > 253 || !SECRET_NAME.matcher(ref.getName()).matches()) {
      return invalid(field + ".credentialsSecretRef.name must name a Secret");
    }
    if (ref.getUsernameKey() != null && !validKey(ref.getUsernameKey())) {
      return invalid(field + ".credentialsSecretRef.usernameKey must be a valid Secret key");
    }
    if (ref.getPasswordKey() != null && !validKey(ref.getPasswordKey())) {
      return invalid(field + ".credentialsSecretRef.passwordKey must be a valid Secret key");
    }
    return Optional.empty();
  }

  /**
   * {@code spec.recording} and each camera's {@code record}: the durations MediaMTX parses and accepts on load
   * (segments 1s to 24h, retention at least one segment), a storage quantity, a StorageClass name.
   */
  private static void validateRecording(CameraStreamSpec spec, List<SpecProblem> problems) {
    RecordingSpec recording = spec.getRecording();
    if (recording == null) {
      List<CameraSpec> cameras = spec.getCameras() == null ? List.of() : spec.getCameras();
      for (int i = 0; i < cameras.size(); i++) {
        if (cameras.get(i) != null && Boolean.TRUE.equals(cameras.get(i).getRecord())) {
          problems.add(invalidSpec("spec.cameras[" + i + "].record needs spec.recording: a camera records to the"
              + " storage declared there (spec.recording.storage.size)"));
        }
      }
      return;
    }
    Optional<Duration> segment = duration(recording.getSegmentDuration(),
        RecordingSpec.DEFAULT_SEGMENT_DURATION);
    Optional<Duration> retention = duration(recording.getRetention(),
        RecordingSpec.DEFAULT_RETENTION);
    boolean segmentValid = segment.isPresent() && segment.get().compareTo(MIN_SEGMENT) >= 0
        && segment.get().compareTo(MAX_SEGMENT) <= 0;
    if (segment.isEmpty()) {
      problems.add(invalidSpec("spec.recording.segmentDuration must be a duration such as 1h, 30m or 90s"
          + " (units d, h, m, s, ms)"));
    } else if (!segmentValid) {
      problems.add(invalidSpec("spec.recording.segmentDuration must be between 1s and 24h (MediaMTX's"
          + " limit)"));
    }
    if (retention.isEmpty()) {
      problems.add(invalidSpec("spec.recording.retention must be a duration such as 72h, 3d or 1d12h"
          + " (units d, h, m, s, ms)"));
    } else if (segmentValid && retention.get().compareTo(segment.get()) < 0) {
      problems.add(invalidSpec("spec.recording.retention must be at least spec.recording.segmentDuration: MediaMTX"
          + " deletes whole segments"));
    }
    RecordingStorageSpec storage = recording.getStorage();
    if (storage == null) {
      problems.add(invalidSpec("spec.recording.storage is required: it sizes the PersistentVolumeClaim the recordings"
          + " are kept on"));
      return;
    }
    String size = storage.getSize();
    if (size == null || size.length() > RecordingStorageSpec.SIZE_MAX_LENGTH || !STORAGE_SIZE.matcher(size).matches()
        || new Quantity(size).getNumericalAmount().signum() <= 0) {
      problems.add(invalidSpec("spec.recording.storage.size must be a positive quantity of bytes such as 50Gi or"
          + " 500G"));
    }
    String storageClass = storage.getStorageClassName();
    if (storageClass != null && (storageClass.length() > 253 || !STORAGE_CLASS.matcher(storageClass).matches())) {
      problems.add(invalidSpec("spec.recording.storage.storageClassName must be a StorageClass name"));
    }
  }

  private static Optional<Duration> duration(String value, String defaultValue) {
    return MediaMtxDuration.parse(value == null ? defaultValue : value);
  }

  private static Optional<SpecProblem> validateNodeSelector(String field, Map<String, String> nodeSelector) {
    if (nodeSelector == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> entry : nodeSelector.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      if (key == null || key.length() > 317 || !LABEL_KEY.matcher(key).matches()) {
        return invalid(field + " has a key that is not a valid label key");
      }
      if (value == null || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        return invalid(field + "[" + key + "] is not a valid label value");
      }
    }
    return Optional.empty();
  }

  /** The CRD's ranges, re-checked: an out-of-range value would only fail later, inside the streamer. */
  private static void validateVideo(String field, VideoSpec video, List<SpecProblem> problems) {
    if (video == null) {
      return;
    }
    range(field + ".width", video.getWidth(), 16, 7680, true).ifPresent(problems::add);
    range(field + ".height", video.getHeight(), 16, 4320, true).ifPresent(problems::add);
    range(field + ".fps", video.getFps(), 1, 120, false).ifPresent(problems::add);
    range(field + ".bitrateKbps", video.getBitrateKbps(), 100, 50_000, false).ifPresent(problems::add);
  }

  private static Optional<SpecProblem> range(String field, Integer value, int min, int max, boolean even) {
    if (value == null) {
      return Optional.empty();
    }
    if (value < min || value > max) {
      return invalid(field + " must be between " + min + " and " + max);
    }
    if (even && value % 2 != 0) {
      return invalid(field + " must be even: H.264 in 4:2:0 (yuv420p) cannot encode odd sizes");
    }
    return Optional.empty();
  }

  private static Optional<SpecProblem> validateImage(String field, String image) {
    if (image == null || image.isEmpty()) {
      return Optional.empty();
    }
    if (image.length() > 512 || !IMAGE.matcher(image).matches()) {
      return invalid(field + " must be a container image reference");
    }
    return Optional.empty();
  }

  private static boolean validKey(String key) {
    return key.isEmpty() || (key.length() <= 253 && SECRET_KEY.matcher(key).matches());
  }

  private static Optional<SpecProblem> invalid(String message) {
    return Optional.of(invalidSpec(message));
  }
}
