package io.camstream.operator.health;

/** A condition's computed content, before the status writer adds type, lastTransitionTime and observedGeneration. */
public record ConditionVerdict(String status, String reason, String message) {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  public boolean isTrue() {
    return TRUE.equals(status);
  }
}
