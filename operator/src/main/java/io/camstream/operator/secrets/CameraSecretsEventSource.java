package io.camstream.operator.secrets;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The camera Secrets, watched so that a change or a deletion reconciles the CameraStreams that reference it at once.
 * Only Secrets labelled {@code camstream.io/camera-credentials=true} are listed, watched and cached: the operator holds
 * no copy of any other Secret of the namespace. A Secret is mapped to its CameraStreams through an index of the
 * primary cache (namespace/name of every referenced Secret), not by owner references: users own these Secrets.
 */
public final class CameraSecretsEventSource {
  public static final String NAME = "camera-secrets";
  static final String INDEX = "camera-secret-references";

  private CameraSecretsEventSource() {
  }

  public static InformerEventSource<Secret, CameraStream> create(EventSourceContext<CameraStream> context) {
    context.getPrimaryCache().addIndexer(INDEX, CameraSecretReferences::of);
    InformerEventSourceConfiguration<Secret> configuration = InformerEventSourceConfiguration
        .from(Secret.class, CameraStream.class)
        .withName(NAME)
        .withLabelSelector(Labels.CAMERA_CREDENTIALS_SELECTOR)
        .withNamespacesInheritedFromController()
        .withInformerListLimit(OperatorClient.LIST_PAGE_SIZE)
        .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
            .byIndex(INDEX, CameraSecretReferences.key(secret)).stream()
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** A labelled Secret of this namespace from the cache; empty when it does not exist or is not labelled. */
  public static Optional<Secret> cached(InformerEventSource<Secret, CameraStream> source, String namespace,
      String name) {
    return source.get(new ResourceID(name, namespace));
  }
}
