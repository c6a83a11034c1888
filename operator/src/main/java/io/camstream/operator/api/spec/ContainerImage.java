package io.camstream.operator.api.spec;

/** What the API accepts as a container image reference ({@code registry/repo:tag@sha256:digest}). */
public final class ContainerImage {
  /** Image reference characters only: no whitespace, quotes or shell/YAML metacharacters reach a pod spec. */
  public static final String PATTERN = "^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$";
  public static final int MAX_LENGTH = 512;

  private ContainerImage() {
  }
}
