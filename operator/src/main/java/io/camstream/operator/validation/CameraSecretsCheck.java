package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.desired.StreamerDeploymentBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every camera Secret the streamers will read must exist and hold the referenced keys, or the pod would sit
 * in CreateContainerConfigError. Checked before anything is written; messages name fields and keys only.
 */
public final class CameraSecretsCheck {
  private CameraSecretsCheck() {
  }

  /** @param lookup reads a Secret of the CameraStream's namespace by name, empty when it does not exist */
  public static Optional<SpecProblem> check(CameraStream cameraStream, Function<String, Optional<Secret>> lookup) {
    return check(cameraStream, camera -> true, lookup);
  }

  /**
   * @param cameras which cameras to check: the reconciler checks only those whose streamer is about to be created
   *     or changed, so a steady state costs no API request
   */
  public static Optional<SpecProblem> check(CameraStream cameraStream, Predicate<String> cameras,
      Function<String, Optional<Secret>> lookup) {
    Map<String, Optional<Secret>> read = new HashMap<>();
    List<CameraSpec> specCameras = cameraStream.getSpec().getCameras();
    String namespace = cameraStream.getMetadata().getNamespace();
    for (int i = 0; i < specCameras.size(); i++) {
      SecretCredentialsRef ref = specCameras.get(i).getSource().getCredentialsSecretRef();
      if (ref == null || !cameras.test(specCameras.get(i).getName())) {
        continue;
      }
      String field = "spec.cameras[" + i + "].source.credentialsSecretRef";
      Optional<Secret> secret = read.computeIfAbsent(ref.getName(), lookup);
      if (secret.isEmpty()) {
        return Optional.of(new SpecProblem(SpecProblem.SECRET_NOT_FOUND,
            field + ".name: Secret \"" + ref.getName() + "\" not found in namespace " + namespace));
      }
      String usernameKey = StreamerDeploymentBuilder.keyOrDefault(ref.getUsernameKey(),
          SecretCredentialsRef.DEFAULT_USERNAME_KEY);
      String passwordKey = StreamerDeploymentBuilder.keyOrDefault(ref.getPasswordKey(),
          SecretCredentialsRef.DEFAULT_PASSWORD_KEY);
      if (!hasKey(secret.get(), usernameKey)) {
        return Optional.of(missingKey(field + ".usernameKey", ref.getName(), usernameKey));
      }
      if (!hasKey(secret.get(), passwordKey)) {
        return Optional.of(missingKey(field + ".passwordKey", ref.getName(), passwordKey));
      }
    }
    return Optional.empty();
  }

  private static SpecProblem missingKey(String field, String secret, String key) {
    return new SpecProblem(SpecProblem.SECRET_KEY_NOT_FOUND,
        field + ": Secret \"" + secret + "\" has no key \"" + key + "\"");
  }

  private static boolean hasKey(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }
}
