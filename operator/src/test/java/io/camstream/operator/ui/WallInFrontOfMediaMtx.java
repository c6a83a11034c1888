package io.camstream.operator.ui;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The camera wall in {@code local} mode in front of one CameraStream's real MediaMTX, without the operator: the
 * CameraStream as the operator's cache would hold it (status included, as the test sets it), cluster DNS stood in
 * for by a {@link ServiceRouter}, and the CameraStream's generated {@code hlsCDNSecret} for the HLS proxy.
 */
final class WallInFrontOfMediaMtx implements AutoCloseable {
  private final ServiceRouter services;
  private final CameraWallServer wall;

  private WallInFrontOfMediaMtx(ServiceRouter services, CameraWallServer wall) {
    this.services = services;
    this.wall = wall;
  }

  /** @param mediaMtx already started with {@code desired}, the desired state of {@code cameraStream} */
  static WallInFrontOfMediaMtx start(RealMediaMtx mediaMtx, CameraStream cameraStream, DesiredState desired)
      throws Exception {
    String namespace = cameraStream.getMetadata().getNamespace();
    String name = cameraStream.getMetadata().getName();
    ServiceRouter services = ServiceRouter.start();
    services.register(namespace, name, mediaMtx);
    InMemoryPrimaryCache cache = new InMemoryPrimaryCache();
    cache.put(cameraStream);
    WatchedCameraStreams watched = new WatchedCameraStreams();
    watched.attach(cache);
    String cdnSecret = desired.credentials().hlsCdnSecret().orElseThrow();
    try {
      return new WallInFrontOfMediaMtx(services, CameraWallServer.start(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          CameraWallSettings.local(0, services.template(MediaMtxPorts.HLS), services.template(MediaMtxPorts.WEBRTC)),
          watched, CameraAccess.EVERYONE, (ns, cs) -> Optional.of(cdnSecret), WallEventStream.KEEP_ALIVE));
    } catch (Exception e) {
      services.close();
      throw e;
    }
  }

  int port() {
    return wall.port();
  }

  @Override
  public void close() throws Exception {
    try (ServiceRouter router = services) {
      wall.close();
    }
  }
}
