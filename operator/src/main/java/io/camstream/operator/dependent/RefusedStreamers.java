package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The cameras whose streamer Deployment the API server rejected as invalid (400, 422: a policy webhook, a quota, a
 * value it refuses) in this reconcile, with its answer. Each is held as a camera with a problem of its own is — its
 * running streamer stays as it was — while the others are written; the reconciler reports them.
 */
public final class RefusedStreamers {
  private static final String KEY = RefusedStreamers.class.getName();

  /** camera → the refusal, sorted by camera so equal refusals give equal messages. */
  private final Map<String, KubernetesClientException> refused = new ConcurrentSkipListMap<>();

  /** A fresh collector for this reconcile, where the streamers' dependent finds it. */
  public static RefusedStreamers start(Context<CameraStream> context) {
    RefusedStreamers streamers = new RefusedStreamers();
    context.managedWorkflowAndDependentResourceContext().put(KEY, streamers);
    return streamers;
  }

  static RefusedStreamers of(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, RefusedStreamers.class);
  }

  void refused(String camera, KubernetesClientException answer) {
    refused.put(camera, answer);
  }

  /** By camera name. */
  public Map<String, KubernetesClientException> byCamera() {
    return Collections.unmodifiableMap(refused);
  }

  /** Whether an answer means the object itself is refused, so the same request fails until something changes. */
  public static boolean isRejection(KubernetesClientException answer) {
    return answer.getCode() == 400 || answer.getCode() == 422;
  }
}
