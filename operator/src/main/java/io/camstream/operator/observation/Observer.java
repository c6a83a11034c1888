package io.camstream.operator.observation;

import io.camstream.operator.OperatorSettings;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.OwnedName;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.secrets.CameraSecretReferences;
import io.camstream.operator.secrets.CameraSecretsEventSource;
import io.camstream.operator.validation.NameConflictCheck;
import io.camstream.operator.webrtc.NodeAddressEventSource;
import io.camstream.operator.webrtc.NodeAddresses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one class that reads what a CameraStream reconcile needs besides the CameraStream itself: from the informer
 * caches, and from the API server only what no cache can hold (whether an unlabelled Secret exists, a claim camstream
 * does not label, a foreign object a create found taken), so a reconcile makes no request beyond what changes. Any
 * spec can be observed, one still to be validated included.
 */
public final class Observer {
  private static final Pattern SECRET_NAME = Pattern.compile(SecretCredentialsRef.NAME_PATTERN);

  private final PasswordGenerator passwords;
  private final boolean readStorageClasses;
  private final Supplier<Optional<String>> nodesUnreadable;
  private final KnownNameConflicts knownConflicts = new KnownNameConflicts();

  /**
   * @param passwords for the MediaMTX users' passwords the credentials Secret does not hold yet
   * @param nodesUnreadable why this operator does not read Nodes now; empty when it does
   * @param readStorageClasses whether the operator may read StorageClasses (cluster-scoped: an install without
   *     cluster-wide permissions may not)
   */
  public Observer(PasswordGenerator passwords, Supplier<Optional<String>> nodesUnreadable,
      boolean readStorageClasses) {
    this.passwords = passwords;
    this.nodesUnreadable = nodesUnreadable;
    this.readStorageClasses = readStorageClasses;
  }

  /** The world as this reconcile starts. */
  public Observation observe(CameraStream cameraStream, Context<CameraStream> context) {
    OwnObjects own = new OwnObjects(context);
    Map<String, Secret> labelled = new LinkedHashMap<>();
    Map<String, Secret> unlabelled = new LinkedHashMap<>();
    readReferencedSecrets(cameraStream, context, labelled, unlabelled);
    boolean pinsNodePort = cameraStream.getSpec() != null && MediaMtxPorts.webrtcNodePort(cameraStream).isPresent();
    Optional<PersistentVolumeClaim> claim = recordingsClaim(cameraStream, own, context);
    return new Observation(
        CredentialsResolver.resolve(cameraStream,
            MediaMtxCredentials.decode(storedCredentials(cameraStream, own, context).orElse(null)), passwords),
        labelled,
        unlabelled,
        own.named(Service.class, ResourceNames.mediaMtx(cameraStream)),
        nodesUnreadable.get().map(NodeAddresses::unreadable).orElseGet(() -> NodeAddressEventSource.read(context)),
        // Only a CameraStream pinning a node port pays for scanning the others' Services and specs.
        pinsNodePort ? cachedServices(context) : List.of(),
        pinsNodePort ? context.getPrimaryCache().list().toList() : List.of(),
        claim,
        deployments(own),
        sameNamed(cameraStream, own, context),
        claim.filter(live -> needsStorageClass(cameraStream, live))
            .flatMap(live -> storageClass(live.getSpec().getStorageClassName(), context)));
  }

  /**
   * The claim's class matters while the claim is not Bound (does it bind on its own, on first use, never?) and when
   * the spec asks it to grow (does the class allow it?); a Bound claim of the size asked for needs no request.
   */
  private static boolean needsStorageClass(CameraStream cameraStream, PersistentVolumeClaim claim) {
    if (claim.getSpec() == null || claim.getSpec().getStorageClassName() == null
        || claim.getSpec().getStorageClassName().isEmpty()) {
      return false;
    }
    if (claim.getStatus() == null || !RecordingsVolumeBuilder.BOUND.equals(claim.getStatus().getPhase())) {
      return true;
    }
    Quantity live = RecordingsVolumeBuilder.requestedSize(claim);
    try {
      return live != null && new Quantity(Recording.storage(cameraStream).getSize()).getNumericalAmount()
          .compareTo(live.getNumericalAmount()) > 0;
    } catch (RuntimeException unreadableSize) {
      return false; // admission reports the spec's size
    }
  }

  /** Read from the API server (StorageClasses are not cached: a reconcile rarely needs one). */
  private Optional<ClaimStorageClass> storageClass(String name, Context<CameraStream> context) {
    if (!readStorageClasses) {
      return Optional.of(ClaimStorageClass.unreadable(name, OperatorSettings.READ_STORAGE_CLASSES + " is false"));
    }
    try {
      StorageClass found = context.getClient().storage().v1().storageClasses().withName(name).get();
      return Optional.of(found == null ? ClaimStorageClass.notFound(name) : ClaimStorageClass.found(found));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return Optional.of(ClaimStorageClass.unreadable(name, "the operator may not get storageclasses"));
    }
  }

  /** A create found {@code wanted}'s name taken: later reconciles read that object while it is still wanted. */
  public void nameTaken(CameraStream cameraStream, HasMetadata wanted) {
    knownConflicts.remember(cameraStream, wanted);
  }

  /** The media server's Deployment as the workflow left it; empty before it exists. */
  public Optional<Deployment> mediaServer(CameraStream cameraStream, Context<CameraStream> context) {
    return new OwnObjects(context).named(Deployment.class, ResourceNames.mediaMtx(cameraStream));
  }

  /** The viewer Service {@code <name>-mediamtx} from the informer cache as the workflow left it. */
  public Optional<Service> service(CameraStream cameraStream, Context<CameraStream> context) {
    return new OwnObjects(context).named(Service.class, ResourceNames.mediaMtx(cameraStream));
  }

  private static Map<String, Deployment> deployments(OwnObjects own) {
    Map<String, Deployment> deployments = new LinkedHashMap<>();
    own.all(Deployment.class).forEach((name, deployment) -> deployments.put(name, (Deployment) deployment));
    return deployments;
  }

  /**
   * The stored {@code <name>-mediamtx-credentials} from the informer cache; on a miss, for a CameraStream reconciled
   * before (it has a status), read from the API server: an owned Secret that lost camstream's labels
   * ({@code kubectl label --overwrite}, a GitOps tool) drops out of the label-filtered cache, and its passwords are
   * what MediaMTX and every publisher use. A new CameraStream owns nothing yet, so its first reconcile asks nothing.
   * A Secret of that name another owner holds is a name conflict, never a source of passwords.
   */
  private static Optional<Secret> storedCredentials(CameraStream cameraStream, OwnObjects own,
      Context<CameraStream> context) {
    String name = ResourceNames.credentialsSecret(cameraStream);
    Optional<Secret> cached = own.named(Secret.class, name);
    if (cached.isPresent() || cameraStream.getStatus() == null) {
      return cached;
    }
    return Optional.ofNullable(context.getClient().secrets().inNamespace(cameraStream.getMetadata().getNamespace())
        .withName(name).get()).filter(secret -> NameConflictCheck.isOwnedBy(secret, cameraStream));
  }

  /**
   * The referenced Secrets from the informer cache of labelled Secrets; only one missing from it is read from the API
   * server, to tell an unlabelled Secret (SecretNotLabelled) from a missing one (SecretNotFound).
   */
  @SuppressWarnings("unchecked")
  private static void readReferencedSecrets(CameraStream cameraStream, Context<CameraStream> context,
      Map<String, Secret> labelled, Map<String, Secret> unlabelled) {
    List<String> names = CameraSecretReferences.names(cameraStream);
    if (names.isEmpty()) {
      return;
    }
    String namespace = cameraStream.getMetadata().getNamespace();
    InformerEventSource<Secret, CameraStream> cache = (InformerEventSource<Secret, CameraStream>) context
        .eventSourceRetriever().getEventSourceFor(Secret.class, CameraSecretsEventSource.NAME);
    for (String name : names) {
      Optional<Secret> cached = CameraSecretsEventSource.cached(cache, namespace, name);
      if (cached.isPresent()) {
        labelled.put(name, cached.get());
      } else if (SECRET_NAME.matcher(name).matches()) {
        Optional.ofNullable(context.getClient().secrets().inNamespace(namespace).withName(name).get())
            .ifPresent(secret -> unlabelled.put(name,
                new SecretBuilder().withMetadata(secret.getMetadata()).build()));
      }
    }
  }

  /**
   * The live claim {@code <name>-recordings} while recording is configured: from the informer (camstream's labels),
   * else read once, since a claim of that name camstream does not own is not in the cache.
   */
  private static Optional<PersistentVolumeClaim> recordingsClaim(CameraStream cameraStream, OwnObjects own,
      Context<CameraStream> context) {
    if (cameraStream.getSpec() == null || !Recording.configured(cameraStream)) {
      return Optional.empty();
    }
    String name = ResourceNames.recordings(cameraStream);
    Optional<PersistentVolumeClaim> cached = own.named(PersistentVolumeClaim.class, name);
    return cached.isPresent() ? cached : Optional.ofNullable(context.getClient().persistentVolumeClaims()
        .inNamespace(cameraStream.getMetadata().getNamespace()).withName(name).get());
  }

  /** Every MediaMTX Service the operator caches, of all CameraStreams. */
  @SuppressWarnings("unchecked")
  private static List<Service> cachedServices(Context<CameraStream> context) {
    return context.eventSourceRetriever().getEventSourcesFor(Service.class).stream()
        .filter(source -> source instanceof InformerEventSource<?, ?>)
        .flatMap(source -> ((InformerEventSource<Service, CameraStream>) source).list(service -> true))
        .toList();
  }

  /**
   * Live objects under the names this CameraStream creates that the caches do not show as its own: whatever the
   * informer caches hold under that name (another CameraStream's objects), and a foreign object a create found taken
   * before, read again while its name is still wanted.
   */
  private List<HasMetadata> sameNamed(CameraStream cameraStream, OwnObjects own, Context<CameraStream> context) {
    List<OwnedName> notYetOwned = ResourceNames.owned(cameraStream).stream()
        .filter(name -> own.named(name.type(), name.name()).isEmpty())
        .toList();
    List<HasMetadata> found = new ArrayList<>();
    for (OwnedName name : notYetOwned) {
      cached(name, cameraStream.getMetadata().getNamespace(), context).ifPresent(found::add);
    }
    Set<String> seen = found.stream().map(Observer::kindAndName).collect(Collectors.toSet());
    knownConflicts.stillThere(cameraStream, notYetOwned, context.getClient())
        .filter(live -> !seen.contains(kindAndName(live)))
        .ifPresent(found::add);
    return found;
  }

  /** Any object of that kind and name in the informer caches, whichever CameraStream (or nobody) owns it. */
  private static Optional<HasMetadata> cached(OwnedName name, String namespace, Context<CameraStream> context) {
    ResourceID id = new ResourceID(name.name(), namespace);
    return context.eventSourceRetriever().getEventSourcesFor(name.type()).stream()
        .filter(source -> source instanceof InformerEventSource<?, ?>)
        .map(source -> ((InformerEventSource<?, ?>) source).get(id))
        .flatMap(Optional::stream)
        .map(HasMetadata.class::cast)
        .findFirst();
  }

  private static String kindAndName(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
