package io.camstream.operator.testing;

import io.camstream.operator.desired.Labels;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.function.Consumer;

/**
 * Plays every CameraStream's MediaMTX in a namespace as a cluster would: MediaMTX starts with the API user of the
 * configuration the operator generated (the fake accepts it as soon as the Secret exists), and its Deployment becomes
 * available once it runs. Informers, not polling, so MediaMTX knows its API user before the operator asks.
 */
public final class MediaMtxStandIn implements AutoCloseable {
  private final SharedIndexInformer<Secret> credentials;
  private final SharedIndexInformer<Deployment> servers;

  private MediaMtxStandIn(SharedIndexInformer<Secret> credentials, SharedIndexInformer<Deployment> servers) {
    this.credentials = credentials;
    this.servers = servers;
  }

  public static MediaMtxStandIn start(OperatorTestHarness harness, String namespace, FakeMediaMtxApi api) {
    SharedIndexInformer<Secret> credentials = harness.client().secrets().inNamespace(namespace)
        .withLabel(Labels.COMPONENT, Labels.COMPONENT_MEDIAMTX).inform(new OnAdd<>(secret ->
            ApiCredentialsSecret.read(secret).ifPresent(user -> api.acceptCredentials(user.username(),
                user.password()))));
    SharedIndexInformer<Deployment> servers = harness.client().apps().deployments().inNamespace(namespace)
        .withLabel(Labels.COMPONENT, Labels.COMPONENT_MEDIAMTX).inform(new OnAdd<>(deployment ->
            harness.markDeploymentReady(namespace, deployment.getMetadata().getName())));
    return new MediaMtxStandIn(credentials, servers);
  }

  @Override
  public void close() {
    credentials.close();
    servers.close();
  }

  private record OnAdd<T>(Consumer<T> action) implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T added) {
      action.accept(added);
    }

    @Override
    public void onUpdate(T before, T after) {
    }

    @Override
    public void onDelete(T deleted, boolean unknown) {
    }
  }
}
