package io.camstream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** What the operator's client keeps of what it reads. */
class OperatorClientTest {
  private static final String DEPLOYMENT = """
      {"apiVersion":"apps/v1","kind":"Deployment",
       "metadata":{"name":"%s","namespace":"cameras","labels":{"app.kubernetes.io/name":"camstream"},
         "managedFields":[{"manager":"camstream-operator","operation":"Update","apiVersion":"apps/v1",
           "time":"2026-12-07T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{}}}}]},
       "spec":{"template":{"spec":{"containers":[{"name":"streamer","image":"ghcr.io/camstream/camstream-streamer:0.1.0",
         "env":[{"name":"CAMSTREAM_MODE","value":"auto"}]}]}}}}
      """;

  @Test
  void managedFieldsAreNeverReadAndRepeatedValuesAreKeptOnce() {
    KubernetesSerialization serialization = OperatorClient.serialization();
    Deployment one = serialization.unmarshal(DEPLOYMENT.formatted("site-lobby"), Deployment.class);
    Deployment two = serialization.unmarshal(DEPLOYMENT.formatted("site-gate"), Deployment.class);

    assertThat(one.getMetadata().getManagedFields()).isEmpty();
    assertThat(serialization.asJson(one)).doesNotContain("managedFields").contains("\"name\":\"site-lobby\"");
    var a = one.getSpec().getTemplate().getSpec().getContainers().get(0);
    var b = two.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(a.getImage()).isSameAs(b.getImage());
    assertThat(a.getEnv().get(0).getValue()).isSameAs(b.getEnv().get(0).getValue());
    assertThat(one.getMetadata().getLabels().get("app.kubernetes.io/name"))
        .isSameAs(two.getMetadata().getLabels().get("app.kubernetes.io/name"));
    assertThat(one.getMetadata().getName()).isEqualTo("site-lobby");
    assertThat(new KubernetesSerialization().unmarshal(DEPLOYMENT.formatted("x"), Deployment.class).getMetadata()
        .getManagedFields()).as("what Fabric8 reads by default").hasSize(1);
  }
}
