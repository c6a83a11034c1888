package io.camstream.operator.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access reviews are answered as Kubernetes' RBAC authorizer answers them, from the stored Roles and bindings. */
class AccessReviewsTest {
  private static FakeApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = FakeApiServer.started();
    client = server.createClient(new JdkHttpClientFactory());
    CameraViewerRbac.install(client)
        .viewNamespace("lobby", "User", "alice")
        .viewOnly("yard", "Group", "guards", "gate")
        .viewEverywhere("Group", "admins");
  }

  @AfterAll
  static void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void aRoleBindingGrantsInItsNamespaceOnly() {
    LocalSubjectAccessReview allowed = local("alice", List.of(), "lobby", "site");
    assertThat(allowed.getStatus().getAllowed()).isTrue();
    assertThat(allowed.getStatus().getReason()).isEqualTo("RBAC: allowed by RoleBinding \"alice-views/lobby\" of "
        + "ClusterRole \"camera-viewer\" to User \"alice\"");
    assertThat(local("alice", List.of(), "lobby", null).getStatus().getAllowed()).as("the whole namespace").isTrue();
    assertThat(local("alice", List.of(), "yard", "gate").getStatus().getAllowed()).isFalse();
    assertThat(local("bob", List.of(), "lobby", "site").getStatus().getAllowed()).isFalse();
    assertThat(cluster("alice", List.of(), "", null).getStatus().getAllowed()).as("not cluster-wide").isFalse();
  }

  @Test
  void resourceNamesGrantThoseObjectsAndNeverTheCollection() {
    assertThat(local("bob", List.of("guards"), "yard", "gate").getStatus().getAllowed()).isTrue();
    assertThat(local("bob", List.of("guards"), "yard", "dock").getStatus().getAllowed()).isFalse();
    assertThat(local("bob", List.of("guards"), "yard", null).getStatus().getAllowed()).isFalse();
  }

  @Test
  void aClusterRoleBindingGrantsEverywhere() {
    assertThat(local("carol", List.of("admins"), "yard", "dock").getStatus().getAllowed()).isTrue();
    SubjectAccessReview everywhere = cluster("carol", List.of("admins"), "", null);
    assertThat(everywhere.getStatus().getAllowed()).isTrue();
    assertThat(everywhere.getStatus().getReason()).contains("ClusterRoleBinding \"admins-views\"")
        .contains("Group \"admins\"");
  }

  @Test
  void aLocalReviewMustAskAboutItsOwnNamespaceAndName() {
    LocalSubjectAccessReview elsewhere = new LocalSubjectAccessReviewBuilder().withNewMetadata()
        .withNamespace("lobby").endMetadata().withNewSpec().withUser("alice").withNewResourceAttributes()
        .withGroup("camstream.io").withResource("camerastreams").withVerb("get").withNamespace("yard")
        .endResourceAttributes().endSpec().build();
    assertThatThrownBy(() -> client.authorization().v1().localSubjectAccessReview().inNamespace("lobby")
        .create(elsewhere)).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("must match metadata.namespace");
    LocalSubjectAccessReview nobody = new LocalSubjectAccessReviewBuilder().withNewMetadata()
        .withNamespace("lobby").endMetadata().withNewSpec().withNewResourceAttributes().withVerb("get")
        .withNamespace("lobby").endResourceAttributes().endSpec().build();
    assertThatThrownBy(() -> client.authorization().v1().localSubjectAccessReview().inNamespace("lobby")
        .create(nobody)).hasMessageContaining("at least one of user or group must be specified");
  }

  private static LocalSubjectAccessReview local(String user, List<String> groups, String namespace, String name) {
    return client.authorization().v1().localSubjectAccessReview().inNamespace(namespace).create(
        new LocalSubjectAccessReviewBuilder().withNewMetadata().withNamespace(namespace).endMetadata()
            .withNewSpec().withUser(user).withGroups(groups).withNewResourceAttributes().withGroup("camstream.io")
            .withResource("camerastreams").withVerb("get").withNamespace(namespace).withName(name)
            .endResourceAttributes().endSpec().build());
  }

  private static SubjectAccessReview cluster(String user, List<String> groups, String namespace, String name) {
    return client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec().withUser(user).withGroups(groups).withNewResourceAttributes().withGroup("camstream.io")
        .withResource("camerastreams").withVerb("get").withNamespace(namespace).withName(name)
        .endResourceAttributes().endSpec().build());
  }
}
