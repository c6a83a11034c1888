package io.camstream.operator.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.webrtc.WebRtcSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link DesiredState#of} reads, compared by value: equal inputs build the same desired state, every
 * object stamped with the same {@link DesiredStateHash}. The CameraStream counts as all of it but what the operator's
 * own status writes change without changing what it asks for: its status and {@code resourceVersion} (the
 * operator's client reads no {@code managedFields}).
 *
 * @param cameraStream the CameraStream's JSON without status and resourceVersion
 */
public record DesiredStateInputs(String cameraStream, OperatorDefaults defaults, MediaMtxCredentials credentials,
    WebRtcSettings webrtc, Map<String, CameraCredentials> cameraCredentials,
    Map<String, Optional<Deployment>> heldStreamers, RecordingsVolumeUse recordings) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public DesiredStateInputs {
    cameraCredentials = Collections.unmodifiableMap(new LinkedHashMap<>(cameraCredentials));
    heldStreamers = Collections.unmodifiableMap(new LinkedHashMap<>(heldStreamers));
  }

  /** The inputs of a desired state of {@code cameraStream}, as {@link DesiredState#of} takes them. */
  public static DesiredStateInputs of(CameraStream cameraStream, OperatorDefaults defaults,
      MediaMtxCredentials credentials, WebRtcSettings webrtc, Map<String, CameraCredentials> cameraCredentials,
      Map<String, Optional<Deployment>> heldStreamers, RecordingsVolumeUse recordings) {
    return new DesiredStateInputs(identity(cameraStream), defaults, credentials, webrtc, cameraCredentials,
        heldStreamers, recordings);
  }

  private static String identity(CameraStream cameraStream) {
    ObjectNode json = JSON.valueToTree(cameraStream);
    json.remove("status");
    if (json.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("resourceVersion");
    }
    return json.toString();
  }

  /** Builds the desired state these inputs describe; {@code cameraStream} is the one they were taken from. */
  public DesiredState build(CameraStream cameraStream) {
    return DesiredState.of(cameraStream, defaults, credentials, webrtc, cameraCredentials, heldStreamers,
        recordings);
  }

  /** Never the credentials. */
  @Override
  public String toString() {
    return "DesiredStateInputs[cameras=" + cameraCredentials.keySet() + ", held=" + heldStreamers.keySet() + "]";
  }
}
