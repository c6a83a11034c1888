package io.camstream.operator.testing;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.api.spec.RecordingStorageSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.SourceSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test fixtures: CameraStream objects as a user would write them. */
public final class CameraStreams {
  private CameraStreams() {
  }

  public static CameraStream of(String namespace, String name, CameraSpec... cameras) {
    CameraStream cameraStream = new CameraStream();
    cameraStream.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    CameraStreamSpec spec = new CameraStreamSpec();
    spec.setCameras(new ArrayList<>(List.of(cameras)));
    cameraStream.setSpec(spec);
    return cameraStream;
  }

  /** A camera that pushes the streamer's built-in test pattern. */
  public static CameraSpec testPattern(String name) {
    return camera(name, "testpattern");
  }

  public static CameraSpec camera(String name, String url) {
    CameraSpec camera = new CameraSpec();
    camera.setName(name);
    SourceSpec source = new SourceSpec();
    source.setUrl(url);
    camera.setSource(source);
    return camera;
  }

  /** A camera Secret as a user writes it, opted in with the {@code camstream.io/camera-credentials} label. */
  public static Secret cameraSecret(String name, String username, String password) {
    return new SecretBuilder()
        .withNewMetadata().withName(name).addToLabels(Labels.CAMERA_CREDENTIALS, "true").endMetadata()
        .withType("Opaque")
        .addToData("username", base64(username))
        .addToData("password", base64(password))
        .build();
  }

  public static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  public static CameraSpec rtspCameraWithSecret(String name, String url, String secretName) {
    CameraSpec camera = camera(name, url);
    SecretCredentialsRef ref = new SecretCredentialsRef();
    ref.setName(secretName);
    camera.getSource().setCredentialsSecretRef(ref);
    return camera;
  }

  /** A camera MediaMTX pulls itself ({@code mode: pull}). */
  public static CameraSpec pulled(String name, String url) {
    CameraSpec camera = camera(name, url);
    camera.setMode(StreamMode.PULL);
    return camera;
  }

  public static CameraSpec pulledWithSecret(String name, String url, String secretName) {
    CameraSpec camera = rtspCameraWithSecret(name, url, secretName);
    camera.setMode(StreamMode.PULL);
    return camera;
  }

  /** A STUN ({@code secretName} null) or TURN server of {@code spec.mediamtx.iceServers}. */
  public static IceServerSpec iceServer(String url, String secretName) {
    IceServerSpec server = new IceServerSpec();
    server.setUrl(url);
    if (secretName != null) {
      SecretCredentialsRef ref = new SecretCredentialsRef();
      ref.setName(secretName);
      server.setCredentialsSecretRef(ref);
    }
    return server;
  }

  /** {@code spec.recording} with the API's defaults and the given claim size and reclaim policy. */
  /** Requests and limits, each name to its quantity, in the maps' order. */
  public static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
    requests.forEach((name, value) -> builder.addToRequests(name, new Quantity(value)));
    limits.forEach((name, value) -> builder.addToLimits(name, new Quantity(value)));
    return builder.build();
  }

  public static RecordingSpec recording(String size, ReclaimPolicy reclaimPolicy) {
    RecordingStorageSpec storage = new RecordingStorageSpec();
    storage.setSize(size);
    storage.setReclaimPolicy(reclaimPolicy);
    RecordingSpec recording = new RecordingSpec();
    recording.setStorage(storage);
    return recording;
  }
}
