package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The PersistentVolumeClaim {@code <name>-recordings} that holds the recordings. */
public class RecordingStorageSpec {
  /**
   * A storage quantity in bytes: a number with an optional binary (Ki, Mi, Gi, Ti, Pi, Ei) or decimal (k, M, G, T,
   * P, E) suffix, e.g. {@code 50Gi} or {@code 500G}.
   */
  public static final String SIZE_PATTERN = "^([0-9]{1,15}([.][0-9]{1,9})?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
  public static final int SIZE_MAX_LENGTH = 32;
  /** A StorageClass name (DNS-1123 subdomain). */
  public static final String STORAGE_CLASS_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

  /** Requested capacity; may grow later (where the StorageClass allows expansion), never shrink. */
  @Required
  @Pattern(SIZE_PATTERN)
  @Size(min = 1, max = SIZE_MAX_LENGTH)
  private String size;

  /** The StorageClass; the cluster's default class when unset. Fixed once the claim exists. */
  @Pattern(STORAGE_CLASS_PATTERN)
  @Size(min = 1, max = 253)
  private String storageClassName;

  /** Retain: the claim outlives the CameraStream. Delete: it is deleted with the CameraStream. */
  @Default("Retain")
  private ReclaimPolicy reclaimPolicy = ReclaimPolicy.RETAIN;

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public ReclaimPolicy getReclaimPolicy() {
    return reclaimPolicy;
  }

  public void setReclaimPolicy(ReclaimPolicy reclaimPolicy) {
    this.reclaimPolicy = reclaimPolicy;
  }
}
