package io.fabric8.kubernetes.client.server.mock;

import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherHandler;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;

/**
 * Lets camstream's test API server run its own write handlers under the CRUD dispatcher's lock, which the dispatcher
 * only exposes to its package: reads and watches then never see an object half-replaced.
 */
public abstract class LockedCrudDispatcher extends KubernetesCrudDispatcher {

  protected LockedCrudDispatcher() {
    super(List.of());
  }

  /** Runs the handler under the store's write lock; its KubernetesCrudDispatcherException becomes a Status answer. */
  protected MockResponse underWriteLock(RecordedRequest request, KubernetesCrudDispatcherHandler handler) {
    return process(request, handler);
  }
}
