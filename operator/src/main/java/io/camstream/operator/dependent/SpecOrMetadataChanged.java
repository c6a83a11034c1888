package io.camstream.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Reconcile when something camstream decides about an object changed: its spec (the generation), labels,
 * annotations or owners, or it is being deleted. Status updates by its controller are not a reason: a streamer's pod
 * starting, or a probe flapping, says nothing about whether its camera publishes (push health asks MediaMTX).
 */
public class SpecOrMetadataChanged implements OnUpdateFilter<HasMetadata> {
  @Override
  public boolean accept(HasMetadata newResource, HasMetadata oldResource) {
    ObjectMeta now = newResource.getMetadata();
    ObjectMeta before = oldResource.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(now.getAnnotations(), before.getAnnotations())
        || !Objects.equals(now.getOwnerReferences(), before.getOwnerReferences())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }
}
