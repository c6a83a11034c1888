package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Kubernetes Service type of the MediaMTX Service. */
public enum ServiceType {
  @JsonProperty("ClusterIP")
  CLUSTER_IP("ClusterIP"),
  @JsonProperty("NodePort")
  NODE_PORT("NodePort"),
  @JsonProperty("LoadBalancer")
  LOAD_BALANCER("LoadBalancer");

  private final String value;

  ServiceType(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
