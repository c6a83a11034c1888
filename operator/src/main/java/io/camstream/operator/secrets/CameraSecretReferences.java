package io.camstream.operator.secrets;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.webrtc.IceServers;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which Secrets a CameraStream references, as index keys {@code <namespace>/<name>}: its cameras' and its TURN
 * servers' ({@code spec.mediamtx.iceServers}), which follow the same opt-in label and are watched alike.
 */
public final class CameraSecretReferences {
  private CameraSecretReferences() {
  }

  public static List<String> of(CameraStream cameraStream) {
    return names(cameraStream).stream().map(name -> key(cameraStream.getMetadata().getNamespace(), name)).toList();
  }

  /** The names of the Secrets referenced, cameras' first, in spec order, without duplicates; any spec is read. */
  public static List<String> names(CameraStream cameraStream) {
    if (cameraStream.getSpec() == null || cameraStream.getSpec().getCameras() == null) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      SecretCredentialsRef ref = camera == null || camera.getSource() == null ? null
          : camera.getSource().getCredentialsSecretRef();
      if (ref != null && ref.getName() != null) {
        names.add(ref.getName());
      }
    }
    names.addAll(IceServers.secretNames(cameraStream));
    return List.copyOf(names);
  }

  public static String key(Secret secret) {
    return key(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
