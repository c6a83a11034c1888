package io.camstream.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reconcile when something camstream decides about an object changed: its spec (the generation), labels,
 * annotations or owners, or it is being deleted. Status updates by its controller are not a reason: a streamer's pod
 * starting, or a probe flapping, says nothing about whether its camera publishes (push health asks MediaMTX). Nor is
 * the revision the Deployment controller annotates each new generation with (through {@code /status}, with the rest
 * of its status): at 10 cameras per CameraStream it was most of the reconciles a new CameraStream took.
 */
public class SpecOrMetadataChanged implements OnUpdateFilter<HasMetadata> {
  /** Annotations the Deployment controller writes ({@code deployment.kubernetes.io/revision}). */
  static final String DEPLOYMENT_CONTROLLER_PREFIX = "deployment.kubernetes.io/";

  @Override
  public boolean accept(HasMetadata newResource, HasMetadata oldResource) {
    ObjectMeta now = newResource.getMetadata();
    ObjectMeta before = oldResource.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(decided(now.getAnnotations()), decided(before.getAnnotations()))
        || !Objects.equals(now.getOwnerReferences(), before.getOwnerReferences())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }

  private static Map<String, String> decided(Map<String, String> annotations) {
    Map<String, String> decided = new TreeMap<>();
    if (annotations != null) {
      annotations.forEach((key, value) -> {
        if (!key.startsWith(DEPLOYMENT_CONTROLLER_PREFIX)) {
          decided.put(key, value);
        }
      });
    }
    return decided;
  }
}
