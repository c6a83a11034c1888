package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;

/** The names of every object generated for a CameraStream; the shared contract other tools rely on. */
public final class ResourceNames {
  public static final String MEDIAMTX_SUFFIX = "-mediamtx";
  public static final String INTERNAL_SUFFIX = "-mediamtx-internal";
  public static final String CREDENTIALS_SUFFIX = "-mediamtx-credentials";
  public static final String CONFIG_SUFFIX = "-mediamtx-config";
  public static final String RECORDINGS_SUFFIX = "-recordings";
  public static final String CONFIG_FILE = "mediamtx.yml";
  /** A camera with this name would collide with the MediaMTX Deployment {@code <name>-mediamtx}. */
  public static final String RESERVED_CAMERA_NAME = CameraStreamSpec.RESERVED_CAMERA_NAME;

  private ResourceNames() {
  }

  /**
   * Deployment, Service and NetworkPolicy of the media server (and, before the configuration moved into a
   * Secret, its ConfigMap).
   */
  public static String mediaMtx(CameraStream cameraStream) {
    return mediaMtx(cameraStream.getMetadata().getName());
  }

  public static String mediaMtx(String cameraStreamName) {
    return cameraStreamName + MEDIAMTX_SUFFIX;
  }

  /** Service of MediaMTX's control API and metrics, never exposed outside the cluster. */
  public static String mediaMtxInternal(CameraStream cameraStream) {
    return cameraStream.getMetadata().getName() + INTERNAL_SUFFIX;
  }

  public static String credentialsSecret(CameraStream cameraStream) {
    return credentialsSecret(cameraStream.getMetadata().getName());
  }

  public static String credentialsSecret(String cameraStreamName) {
    return cameraStreamName + CREDENTIALS_SUFFIX;
  }

  /** Secret holding {@code mediamtx.yml}: pulled cameras' source URLs carry their credentials. */
  public static String configSecret(CameraStream cameraStream) {
    return configSecret(cameraStream.getMetadata().getName());
  }

  public static String configSecret(String cameraStreamName) {
    return cameraStreamName + CONFIG_SUFFIX;
  }

  /** PersistentVolumeClaim holding the recordings. */
  public static String recordings(CameraStream cameraStream) {
    return recordings(cameraStream.getMetadata().getName());
  }

  public static String recordings(String cameraStreamName) {
    return cameraStreamName + RECORDINGS_SUFFIX;
  }

  public static String streamer(CameraStream cameraStream, String camera) {
    return streamer(cameraStream.getMetadata().getName(), camera);
  }

  public static String streamer(String cameraStreamName, String camera) {
    return cameraStreamName + "-" + camera;
  }

  /** In-cluster DNS name of the media server Service. */
  public static String mediaMtxHost(CameraStream cameraStream) {
    return mediaMtx(cameraStream) + "." + cameraStream.getMetadata().getNamespace() + ".svc";
  }

  /**
   * Every object {@link DesiredState#all()} holds for this CameraStream when no camera is held, in the same order:
   * the names a reconcile creates under, looked up before anything is built. Cameras without a name are left out,
   * so that a spec still to be validated can be read.
   */
  public static List<OwnedName> owned(CameraStream cameraStream) {
    List<OwnedName> names = new ArrayList<>(List.of(
        new OwnedName(Secret.class, credentialsSecret(cameraStream)),
        new OwnedName(Secret.class, configSecret(cameraStream)),
        new OwnedName(Deployment.class, mediaMtx(cameraStream)),
        new OwnedName(Service.class, mediaMtx(cameraStream)),
        new OwnedName(Service.class, mediaMtxInternal(cameraStream)),
        new OwnedName(NetworkPolicy.class, mediaMtx(cameraStream))));
    List<CameraSpec> cameras = cameraStream.getSpec() == null || cameraStream.getSpec().getCameras() == null
        ? List.of() : cameraStream.getSpec().getCameras();
    for (CameraSpec camera : cameras) {
      if (camera != null && camera.getName() != null && StreamMode.of(camera).usesStreamer()) {
        names.add(new OwnedName(Deployment.class, streamer(cameraStream, camera.getName())));
      }
    }
    return names;
  }
}
