package io.camstream.operator.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CameraStreamStatus {
  private Long observedGeneration;

  /** "ready/total", e.g. "2/3": the READY printer column. */
  private String readyCameras;

  private List<Condition> conditions = new ArrayList<>();

  private List<CameraStatus> cameras = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getReadyCameras() {
    return readyCameras;
  }

  public void setReadyCameras(String readyCameras) {
    this.readyCameras = readyCameras;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<CameraStatus> getCameras() {
    return cameras;
  }

  public void setCameras(List<CameraStatus> cameras) {
    this.cameras = cameras;
  }
}
