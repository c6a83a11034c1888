package io.camstream.operator.events;

/** What one Kubernetes Event says: its type (Normal or Warning), CamelCase reason and human message. */
public record EventContent(String type, String reason, String message) {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  public static EventContent normal(String reason, String message) {
    return new EventContent(NORMAL, reason, message);
  }

  public static EventContent warning(String reason, String message) {
    return new EventContent(WARNING, reason, message);
  }
}
