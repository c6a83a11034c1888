package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to the recordings' PersistentVolumeClaim when its CameraStream is deleted. */
public enum ReclaimPolicy {
  /** The claim carries camstream's labels but no owner reference: garbage collection never deletes it. */
  @JsonProperty("Retain")
  RETAIN,
  /** The claim is owned by the CameraStream and garbage-collected with it. */
  @JsonProperty("Delete")
  DELETE
}
