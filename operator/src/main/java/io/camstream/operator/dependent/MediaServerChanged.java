package io.camstream.operator.dependent;

import io.camstream.operator.status.MediaServerAvailability;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Reconcile when the media server's Deployment changes in a way camstream decides ({@link SpecOrMetadataChanged}) or
 * reports: whether it is available, and why not ({@link MediaServerAvailability}). The Deployment controller's other
 * status updates (observed generation, replica counts) change neither.
 */
public class MediaServerChanged extends SpecOrMetadataChanged {
  @Override
  public boolean accept(HasMetadata newResource, HasMetadata oldResource) {
    return super.accept(newResource, oldResource)
        || !MediaServerAvailability.of((Deployment) newResource)
            .equals(MediaServerAvailability.of((Deployment) oldResource));
  }
}
