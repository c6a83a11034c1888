package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the API server refused in this reconcile that holds only a part of the CameraStream, with its answer, for the
 * reconciler to report: a camera's streamer Deployment rejected as invalid (400, 422: a policy webhook, a quota, a
 * value it refuses), kept as it runs while the other cameras are written; the recordings' claim not grown
 * ({@code PersistentVolumeClaimResize}) or its owners not changed ({@code OwnerReferencesPermissionEnforcement}), left
 * as it is. Everything else is written.
 */
public final class ApiRefusals {
  private static final String KEY = ApiRefusals.class.getName();

  /** camera → the refusal, sorted by camera so equal refusals give equal messages. */
  private final Map<String, KubernetesClientException> streamers = new ConcurrentSkipListMap<>();
  private final AtomicReference<KubernetesClientException> recordingsGrowth = new AtomicReference<>();
  private final AtomicReference<KubernetesClientException> recordingsOwnership = new AtomicReference<>();

  /** A fresh collector for this reconcile, where the dependents find it. */
  public static ApiRefusals start(Context<CameraStream> context) {
    ApiRefusals refusals = new ApiRefusals();
    context.managedWorkflowAndDependentResourceContext().put(KEY, refusals);
    return refusals;
  }

  static ApiRefusals of(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, ApiRefusals.class);
  }

  void streamer(String camera, KubernetesClientException answer) {
    streamers.put(camera, answer);
  }

  void recordingsGrowth(KubernetesClientException answer) {
    recordingsGrowth.set(answer);
  }

  void recordingsOwnership(KubernetesClientException answer) {
    recordingsOwnership.set(answer);
  }

  /** The refused streamers, by camera name. */
  public Map<String, KubernetesClientException> streamers() {
    return Collections.unmodifiableMap(streamers);
  }

  public Optional<KubernetesClientException> recordingsGrowth() {
    return Optional.ofNullable(recordingsGrowth.get());
  }

  public Optional<KubernetesClientException> recordingsOwnership() {
    return Optional.ofNullable(recordingsOwnership.get());
  }

  /** Whether an answer means the object itself is refused, so the same request fails until something changes. */
  public static boolean isRejection(KubernetesClientException answer) {
    return answer.getCode() == 400 || answer.getCode() == 422;
  }
}
