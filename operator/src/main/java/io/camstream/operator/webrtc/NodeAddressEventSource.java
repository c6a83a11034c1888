package io.camstream.operator.webrtc;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.stream.Collectors;

/**
 * The nodes' addresses, for CameraStreams with {@code webrtcAnnounceNodeAddresses}: one informer (list and watch
 * on Nodes, nothing more) whose cache keeps only each Node's name and {@code status.addresses}, not its images,
 * capacity or conditions. Only a change of addresses reconciles, and only the CameraStreams that announce them:
 * a node's periodic status update does nothing.
 */
public final class NodeAddressEventSource {
  public static final String NAME = "node-addresses";

  private NodeAddressEventSource() {
  }

  public static InformerEventSource<Node, CameraStream> create(EventSourceContext<CameraStream> context) {
    InformerEventSourceConfiguration<Node> configuration = InformerEventSourceConfiguration
        .from(Node.class, CameraStream.class)
        .withName(NAME)
        .withWatchAllNamespaces()
        .withInformerListLimit(OperatorClient.LIST_PAGE_SIZE)
        .withItemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, Node.class,
            context.getClient().getKubernetesSerialization(), "status.addresses"))
        .withOnUpdateFilter((changed, previous) -> NodeAddresses.addressesDiffer(previous, changed))
        .withSecondaryToPrimaryMapper(node -> context.getPrimaryCache()
            .list(AnnouncedHosts::announcesNodeAddresses)
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** The addresses in the cache; unreadable when this operator does not watch Nodes. */
  @SuppressWarnings("unchecked")
  public static NodeAddresses read(Context<CameraStream> context) {
    return context.eventSourceRetriever().getEventSourcesFor(Node.class).stream()
        .filter(source -> NAME.equals(source.name()) && source instanceof InformerEventSource<?, ?>)
        .findFirst()
        .map(source -> NodeAddresses.of(((InformerEventSource<Node, CameraStream>) source).list(node -> true)
            .toList()))
        .orElseGet(NodeAddresses::unreadable);
  }
}
