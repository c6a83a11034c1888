package io.camstream.operator.access;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the API server whether the operator's own ServiceAccount may do something, as {@code kubectl auth can-i}
 * does: one {@code SelfSubjectAccessReview} per question, which every authenticated user may create. An API server
 * that cannot answer is taken as allowing it: the informer then tries, as it would without the question.
 */
public final class SelfSubjectAccessReviews implements Predicate<Permission> {
  private static final Logger log = LoggerFactory.getLogger(SelfSubjectAccessReviews.class);

  private final KubernetesClient client;

  public SelfSubjectAccessReviews(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public boolean test(Permission permission) {
    SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
        .withNewResourceAttributes()
          .withVerb(permission.verb())
          .withGroup(permission.group())
          .withResource(permission.resource())
          .withNamespace(permission.namespace())
        .endResourceAttributes()
        .endSpec().build();
    try {
      SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
      return answer.getStatus() == null || !Boolean.FALSE.equals(answer.getStatus().getAllowed());
    } catch (KubernetesClientException e) {
      log.debug("could not ask whether the operator may {}: {}", permission.describe(), e.getMessage());
      return true;
    }
  }
}
