package io.camstream.operator.testing;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * CameraStreams written as JSON/YAML text, bypassing the typed model: what another tool, a newer operator's CRD or
 * an API server that does not check the schema may store, including values this operator version cannot read.
 */
public final class RawCameraStreams {
  public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
      .withGroup(CameraStream.GROUP).withVersion(CameraStream.VERSION).withKind("CameraStream")
      .withPlural("camerastreams").withNamespaced(true).build();

  private RawCameraStreams() {
  }

  /** Stores a CameraStream whose {@code spec} is the given YAML (indented as a block under "spec:"). */
  public static GenericKubernetesResource store(KubernetesClient client, String namespace, String name,
      String specYaml) {
    String yaml = "apiVersion: " + CameraStream.GROUP + "/" + CameraStream.VERSION + "\n"
        + "kind: CameraStream\n"
        + "metadata:\n  name: " + name + "\n  namespace: " + namespace + "\n"
        + "spec:\n" + specYaml.stripIndent().indent(2);
    GenericKubernetesResource resource = client.getKubernetesSerialization()
        .unmarshal(yaml, GenericKubernetesResource.class);
    return client.genericKubernetesResources(CONTEXT).inNamespace(namespace).resource(resource).create();
  }

  public static GenericKubernetesResource get(KubernetesClient client, String namespace, String name) {
    return client.genericKubernetesResources(CONTEXT).inNamespace(namespace).withName(name).get();
  }
}
