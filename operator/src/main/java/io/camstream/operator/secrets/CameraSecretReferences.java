package io.camstream.operator.secrets;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which Secrets a CameraStream's cameras reference, as index keys {@code <namespace>/<name>}. */
public final class CameraSecretReferences {
  private CameraSecretReferences() {
  }

  public static List<String> of(CameraStream cameraStream) {
    Set<String> keys = new LinkedHashSet<>();
    if (cameraStream.getSpec() == null || cameraStream.getSpec().getCameras() == null) {
      return List.of();
    }
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      SecretCredentialsRef ref = camera == null || camera.getSource() == null ? null
          : camera.getSource().getCredentialsSecretRef();
      if (ref != null && ref.getName() != null) {
        keys.add(key(cameraStream.getMetadata().getNamespace(), ref.getName()));
      }
    }
    return List.copyOf(keys);
  }

  public static String key(Secret secret) {
    return key(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
