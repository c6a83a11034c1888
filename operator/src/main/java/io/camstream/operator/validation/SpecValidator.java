package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.SourceSpec;
import io.camstream.operator.desired.ResourceNames;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the CRD schema cannot express (object names derived from the resource's own name, reserved
 * camera names) and re-checks what it can, because an API server without the schema (or an old CRD) must
 * still never make the operator build a broken object. Returns the first problem, naming the field.
 */
public final class SpecValidator {
  /** Services need a DNS-1035 label: {@code <name>-mediamtx} must fit in 63 characters. */
  public static final int MAX_NAME_LENGTH = 63 - ResourceNames.MEDIAMTX_SUFFIX.length();
  private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern CAMERA_NAME = Pattern.compile(CameraSpec.NAME_PATTERN);
  private static final Pattern SOURCE_URL = Pattern.compile(SourceSpec.URL_PATTERN);
  private static final Pattern INLINE_CREDENTIALS = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*@");
  private static final Pattern SECRET_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
  private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
  /** Host names or IP literals (v4 or v6): MediaMTX adds them verbatim to its ICE candidates. */
  private static final Pattern HOST = Pattern.compile("^[a-zA-Z0-9]([-a-zA-Z0-9.:]*[a-zA-Z0-9])?$");
  private static final Pattern IMAGE = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$");
  private static final Pattern LABEL_KEY =
      Pattern.compile("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?$");

  private SpecValidator() {
  }

  public static Optional<SpecProblem> validate(CameraStream cameraStream) {
    String name = cameraStream.getMetadata().getName();
    if (name == null || name.length() > MAX_NAME_LENGTH || !DNS_1035_LABEL.matcher(name).matches()) {
      return invalid("metadata.name must be a DNS-1035 label of at most " + MAX_NAME_LENGTH
          + " characters (lowercase letters, digits and '-', starting with a letter), because it names"
          + " the Service <name>" + ResourceNames.MEDIAMTX_SUFFIX);
    }
    CameraStreamSpec spec = cameraStream.getSpec();
    if (spec == null) {
      return invalid("spec is required");
    }
    Optional<SpecProblem> problem = validateCameras(spec.getCameras());
    if (problem.isPresent()) {
      return problem;
    }
    if (spec.getMediamtx() != null) {
      var mediamtx = spec.getMediamtx();
      problem = validateImage("spec.mediamtx.image", mediamtx.getImage());
      if (problem.isPresent()) {
        return problem;
      }
      List<String> hosts = mediamtx.getWebrtcAdditionalHosts();
      if (hosts != null) {
        if (hosts.size() > 16) {
          return invalid("spec.mediamtx.webrtcAdditionalHosts: at most 16 hosts");
        }
        for (int i = 0; i < hosts.size(); i++) {
          String host = hosts.get(i);
          if (host == null || host.length() > 253 || !HOST.matcher(host).matches()) {
            return invalid("spec.mediamtx.webrtcAdditionalHosts[" + i + "] must be a host name or IP address");
          }
        }
      }
    }
    if (spec.getStreamer() != null) {
      return validateImage("spec.streamer.image", spec.getStreamer().getImage());
    }
    return Optional.empty();
  }

  private static Optional<SpecProblem> validateCameras(List<CameraSpec> cameras) {
    if (cameras == null || cameras.isEmpty()) {
      return invalid("spec.cameras must list at least one camera");
    }
    if (cameras.size() > CameraStreamSpec.MAX_CAMERAS) {
      return invalid("spec.cameras: at most " + CameraStreamSpec.MAX_CAMERAS + " cameras");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cameras.size(); i++) {
      String field = "spec.cameras[" + i + "]";
      CameraSpec camera = cameras.get(i);
      if (camera == null) {
        return invalid(field + " must not be null");
      }
      String cameraName = camera.getName();
      if (cameraName == null || cameraName.length() > CameraSpec.NAME_MAX_LENGTH
          || !CAMERA_NAME.matcher(cameraName).matches()) {
        return invalid(field + ".name must be a DNS-1123 label of at most " + CameraSpec.NAME_MAX_LENGTH
            + " characters");
      }
      if (ResourceNames.RESERVED_CAMERA_NAME.equals(cameraName)) {
        return invalid(field + ".name \"" + cameraName + "\" is reserved: its streamer would collide with the"
            + " media server Deployment");
      }
      if (!seen.add(cameraName)) {
        return invalid(field + ".name \"" + cameraName + "\" is used by more than one camera");
      }
      Optional<SpecProblem> problem = validateSource(field + ".source", camera.getSource());
      if (problem.isPresent()) {
        return problem;
      }
      problem = validateNodeSelector(field + ".nodeSelector", camera.getNodeSelector());
      if (problem.isPresent()) {
        return problem;
      }
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
          + " absolute device or file path, or testpattern[:WxH[@FPS]]");
    }
    SecretCredentialsRef ref = source.getCredentialsSecretRef();
    if (ref != null) {
      if (INLINE_CREDENTIALS.matcher(url).find()) {
        return invalid(field + ": give camera credentials either in the URL or by credentialsSecretRef, not both");
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
    }
    return Optional.empty();
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
    return Optional.of(SpecProblem.invalidSpec(message));
  }
}
