package io.camstream.operator.ui;

/** Asks Kubernetes whether a user may {@code get} CameraStreams (a SubjectAccessReview). */
@FunctionalInterface
interface AccessReviewer {
  /**
   * @param name one CameraStream, or null for every CameraStream of the namespace
   * @throws RuntimeException when the API server gives no answer
   */
  boolean mayGet(Viewer viewer, String namespace, String name);
}
