package io.camstream.operator.events;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a CameraStream, for the transitions a user wants in {@code kubectl describe}: the media
 * server created, a camera added or removed, Ready flipping. Callers pass messages that name objects and
 * fields only, never credentials. A failure to record is logged, never fails a reconcile.
 */
public final class EventRecorder {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  public static final String COMPONENT = "camstream-operator";

  public static final String MEDIA_SERVER_CREATED = "MediaServerCreated";
  public static final String CAMERA_ADDED = "CameraAdded";
  public static final String CAMERA_UPDATED = "CameraUpdated";
  public static final String CAMERA_REMOVED = "CameraRemoved";

  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_MESSAGE = 1024;

  private EventRecorder() {
  }

  public static void normal(KubernetesClient client, CameraStream cameraStream, String reason, String message) {
    record(client, cameraStream, NORMAL, reason, message);
  }

  public static void warning(KubernetesClient client, CameraStream cameraStream, String reason, String message) {
    record(client, cameraStream, WARNING, reason, message);
  }

  public static void record(KubernetesClient client, CameraStream cameraStream, String type, String reason,
      String message) {
    String namespace = cameraStream.getMetadata().getNamespace();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    Event event = new EventBuilder()
        .withNewMetadata()
          .withName(cameraStream.getMetadata().getName() + "." + HexFormat.of().formatHex(suffix))
          .withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(cameraStream.getApiVersion())
            .withKind(cameraStream.getKind())
            .withName(cameraStream.getMetadata().getName())
            .withNamespace(namespace)
            .withUid(cameraStream.getMetadata().getUid())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (RuntimeException e) {
      log.warn("could not record event {} on CameraStream {}/{}: {}", reason, namespace,
          cameraStream.getMetadata().getName(), e.getClass().getSimpleName());
    }
  }
}
