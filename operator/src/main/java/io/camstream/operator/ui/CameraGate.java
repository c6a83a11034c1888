package io.camstream.operator.ui;

import io.camstream.operator.api.CameraStream;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Whether one video request (HLS or WHEP) of a viewer may go to a camera's MediaMTX: the camera is in a watched
 * CameraStream the viewer may see (otherwise 404, as if it did not exist), its readers need no credentials (the wall
 * adds none: 403), and the viewer has a free place among its video requests (429).
 */
final class CameraGate {
  private final WatchedCameraStreams watched;
  private final WallView view;
  private final ClientLimits limits;

  CameraGate(WatchedCameraStreams watched, WallView view, ClientLimits limits) {
    this.watched = watched;
    this.view = view;
    this.limits = limits;
  }

  /** @return the viewer's place, to close when the exchange ends; null when refused (the answer is written) */
  ClientLimits.Permit admit(Request request, Response response, Callback callback, String namespace, String name,
      String camera) {
    Viewer viewer = (Viewer) request.getAttribute(Viewer.ATTRIBUTE);
    Optional<CameraStream> cameraStream = watched.find(namespace, name)
        .filter(found -> view.maySee(viewer, namespace, name));
    if (cameraStream.isEmpty() || !WatchedCameraStreams.hasCamera(cameraStream.get(), camera)) {
      Responses.text(request, response, callback, 404, "no camera " + camera + " in a CameraStream " + namespace
          + "/" + name + " you may see\n");
      return null;
    }
    if (WatchedCameraStreams.readersNeedCredentials(cameraStream.get())) {
      Responses.text(request, response, callback, 403, "camera " + camera + " needs reader credentials: watch it"
          + " at its own URLs; the wall does not add credentials\n");
      return null;
    }
    ClientLimits.Permit permit = limits.tryAcquire(viewer.client());
    if (permit == null) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      Responses.text(request, response, callback, 429, "too many video requests at once (at most "
          + limits.perClient() + "); retry\n");
    }
    return permit;
  }

  /** The callback, returning the viewer's place when the exchange ends however it ends. */
  static Callback released(Callback callback, ClientLimits.Permit permit) {
    return new Callback() {
      @Override
      public void succeeded() {
        permit.close();
        callback.succeeded();
      }

      @Override
      public void failed(Throwable failure) {
        permit.close();
        callback.failed(failure);
      }

      @Override
      public InvocationType getInvocationType() {
        return callback.getInvocationType();
      }
    };
  }
}
