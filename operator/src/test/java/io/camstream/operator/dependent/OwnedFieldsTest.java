package io.camstream.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class OwnedFieldsTest {

  @Test
  void aDeploymentTakesCamstreamsSpecAndKeepsOthersMetadata() {
    Deployment stored = new DeploymentBuilder()
        .withNewMetadata().withName("d").withResourceVersion("42")
          .addToLabels("app.kubernetes.io/name", "camstream").addToLabels("team", "video")
          .addToAnnotations("camstream.io/desired-hash", "old").addToAnnotations("camstream.io/retired", "x")
          .addToAnnotations("deployment.kubernetes.io/revision", "3")
          .addToFinalizers("example.com/keep").endMetadata()
        .withNewSpec().withReplicas(1).withRevisionHistoryLimit(10).withProgressDeadlineSeconds(600)
          .withNewTemplate().withNewMetadata().addToLabels("app", "d")
            .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z").endMetadata()
            .withNewSpec().addNewContainer().withName("c").withImage("old").addNewEnv().withName("REMOVED")
              .withValue("1").endEnv().endContainer().endSpec()
          .endTemplate().endSpec()
        .withNewStatus().withReadyReplicas(1).endStatus()
        .build();
    Deployment desired = new DeploymentBuilder()
        .withNewMetadata().withName("d").addToLabels("app.kubernetes.io/name", "camstream")
          .addToAnnotations("camstream.io/desired-hash", "new").endMetadata()
        .withNewSpec().withReplicas(1)
          .withNewTemplate().withNewMetadata().addToLabels("app", "d").addToAnnotations("prometheus.io/port", "8080")
            .endMetadata()
            .withNewSpec().addNewContainer().withName("c").withImage("new").endContainer().endSpec()
          .endTemplate().endSpec()
        .build();

    Deployment written = OwnedFields.keepingOthers(stored, desired);

    assertThat(written.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(written.getMetadata().getFinalizers()).containsExactly("example.com/keep");
    assertThat(written.getMetadata().getLabels()).containsEntry("team", "video");
    assertThat(written.getMetadata().getAnnotations())
        .containsEntry("camstream.io/desired-hash", "new")
        .containsEntry("deployment.kubernetes.io/revision", "3")
        .doesNotContainKey("camstream.io/retired");
    assertThat(written.getSpec().getRevisionHistoryLimit()).as("left to the server's default").isNull();
    assertThat(written.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("new");
    assertThat(written.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).isNullOrEmpty();
    assertThat(written.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-01-01T00:00:00Z")
        .containsEntry("prometheus.io/port", "8080");
    assertThat(written.getStatus().getReadyReplicas()).isEqualTo(1);
  }

  @Test
  void aServiceKeepsWhatTheServerAllocated() {
    Service stored = new ServiceBuilder()
        .withNewMetadata().withName("s").withResourceVersion("7").endMetadata()
        .withNewSpec().withType("NodePort").withClusterIP("10.96.0.12").withClusterIPs("10.96.0.12")
          .withIpFamilies("IPv4").withIpFamilyPolicy("SingleStack").withSessionAffinity("None")
          .addNewPort().withName("rtsp").withPort(8554).withNodePort(30001).endPort()
          .addNewPort().withName("hls").withPort(8888).withNodePort(30002).endPort()
        .endSpec().build();
    Service desired = new ServiceBuilder()
        .withNewMetadata().withName("s").endMetadata()
        .withNewSpec().withType("LoadBalancer")
          .addNewPort().withName("hls").withPort(8888).withTargetPort(new IntOrString("hls")).endPort()
          .addNewPort().withName("rtsp").withPort(8554).endPort()
          .addNewPort().withName("webrtc").withPort(8889).endPort()
        .endSpec().build();

    Service written = OwnedFields.keepingOthers(stored, desired);

    assertThat(written.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(written.getSpec().getClusterIP()).isEqualTo("10.96.0.12");
    assertThat(written.getSpec().getClusterIPs()).containsExactly("10.96.0.12");
    assertThat(written.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
    assertThat(written.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getNodePort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("hls", 30002),
            org.assertj.core.groups.Tuple.tuple("rtsp", 30001), org.assertj.core.groups.Tuple.tuple("webrtc", null));
  }

  @Test
  void aSecretTakesCamstreamsDataWhole() {
    Secret stored = new SecretBuilder().withNewMetadata().withName("c").endMetadata().withType("Opaque")
        .addToData("publisher-password", "b2xk").addToData("reader-password", "cmVhZA==").build();
    Secret desired = new SecretBuilder().withNewMetadata().withName("c").endMetadata()
        .addToData("publisher-password", "b2xk").build();
    Secret written = OwnedFields.keepingOthers(stored, desired);
    assertThat(written.getData()).containsOnlyKeys("publisher-password");
    assertThat(written.getType()).isEqualTo("Opaque");
  }
}
