package io.camstream.operator.testing.apiserver;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * RBAC objects that let people see CameraStreams, as a cluster admin writes them: a {@code camera-viewer}
 * ClusterRole, bound per namespace or cluster-wide, and Roles limited to named CameraStreams.
 */
public final class CameraViewerRbac {
  public static final String CLUSTER_ROLE = "camera-viewer";
  private static final String RBAC = "rbac.authorization.k8s.io";

  private final KubernetesClient client;

  private CameraViewerRbac(KubernetesClient client) {
    this.client = client;
  }

  /** Writes the {@code camera-viewer} ClusterRole (get, list, watch camerastreams). */
  public static CameraViewerRbac install(KubernetesClient client) {
    client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(CLUSTER_ROLE)
        .endMetadata().addNewRule().withApiGroups("camstream.io").withResources("camerastreams")
        .withVerbs("get", "list", "watch").endRule().build()).create();
    return new CameraViewerRbac(client);
  }

  /** Lets a subject ({@code User} or {@code Group}) see every CameraStream of {@code namespace}. */
  public CameraViewerRbac viewNamespace(String namespace, String subjectKind, String subject) {
    client.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata()
        .withName(subject + "-views").withNamespace(namespace).endMetadata()
        .withNewRoleRef(RBAC, "ClusterRole", CLUSTER_ROLE)
        .addNewSubject().withKind(subjectKind).withName(subject).endSubject().build()).create();
    return this;
  }

  /** Lets a subject see only the named CameraStreams of {@code namespace}, through a Role with resourceNames. */
  public CameraViewerRbac viewOnly(String namespace, String subjectKind, String subject, String... names) {
    String role = subject + "-only";
    client.rbac().roles().inNamespace(namespace).resource(new RoleBuilder().withNewMetadata().withName(role)
        .withNamespace(namespace).endMetadata().addNewRule().withApiGroups("camstream.io")
        .withResources("camerastreams").withResourceNames(names).withVerbs("get").endRule().build()).create();
    client.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder().withNewMetadata()
        .withName(role).withNamespace(namespace).endMetadata().withNewRoleRef(RBAC, "Role", role)
        .addNewSubject().withKind(subjectKind).withName(subject).endSubject().build()).create();
    return this;
  }

  /** Lets a subject see every CameraStream of the cluster. */
  public CameraViewerRbac viewEverywhere(String subjectKind, String subject) {
    client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName(subject + "-views").endMetadata().withNewRoleRef(RBAC, "ClusterRole", CLUSTER_ROLE)
        .addNewSubject().withKind(subjectKind).withName(subject).endSubject().build()).create();
    return this;
  }
}
