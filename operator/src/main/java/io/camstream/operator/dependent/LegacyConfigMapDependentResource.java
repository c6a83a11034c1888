package io.camstream.operator.dependent;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ConfigMap {@code <name>-mediamtx} that held {@code mediamtx.yml} before it moved into the Secret
 * {@code <name>-mediamtx-config}. Never wanted any more: its reconcile precondition never holds, so the workflow
 * deletes it where an older operator left one. Only a ConfigMap this CameraStream owns is found (the informer maps
 * by owner reference), so a user's ConfigMap of that name is never touched. Costs one label-selected informer and
 * no request in steady state.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_MEDIAMTX_SELECTOR,
    informerListLimit = OperatorClient.LIST_PAGE_SIZE))
public class LegacyConfigMapDependentResource extends KubernetesDependentResource<ConfigMap, CameraStream>
    implements GarbageCollected<CameraStream> {
  private static final Logger log = LoggerFactory.getLogger(LegacyConfigMapDependentResource.class);

  public LegacyConfigMapDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected ResourceID targetSecondaryResourceID(CameraStream primary, Context<CameraStream> context) {
    return new ResourceID(ResourceNames.mediaMtx(primary), primary.getMetadata().getNamespace());
  }

  @Override
  protected void handleDelete(CameraStream primary, ConfigMap secondary, Context<CameraStream> context) {
    if (secondary == null) {
      return;
    }
    super.handleDelete(primary, secondary, context);
    log.info("deleted ConfigMap {}/{}: the MediaMTX configuration is now the Secret {}",
        secondary.getMetadata().getNamespace(), secondary.getMetadata().getName(),
        ResourceNames.configSecret(primary));
  }

  /** The precondition of this dependent: the old ConfigMap is never wanted. */
  public static final class NeverWanted implements Condition<ConfigMap, CameraStream> {
    @Override
    public boolean isMet(DependentResource<ConfigMap, CameraStream> dependentResource, CameraStream primary,
        Context<CameraStream> context) {
      return false;
    }
  }
}
