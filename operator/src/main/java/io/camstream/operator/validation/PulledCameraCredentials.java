package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.desired.CameraCredentials;
import io.camstream.operator.desired.StreamerDeploymentBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The username and password of every camera MediaMTX pulls itself that names a Secret: there is no streamer pod to
 * hand the Secret to, so they go into the camera's MediaMTX path ({@code source} URL), inside the config Secret.
 * MediaMTX refuses a source URL with a username but no password or the reverse, and a refused config takes the
 * whole media server down, so exactly that is rejected here. Messages name fields, Secrets and keys, never values.
 */
public final class PulledCameraCredentials {
  private PulledCameraCredentials() {
  }

  /**
   * @param credentials by camera name, of the pulled cameras whose Secret is usable
   * @param problems by camera name, in spec order, of the pulled cameras whose Secret is not
   */
  public record Resolution(Map<String, CameraCredentials> credentials, Map<String, SpecProblem> problems) {
    public Resolution {
      credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
      problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }
  }

  /**
   * Run after {@link CameraSecretsCheck} has found every referenced Secret and key of the pulled cameras.
   *
   * @param lookup reads a Secret of the CameraStream's namespace by name
   */
  public static Resolution resolve(CameraStream cameraStream, Function<String, Optional<Secret>> lookup) {
    Map<String, CameraCredentials> credentials = new LinkedHashMap<>();
    Map<String, SpecProblem> problems = new LinkedHashMap<>();
    List<CameraSpec> cameras = cameraStream.getSpec().getCameras();
    for (int i = 0; i < cameras.size(); i++) {
      CameraSpec camera = cameras.get(i);
      SecretCredentialsRef ref = camera.getSource().getCredentialsSecretRef();
      if (StreamMode.of(camera) != StreamMode.PULL || ref == null) {
        continue;
      }
      String field = "spec.cameras[" + i + "].source.credentialsSecretRef";
      Optional<Secret> secret = lookup.apply(ref.getName());
      String usernameKey = StreamerDeploymentBuilder.keyOrDefault(ref.getUsernameKey(),
          SecretCredentialsRef.DEFAULT_USERNAME_KEY);
      String passwordKey = StreamerDeploymentBuilder.keyOrDefault(ref.getPasswordKey(),
          SecretCredentialsRef.DEFAULT_PASSWORD_KEY);
      Optional<String> username = secret.flatMap(s -> value(s, usernameKey));
      Optional<String> password = secret.flatMap(s -> value(s, passwordKey));
      if (username.isEmpty() || password.isEmpty()) {
        problems.put(camera.getName(), new SpecProblem(SpecProblem.SECRET_KEY_NOT_FOUND, field + ": Secret \""
            + ref.getName() + "\" has no key \"" + (username.isEmpty() ? usernameKey : passwordKey) + "\""));
      } else if (username.get().isEmpty() != password.get().isEmpty()) {
        problems.put(camera.getName(), new SpecProblem(SpecProblem.INVALID_CREDENTIALS, field + ": Secret \""
            + ref.getName() + "\" key \"" + (username.get().isEmpty() ? usernameKey : passwordKey) + "\" is empty;"
            + " MediaMTX pulls a camera with both a username and a password, or with neither"));
      } else {
        credentials.put(camera.getName(), new CameraCredentials(username.get(), password.get()));
      }
    }
    return new Resolution(credentials, problems);
  }

  private static Optional<String> value(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      try {
        return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        return Optional.empty();
      }
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return Optional.of(secret.getStringData().get(key));
    }
    return Optional.empty();
  }
}
