package io.camstream.operator.ui;

import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code LocalSubjectAccessReview} per question: namespaced, so the operator needs only
 * {@code create localsubjectaccessreviews} in the namespaces it watches (a namespaced install can grant that too).
 * The proxy authenticated the user, so the review carries {@code system:authenticated} besides the proxy's groups,
 * as Kubernetes adds it to every authenticated request.
 */
final class KubernetesAccessReviewer implements AccessReviewer {
  static final String AUTHENTICATED = "system:authenticated";

  private final KubernetesClient client;

  KubernetesAccessReviewer(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public boolean mayGet(Viewer viewer, String namespace, String name) {
    LocalSubjectAccessReview review = new LocalSubjectAccessReviewBuilder()
        .withNewMetadata().withNamespace(namespace).endMetadata()
        .withNewSpec()
          .withUser(viewer.user())
          .withGroups(groups(viewer))
          .withNewResourceAttributes()
            .withGroup("camstream.io")
            .withResource("camerastreams")
            .withVerb("get")
            .withNamespace(namespace)
            .withName(name)
          .endResourceAttributes()
        .endSpec()
        .build();
    LocalSubjectAccessReview answer = client.authorization().v1().localSubjectAccessReview().inNamespace(namespace)
        .create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  static List<String> groups(Viewer viewer) {
    List<String> groups = new ArrayList<>(viewer.groups());
    if (!groups.contains(AUTHENTICATED)) {
      groups.add(AUTHENTICATED);
    }
    return groups;
  }
}
