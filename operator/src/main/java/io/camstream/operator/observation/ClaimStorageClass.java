package io.camstream.operator.observation;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.Optional;

/**
 * The StorageClass the recordings' claim names, read when a reconcile needs it: whether the claim may grow
 * ({@code allowVolumeExpansion}), and, while it is Pending, whether it binds on its own, when MediaMTX first mounts it
 * ({@code volumeBindingMode: WaitForFirstConsumer}), or never (the class does not exist).
 *
 * @param storageClass the class; empty when it does not exist or was not read
 * @param unreadable why it was not read (the operator may not read StorageClasses); empty when it was
 */
public record ClaimStorageClass(String name, Optional<StorageClass> storageClass, Optional<String> unreadable) {
  public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

  public static ClaimStorageClass found(StorageClass storageClass) {
    return new ClaimStorageClass(storageClass.getMetadata().getName(), Optional.of(storageClass), Optional.empty());
  }

  public static ClaimStorageClass notFound(String name) {
    return new ClaimStorageClass(name, Optional.empty(), Optional.empty());
  }

  /** @param why e.g. "CAMSTREAM_READ_STORAGE_CLASSES is false" */
  public static ClaimStorageClass unreadable(String name, String why) {
    return new ClaimStorageClass(name, Optional.empty(), Optional.of(why));
  }

  public boolean isReadable() {
    return unreadable.isEmpty();
  }

  /** Read, and there is no StorageClass of that name. */
  public boolean isMissing() {
    return isReadable() && storageClass.isEmpty();
  }

  /** Its {@code allowVolumeExpansion} is true (unset is false). */
  public boolean allowsExpansion() {
    return storageClass.map(c -> Boolean.TRUE.equals(c.getAllowVolumeExpansion())).orElse(false);
  }

  /** A claim of this class binds when the first pod that mounts it is scheduled, not on its own. */
  public boolean bindsOnFirstUse() {
    return storageClass.map(c -> WAIT_FOR_FIRST_CONSUMER.equals(c.getVolumeBindingMode())).orElse(false);
  }
}
