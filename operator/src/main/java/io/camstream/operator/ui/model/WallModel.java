package io.camstream.operator.ui.model;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.api.status.CameraUrls;
import io.camstream.operator.health.CameraTraffic;
import io.camstream.operator.health.LiveTraffic;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CameraStreams → what the wall shows. Pure: the page's data is a function of the cached resources and the cameras'
 * live traffic alone, so it holds what {@code kubectl get cams -o yaml} shows of the status (never a spec field that
 * could carry a secret, such as a source URL), plus each camera's readers and bitrate as the operator last polled
 * them.
 */
public final class WallModel {
  private static final Pattern SINCE = Pattern.compile("since (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z)");

  private WallModel() {
  }

  public static Wall of(Collection<CameraStream> cameraStreams, LiveTraffic traffic) {
    return new Wall(cameraStreams.stream().map(cameraStream -> stream(cameraStream, traffic)).toList());
  }

  static WallStream stream(CameraStream cameraStream, LiveTraffic traffic) {
    String namespace = cameraStream.getMetadata().getNamespace();
    String name = cameraStream.getMetadata().getName();
    CameraStreamStatus status = cameraStream.getStatus();
    Condition ready = Conditions.find(status == null ? null : status.getConditions(), ConditionTypes.READY)
        .orElse(null);
    boolean authenticated = cameraStream.getSpec() != null && cameraStream.getSpec().getMediamtx() != null
        && cameraStream.getSpec().getMediamtx().getReaders() == ReaderAccess.AUTHENTICATED;
    Map<String, CameraStatus> statuses = status == null || status.getCameras() == null ? Map.of()
        : status.getCameras().stream().filter(c -> c.getName() != null)
            .collect(Collectors.toMap(CameraStatus::getName, Function.identity(), (a, b) -> a));
    Map<String, CameraTraffic> measured = traffic.of(namespace, name);
    List<WallCamera> cameras = new ArrayList<>();
    List<CameraSpec> specCameras = cameraStream.getSpec() == null || cameraStream.getSpec().getCameras() == null
        ? List.of() : cameraStream.getSpec().getCameras();
    for (CameraSpec camera : specCameras) {
      if (camera.getName() != null) {
        cameras.add(camera(namespace, name, camera.getName(), statuses.get(camera.getName()),
            Optional.ofNullable(measured.get(camera.getName())), authenticated));
      }
    }
    return new WallStream(namespace, name, ready == null ? null : ready.getStatus(),
        ready == null ? null : ready.getReason(), ready == null ? null : ready.getMessage(),
        status == null ? null : status.getReadyCameras(),
        authenticated ? "authenticated" : "public", cameras);
  }

  static WallCamera camera(String namespace, String cameraStream, String name, CameraStatus status,
      Optional<CameraTraffic> traffic, boolean authenticated) {
    CameraState state = CameraState.of(status);
    String hls = authenticated ? null : hlsPath(namespace, cameraStream, name);
    String whep = authenticated ? null : whepPath(namespace, cameraStream, name);
    if (status == null) {
      return new WallCamera(name, state, state.label(), null, "no status reported yet", null, null, null, null,
          null, null, hls, whep);
    }
    CameraUrls urls = status.getUrls();
    return new WallCamera(name, state, state.label(), since(state, status), status.getMessage(),
        traffic.filter(t -> state == CameraState.PUBLISHING).map(CameraTraffic::inboundKbps).orElse(null),
        status.getCodec(), status.getWidth(), status.getHeight(), traffic.map(CameraTraffic::readers).orElse(null),
        urls == null ? null : new WallUrls(urls.getWebrtc(), urls.getHls(), urls.getRtsp()), hls, whep);
  }

  /**
   * The proxy path of a camera's multivariant playlist, relative to the page ({@code hls/{namespace}/{name}/{camera}/
   * index.m3u8}), so the wall works under any path prefix.
   */
  public static String hlsPath(String namespace, String name, String camera) {
    return "hls/" + namespace + "/" + name + "/" + camera + "/index.m3u8";
  }

  /** The wall's WHEP endpoint of a camera, relative to the page: {@code whep/{namespace}/{name}/{camera}}. */
  public static String whepPath(String namespace, String name, String camera) {
    return "whep/" + namespace + "/" + name + "/" + camera;
  }

  private static String since(CameraState state, CameraStatus status) {
    if (state == CameraState.PUBLISHING && status.getPublishingSince() != null) {
      return status.getPublishingSince();
    }
    if (status.getMessage() == null) {
      return null;
    }
    Matcher matcher = SINCE.matcher(status.getMessage());
    return matcher.find() ? matcher.group(1) : null;
  }
}
