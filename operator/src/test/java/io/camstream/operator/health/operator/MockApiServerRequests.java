package io.camstream.operator.health.operator;

import io.camstream.operator.testing.apiserver.FakeApiServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads the mock API server's request log: what the operator actually sent. */
final class MockApiServerRequests {
  private MockApiServerRequests() {
  }

  /** Takes every request recorded so far, so the next call sees only newer ones. */
  static List<RecordedRequest> drain(FakeApiServer server) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }

  /** Writes to a CameraStream's status subresource (PATCH or PUT on .../camerastreams/NAME/status). */
  static long statusWrites(List<RecordedRequest> requests) {
    return requests.stream().filter(MockApiServerRequests::isStatusWrite).count();
  }

  static boolean isStatusWrite(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    String method = request.getMethod();
    return ("PATCH".equals(method) || "PUT".equals(method)) && bare.contains("/camerastreams/")
        && bare.endsWith("/status");
  }
}
