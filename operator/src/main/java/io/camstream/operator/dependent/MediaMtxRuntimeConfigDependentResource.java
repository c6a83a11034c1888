package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.LazyDesiredState;
import io.camstream.operator.desired.MediaMtxConfigBuilder;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.sync.ConfigDrift;
import io.camstream.operator.mediamtx.sync.SyncResult;
import io.camstream.operator.status.MediaServerAvailability;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import java.util.Optional;

/**
 * The running MediaMTX's paths and users, set through its control API ({@code MediaMtxConfigSync}). A step of the
 * workflow after the config Secret is written and before the streamers roll: a camera's path exists, and rotated
 * credentials are accepted, by the time its new streamer connects. Its state is the last {@link ConfigDrift} seen.
 */
public class MediaMtxRuntimeConfigDependentResource implements DependentResource<ConfigDrift, CameraStream> {
  /** Its name in the workflow: JOSDK names only Kubernetes dependents from the annotation, so this one says it. */
  public static final String NAME = "mediamtx-runtime-config";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ReconcileResult<ConfigDrift> reconcile(CameraStream primary, Context<CameraStream> context) {
    LazyDesiredState desired = DesiredStates.lazy(context);
    Deployment mediaServer = context.getSecondaryResourcesAsStream(Deployment.class)
        .filter(d -> ResourceNames.mediaMtx(primary).equals(d.getMetadata().getName()))
        .findFirst().orElse(null);
    Optional<ConfigDrift> drift = context.getSecondaryResource(ConfigDrift.class);
    var api = desired.credentials().api();
    SyncResult result = MediaMtxRuntime.sync(context).sync(primary, desired.paths(),
        MediaMtxConfigBuilder.authInternalUsers(primary, desired.credentials()),
        new ApiCredentials(api.username(), api.password()), MediaServerAvailability.of(mediaServer).available(),
        drift);
    MediaMtxRuntime.putResult(context, result);
    return result.changes().isEmpty() ? ReconcileResult.noOperation(drift.orElse(null))
        : ReconcileResult.resourceUpdated(drift.orElse(null));
  }

  @Override
  public Class<ConfigDrift> resourceType() {
    return ConfigDrift.class;
  }
}
