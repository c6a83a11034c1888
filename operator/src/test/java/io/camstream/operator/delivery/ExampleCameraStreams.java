package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.validation.PulledCameraCredentials;
import io.camstream.operator.webrtc.IceServers;
import io.camstream.operator.webrtc.ObservedNetwork;
import io.camstream.operator.webrtc.WebRtcSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every CameraStream a user is shown (k8s/examples, the dev overlay's demo), as the API server would store it,
 * with the Secrets the examples ship; {@link #desired} builds one through the operator's own resolution of camera
 * and TURN Secrets and its desired-state builders, as a reconcile would.
 */
public record ExampleCameraStreams(Map<String, CameraStream> cameraStreams, Map<String, Secret> secrets) {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  public ExampleCameraStreams {
    cameraStreams = Collections.unmodifiableMap(new LinkedHashMap<>(cameraStreams));
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
  }

  public static ExampleCameraStreams load() {
    try {
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ExampleCameraStreams read() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    for (String file : ManifestValidationTest.userFacingYamlFiles()) {
      if (file.startsWith("k8s/examples/")) {
        docs.addAll(RepoFiles.yamlDocuments(RepoFiles.read(file)));
      }
    }
    docs.addAll(RenderedManifests.objects("k8s/overlays/dev"));
    Map<String, CameraStream> cameraStreams = new LinkedHashMap<>();
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (JsonNode doc : docs) {
      if ("Secret".equals(doc.path("kind").asText())) {
        Secret secret = SERIALIZATION.convertValue(doc, Secret.class);
        secrets.put(secret.getMetadata().getName(), secret);
      } else if ("CameraStream".equals(doc.path("kind").asText())) {
        CameraStream cameraStream = SERIALIZATION.convertValue(doc, CameraStream.class);
        // What the API server adds on create.
        cameraStream.getMetadata().setNamespace(doc.at("/metadata/namespace").asText("cameras"));
        cameraStream.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
        cameraStream.getMetadata().setGeneration(1L);
        cameraStreams.put(cameraStream.getMetadata().getName(), cameraStream);
      }
    }
    return new ExampleCameraStreams(cameraStreams, secrets);
  }

  /**
   * What the operator builds for the CameraStream, with pulled cameras' and TURN servers' credentials read from the
   * examples' own Secrets as the reconciler reads them (which must find no problem).
   */
  public DesiredState desired(CameraStream cameraStream) {
    PulledCameraCredentials.Resolution pulled = PulledCameraCredentials.resolve(cameraStream,
        name -> Optional.ofNullable(secrets.get(name)));
    assertThat(pulled.problems()).as(cameraStream.getMetadata().getName()).isEmpty();
    IceServers.Resolution iceServers = IceServers.resolve(cameraStream, name -> labelled(secrets.get(name)),
        name -> Optional.ofNullable(secrets.get(name)));
    assertThat(iceServers.problems()).as(cameraStream.getMetadata().getName()).isEmpty();
    return DesiredState.of(cameraStream, OperatorDefaults.standard(),
        CredentialsResolver.resolve(cameraStream, Map.of(), () -> "generated-password-0123456789"),
        WebRtcSettings.of(cameraStream, ObservedNetwork.NONE, iceServers.servers()), pulled.credentials(), Map.of());
  }

  /** The Secret if it carries the opt-in label, as the operator's cache of labelled Secrets would hold it. */
  private static Optional<Secret> labelled(Secret secret) {
    return Optional.ofNullable(secret).filter(s -> s.getMetadata().getLabels() != null
        && "true".equals(s.getMetadata().getLabels().get("camstream.io/camera-credentials")));
  }
}
