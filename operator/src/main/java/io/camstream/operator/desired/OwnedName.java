package io.camstream.operator.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The kind and name of an object camstream creates for a CameraStream, known before the object is built. */
public record OwnedName(Class<? extends HasMetadata> type, String name) {

  public String kind() {
    return HasMetadata.getKind(type);
  }

  public boolean isNameOf(HasMetadata object) {
    return type.isInstance(object) && name.equals(object.getMetadata().getName());
  }
}
