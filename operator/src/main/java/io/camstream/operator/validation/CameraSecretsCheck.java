package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.desired.CameraCredentials;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.StreamerDeploymentBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every camera Secret a streamer reads must be opted in (labelled {@code camstream.io/camera-credentials=true}),
 * exist and hold the referenced keys, or the pod would sit in CreateContainerConfigError. The label is the Secret
 * owner's consent: without it, anyone allowed to create a CameraStream could have a streamer read any Secret of the
 * namespace. Checked per camera before anything is written; messages name fields, keys and the fix, never values.
 */
public final class CameraSecretsCheck {
  private CameraSecretsCheck() {
  }

  /**
   * @param labelled a labelled Secret of the CameraStream's namespace by name, from the informer cache
   * @param anySecret a Secret of that namespace by name whatever its labels, read only for Secrets missing from the
   *     cache, to tell an unlabelled Secret from a missing one
   */
  public static CameraSecrets check(CameraStream cameraStream, Function<String, Optional<Secret>> labelled,
      Function<String, Optional<Secret>> anySecret) {
    Map<String, CameraCredentials> credentials = new LinkedHashMap<>();
    Map<String, SpecProblem> problems = new LinkedHashMap<>();
    Map<String, Optional<Secret>> labelledRead = new HashMap<>();
    Map<String, Optional<Secret>> anyRead = new HashMap<>();
    List<CameraSpec> cameras = cameraStream.getSpec().getCameras();
    String namespace = cameraStream.getMetadata().getNamespace();
    for (int i = 0; i < cameras.size(); i++) {
      CameraSpec camera = cameras.get(i);
      SecretCredentialsRef ref = camera.getSource().getCredentialsSecretRef();
      if (ref == null) {
        continue;
      }
      String field = "spec.cameras[" + i + "].source.credentialsSecretRef";
      String held = "; camera " + camera.getName() + " is held: its streamer is not created or changed until then";
      Optional<Secret> secret = labelledRead.computeIfAbsent(ref.getName(), labelled);
      if (secret.isEmpty()) {
        boolean exists = anyRead.computeIfAbsent(ref.getName(), anySecret).isPresent();
        problems.put(camera.getName(), exists
            ? new SpecProblem(SpecProblem.SECRET_NOT_LABELLED, field + ".name: Secret \"" + ref.getName()
                + "\" is not opted in to camstream; run: kubectl label secret " + ref.getName() + " -n " + namespace
                + " " + Labels.CAMERA_CREDENTIALS + "=true" + held)
            : new SpecProblem(SpecProblem.SECRET_NOT_FOUND, field + ".name: Secret \"" + ref.getName()
                + "\" not found in namespace " + namespace + held));
        continue;
      }
      Map<String, String> data = MediaMtxCredentials.decode(secret.get());
      String usernameKey = StreamerDeploymentBuilder.keyOrDefault(ref.getUsernameKey(),
          SecretCredentialsRef.DEFAULT_USERNAME_KEY);
      String passwordKey = StreamerDeploymentBuilder.keyOrDefault(ref.getPasswordKey(),
          SecretCredentialsRef.DEFAULT_PASSWORD_KEY);
      if (!data.containsKey(usernameKey)) {
        problems.put(camera.getName(), missingKey(field + ".usernameKey", ref.getName(), usernameKey, held));
      } else if (!data.containsKey(passwordKey)) {
        problems.put(camera.getName(), missingKey(field + ".passwordKey", ref.getName(), passwordKey, held));
      } else {
        credentials.put(camera.getName(), new CameraCredentials(data.get(usernameKey), data.get(passwordKey)));
      }
    }
    return new CameraSecrets(credentials, problems);
  }

  private static SpecProblem missingKey(String field, String secret, String key, String held) {
    return new SpecProblem(SpecProblem.SECRET_KEY_NOT_FOUND,
        field + ": Secret \"" + secret + "\" has no key \"" + key + "\"" + held);
  }
}
