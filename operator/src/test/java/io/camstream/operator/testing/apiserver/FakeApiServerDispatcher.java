package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camstream.operator.testing.apiserver.ResourceStore.Change;
import io.camstream.operator.testing.apiserver.ResourceStore.Keep;
import io.camstream.operator.testing.apiserver.ResourceStore.Put;
import io.camstream.operator.testing.apiserver.ResourceStore.Remove;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test API server's request handling: scripted expectations first, then armed {@link Faults}, then RBAC
 * ({@link Authorization}: a refused request is 403, {@code SelfSubjectAccessReview} answered by the same rules), then
 * an {@link ObjectStore} that keeps and serves objects as a Kubernetes 1.30 API server does:
 * <ul>
 *   <li>defaults, omitempty drops and canonical quantities ({@link ApiServerDefaults}); custom resources pruned and
 *       defaulted from their CRD ({@link StructuralSchemas}); Service addresses allocated and kept
 *       ({@link ServiceAllocations}); containers' resources validated ({@link ContainerResourcesValidation});</li>
 *   <li>{@code metadata.managedFields} per field manager for every create, update and patch
 *       ({@link ManagedFields});</li>
 *   <li>PersistentVolumeClaims given the default StorageClass, kept immutable but for a Bound claim's storage
 *       request, which grows only where the class allows it ({@link StorageAdmission}); owner references changed
 *       only by whoever may delete the object, when {@link #enforceOwnerReferencesPermission enabled}
 *       ({@link OwnerReferencesPermissionEnforcement});</li>
 *   <li>{@code resourceVersion} checked on every update and patch, {@code /status} included: stale is 409
 *       Conflict; an update without one is unconditional for built-in kinds and 422 for custom resources
 *       ({@code AllowUnconditionalUpdate} of their registry strategies);</li>
 *   <li>{@code /status} writes change only the status (apps kinds: and metadata but labels); other writes never
 *       change it where the kind has a status subresource;</li>
 *   <li>{@code metadata.generation} only on kinds that track it and only for spec changes (Deployments: spec or
 *       annotations; custom resources: anything but metadata and status);</li>
 *   <li>a write that changes nothing is answered with the stored object: no new resourceVersion, no watch event;</li>
 *   <li>lists in pages ({@code limit}, {@code continue}: later pages read at the first page's revision, 410 Expired
 *       once compacted; {@code resourceVersion=0} served whole, as from the watch cache); label and field
 *       selectors as the API server parses them;</li>
 *   <li>watches from a resourceVersion (every later change, 410 once compacted) or from now (the current objects
 *       first, as ADDED), closed after {@code timeoutSeconds};</li>
 *   <li>deletes: an object with finalizers is marked ({@code deletionTimestamp}) and goes when the last one is
 *       removed;</li>
 *   <li>SubjectAccessReviews and LocalSubjectAccessReviews are answered by RBAC over the stored Roles and bindings
 *       ({@link AccessReviews}), never stored;</li>
 *   <li>PUT and PATCH answer 200, POST 201; JSON patch, merge patch and (treated as a merge patch) strategic merge
 *       patch are served; server-side apply is not (415): camstream runs with it off.</li>
 * </ul>
 * Requests are served concurrently: gets take no lock, lists one consistent revision, writes to one resource
 * commit one at a time ({@link ResourceStore}). Every answered request is recorded in the {@link RequestLog}.
 */
public class FakeApiServerDispatcher extends Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(FakeApiServerDispatcher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "networking.k8s.io", "coordination.k8s.io",
      "events.k8s.io", "apiextensions.k8s.io", "authorization.k8s.io", "authentication.k8s.io",
      "rbac.authorization.k8s.io", "policy", "batch", "autoscaling", "storage.k8s.io", "discovery.k8s.io",
      "admissionregistration.k8s.io", "scheduling.k8s.io", "node.k8s.io", "certificates.k8s.io");
  private static final Set<String> BUILT_IN_WITH_STATUS = Set.of("Deployment", "StatefulSet", "DaemonSet",
      "ReplicaSet", "Service", "PersistentVolumeClaim", "Pod", "Namespace", "CustomResourceDefinition", "Job");
  /** Kinds whose {@code /status} writes may change metadata too, all but labels ({@code PrepareForUpdate}). */
  private static final Set<String> STATUS_WRITES_METADATA = Set.of("Deployment", "StatefulSet", "DaemonSet",
      "ReplicaSet");
  private static final ApiPath STORAGE_CLASSES = ApiPath.parse("/apis/storage.k8s.io/v1/storageclasses");
  private static final Set<String> BUILT_IN_WITH_GENERATION = Set.of("Deployment", "StatefulSet", "DaemonSet",
      "ReplicaSet", "NetworkPolicy", "CustomResourceDefinition", "Job", "Ingress");

  private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new ConcurrentHashMap<>();
  private final MockDispatcher scripted = new MockDispatcher(expectations);
  private final Faults faults = new Faults();
  private final Authorization authorization = new Authorization();
  private final RequestLog requests = new RequestLog();
  private final ServiceAllocations services = new ServiceAllocations();
  private final StructuralSchemas schemas = new StructuralSchemas();
  /** The User-Agent of the request being served: the requester, for the admission plugins that authorize. */
  private static final ThreadLocal<String> requester = new ThreadLocal<>();
  /** The name the store gave the object the request being served created, for the request log without parsing. */
  private static final ThreadLocal<String> createdName = new ThreadLocal<>();
  /** {@code OwnerReferencesPermissionEnforcement}, when enabled (off by default, as on Kubernetes). */
  private volatile OwnerReferencesPermissionEnforcement ownerReferences;
  private final ObjectStore store = new ObjectStore(Clock.systemUTC());
  private final ApiDiscovery discovery = new ApiDiscovery(schemas);
  private final ScheduledExecutorService watchTimeouts = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "fake-api-server-watch-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  public Map<ServerRequest, Queue<ServerResponse>> expectations() {
    return expectations;
  }

  public Faults faults() {
    return faults;
  }

  public Authorization authorization() {
    return authorization;
  }

  public RequestLog requests() {
    return requests;
  }

  ObjectStore store() {
    return store;
  }

  /** Enables the {@code OwnerReferencesPermissionEnforcement} admission plugin, authorizing with {@code rbac}. */
  public void enforceOwnerReferencesPermission(Authorizer rbac) {
    ownerReferences = new OwnerReferencesPermissionEnforcement(rbac);
  }

  /** Stores an object as a create would, without a request (nothing recorded): what a cluster comes with. */
  public void preinstall(String collectionPath, String json) {
    RecordedRequest create = new RecordedRequest("HTTP/1.1", HttpMethod.POST, collectionPath,
        Headers.builder().build(), new Buffer(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    MockResponse response = create(ApiPath.parse(collectionPath), create);
    if (response.code() != 201) {
      throw new IllegalStateException("preinstalling " + json + " failed: " + response.code());
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    ApiPath path = ApiPath.parse(request.getPath());
    String verb = verb(request.getMethod(), path);
    requester.set(request.getHeader("User-Agent"));
    createdName.remove();
    Queue<ServerResponse> script = expectations.get(
        new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
    MockResponse response;
    Optional<Fault> fault = Optional.empty();
    if (script != null && !script.isEmpty()) {
      response = scripted.dispatch(request);
    } else {
      fault = faults.claim(request.getMethod(), request.getPath());
      if (fault.isPresent() && fault.get().isError()) {
        String message = fault.get().message() != null ? fault.get().message()
            : "injected fault: " + verb + " " + path.resource() + (path.name() == null ? "" : " " + path.name());
        response = failure(fault.get().status(), injectedReason(fault.get().status()), message, path);
      } else {
        fault.ifPresent(Fault::runBefore);
        String userAgent = request.getHeader("User-Agent");
        Optional<MockResponse> refused = authorization.refuse(userAgent, verb, path);
        if (refused.isPresent()) {
          response = refused.get();
        } else if ("POST".equals(request.getMethod()) && "authorization.k8s.io".equals(path.group())
            && "selfsubjectaccessreviews".equals(path.plural())) {
          response = authorization.review(userAgent, request.getUtf8Body());
        } else {
          response = guarded(path, () -> serve(request, path));
        }
      }
    }
    if (response == null) {
      response = failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
          path);
    }
    if (fault.isPresent() && !fault.get().isError() && !fault.get().delay().isZero()) {
      response.setBodyDelay(fault.get().delay());
    }
    requests.record(verb, path, objectName(path, response), response.code(), request.getHeader("User-Agent"));
    return response;
  }

  @Override
  public void shutdown() {
    store.closeWatches();
    watchTimeouts.shutdownNow();
  }

  private MockResponse serve(RecordedRequest request, ApiPath path) {
    String method = request.getMethod();
    if (path.version().isEmpty() || path.plural().isEmpty()) {
      return "GET".equals(method) ? discovery.answer(request.getPath()) : notFoundPath(request.getPath());
    }
    return switch (method) {
      case "GET" -> path.isWatch() ? watch(path) : path.name() == null ? list(path) : get(path);
      case "POST" -> create(path, request);
      case "PUT" -> update(path, request);
      case "PATCH" -> patch(path, request);
      case "DELETE" -> path.name() == null ? deleteCollection(path, request) : delete(path, request);
      default -> null;
    };
  }

  /** A bug in this server answers 500 with its message instead of leaving the client without an answer. */
  private static MockResponse guarded(ApiPath path, Supplier<MockResponse> handler) {
    try {
      return handler.get();
    } catch (ApiError e) {
      MockResponse response = failure(e.code(), e.reason(), e.getMessage(), path);
      if (e.continueToken() != null) {
        ObjectNode status = (ObjectNode) parse(response.getBody().readUtf8());
        status.with("metadata").put("continue", e.continueToken());
        response.setBody(status.toString());
      }
      return response;
    } catch (RuntimeException e) {
      log.error("test API server failed on {}", path, e);
      return failure(500, "InternalError", "test API server failure: " + e, path);
    }
  }

  /**
   * Changes a stored object in place, as another client's update would (generation, resourceVersion, watch events),
   * without an HTTP round trip: safe to call from a {@link Fault#intercept}.
   */
  public void editStored(String rawPath, Consumer<ObjectNode> change) {
    editStored(rawPath, "camstream-test-edit", change);
  }

  /**
   * {@link #editStored(String, Consumer)} as {@code fieldManager} writes it; a path ending in {@code /status} is a
   * status write (only what {@code /status} may change is kept, managedFields entry of subresource status).
   */
  public void editStored(String rawPath, String fieldManager, Consumer<ObjectNode> change) {
    ApiPath path = ApiPath.parse(rawPath);
    MockResponse response = guarded(path, () -> resource(path).write(key(path, path.name()), exclusive(path),
        current -> {
          if (current == null) {
            return new Keep(notFound(path));
          }
          ObjectNode stored = parse(current.json());
          ObjectNode next = stored.deepCopy();
          change.accept(next);
          return store(path, stored, next, fieldManager);
        }));
    if (response.code() >= 300) {
      throw new IllegalStateException("editing " + rawPath + " failed: " + response.code() + " "
          + (response.getBody() == null ? "" : response.getBody().readUtf8()));
    }
  }

  /**
   * Hands {@code listener} every object of a resource as a create or update stores it (deletions left out), in commit
   * order, on the committing thread: it must only hand the work off.
   */
  void onStored(String collectionPath, Consumer<String> listener) {
    resource(ApiPath.parse(collectionPath)).listen(event -> {
      if (event.current() != null) {
        listener.accept(event.current().json());
      }
    });
  }

  private MockResponse get(ApiPath path) {
    StoredObject stored = resource(path).get(key(path, path.name()));
    return stored == null ? notFound(path) : json(200, stored.json());
  }

  private MockResponse list(ApiPath path) {
    String continueToken = path.parameter("continue");
    String resourceVersion = path.parameter("resourceVersion");
    String match = path.parameter("resourceVersionMatch");
    if (continueToken != null && !continueToken.isEmpty() && resourceVersion != null && !resourceVersion.isEmpty()) {
      throw new ApiError(400, "BadRequest", "specifying resource version is not allowed when using continue");
    }
    if (match != null && !match.isEmpty() && (resourceVersion == null || resourceVersion.isEmpty())) {
      throw new ApiError(400, "BadRequest", "resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    long limit = parseLong(path.parameter("limit"), "limit");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      long requested = parseLong(resourceVersion, "resourceVersion");
      if (requested > store.revision()) {
        throw new ApiError(504, "Timeout", "Too large resource version: " + requested + ", current: "
            + store.revision());
      }
      if (requested == 0) {
        // Served from the watch cache, which ignores the limit (before Kubernetes 1.33).
        limit = 0;
      }
    }
    ListPage page = resource(path).list(selection(path), limit,
        continueToken == null || continueToken.isEmpty() ? null : continueToken);
    return json(200, listJson(path, page.items(), page.resourceVersion(), page.continueToken(),
        page.remainingItemCount()));
  }

  private MockResponse watch(ApiPath path) {
    Selection selection = selection(path);
    String resourceVersion = path.parameter("resourceVersion");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      parseLong(resourceVersion, "resourceVersion");
    }
    long timeoutSeconds = parseLong(path.parameter("timeoutSeconds"), "timeoutSeconds");
    ResourceStore resource = resource(path);
    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
      private volatile WatchStream stream;

      @Override
      public void onOpen(WebSocket webSocket, Response response) {
        stream = new WatchStream(selection, webSocket);
        resource.watch(stream, resourceVersion);
        if (timeoutSeconds > 0 && !watchTimeouts.isShutdown()) {
          watchTimeouts.schedule(() -> {
            resource.stopWatching(stream);
            stream.close();
          }, timeoutSeconds, TimeUnit.SECONDS);
        }
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        stop();
        webSocket.close(code, reason);
      }

      @Override
      public void onClosed(WebSocket webSocket, int code, String reason) {
        stop();
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        stop();
      }

      private void stop() {
        if (stream != null) {
          resource.stopWatching(stream);
          stream.close();
        }
      }
    });
  }

  /** The stored Roles, ClusterRoles and their bindings, which access reviews are answered from. */
  private List<JsonNode> rbacObjects() {
    List<JsonNode> objects = new ArrayList<>();
    for (String resource : List.of("roles", "rolebindings", "clusterroles", "clusterrolebindings")) {
      store.of(resource + ".rbac.authorization.k8s.io").all().forEach(stored -> objects.add(parse(stored.json())));
    }
    return objects;
  }

  private MockResponse create(ApiPath path, RecordedRequest request) {
    ObjectNode sent;
    try {
      sent = parse(request.getUtf8Body());
    } catch (IllegalArgumentException e) {
      return failure(400, "BadRequest", e.getMessage(), path);
    }
    if (AccessReviews.isReview(path)) {
      return AccessReviews.answer(path, sent, rbacObjects());
    }
    String invalid = invalidObject(sent);
    if (invalid != null) {
      return failure(422, "Invalid", invalid, path);
    }
    ObjectNode sentMetadata = (ObjectNode) sent.get("metadata");
    if (path.namespace() != null && sentMetadata.hasNonNull("namespace")
        && !sentMetadata.get("namespace").asText().isEmpty()
        && !path.namespace().equals(sentMetadata.get("namespace").asText())) {
      return failure(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on "
          + "the request", path);
    }
    if (!sentMetadata.hasNonNull("name") || sentMetadata.get("name").asText().isEmpty()) {
      sentMetadata.put("name", sentMetadata.path("generateName").asText() + randomSuffix());
    }
    String name = sentMetadata.get("name").asText();
    String manager = ManagedFields.manager(path.parameter("fieldManager"), request.getHeader("User-Agent"));
    return resource(path).write(key(path, name), exclusive(path), current -> {
      if (current != null) {
        return new Keep(failure(409, "AlreadyExists", plural(path) + " \"" + name + "\" already exists", path,
            name));
      }
      ObjectNode object = sent.deepCopy();
      ObjectNode metadata = (ObjectNode) object.get("metadata");
      String kind = object.path("kind").asText();
      if (path.namespace() != null) {
        metadata.put("namespace", path.namespace());
      }
      metadata.put("uid", UUID.randomUUID().toString());
      metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      metadata.remove("deletionTimestamp");
      metadata.remove("generation");
      metadata.remove("resourceVersion");
      JsonNode requestedManagedFields = metadata.remove("managedFields");
      if (tracksGeneration(kind, path)) {
        metadata.put("generation", 1);
      }
      initialStatus(object, kind, path);
      if ("PersistentVolumeClaim".equals(kind)) {
        StorageAdmission.setDefaultStorageClass(object, storageClasses());
      }
      try {
        normalise(object, path);
      } catch (IllegalArgumentException e) {
        return new Keep(failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + e.getMessage(), path,
            name));
      }
      String forbidden = ownerReferences == null ? null
          : ownerReferences.forbidden(requester.get(), path, null, object);
      if (forbidden != null) {
        return new Keep(forbidden(path, name, forbidden));
      }
      if ("Service".equals(kind) && object.get("spec") instanceof ObjectNode spec) {
        String taken = ServiceAllocations.nodePortTaken(spec, () -> nodePortsOfOtherServices(path, name));
        if (taken != null) {
          return new Keep(failure(422, "Invalid", "Service \"" + name + "\" is invalid: " + taken, path, name));
        }
        services.allocate(spec);
      }
      setManagedFields(metadata, ManagedFields.afterWrite(null, object, requestedManagedFields,
          writer(path, manager, object, kind, false)));
      return new Put(object, stored -> {
        if ("CustomResourceDefinition".equals(kind)) {
          schemas.register(parse(stored.json()));
        }
        createdName.set(stored.name());
        return json(201, stored.json());
      });
    });
  }

  private MockResponse update(ApiPath path, RecordedRequest request) {
    ObjectNode sent;
    try {
      sent = parse(request.getUtf8Body());
    } catch (IllegalArgumentException e) {
      return failure(400, "BadRequest", e.getMessage(), path);
    }
    String invalid = invalidObject(sent);
    if (invalid != null) {
      return failure(422, "Invalid", invalid, path);
    }
    if (!path.name().equals(sent.path("metadata").path("name").asText(path.name()))) {
      return failure(400, "BadRequest", "the name of the object (" + sent.path("metadata").path("name").asText()
          + ") does not match the name on the URL (" + path.name() + ")", path);
    }
    String manager = ManagedFields.manager(path.parameter("fieldManager"), request.getHeader("User-Agent"));
    return resource(path).write(key(path, path.name()), exclusive(path), current -> {
      if (current == null) {
        return new Keep(notFound(path));
      }
      ObjectNode stored = parse(current.json());
      ObjectNode next = sent.deepCopy();
      MockResponse conflict = checkResourceVersion(stored, next, path, true);
      if (conflict != null) {
        return new Keep(conflict);
      }
      return store(path, stored, next, manager);
    });
  }

  private MockResponse patch(ApiPath path, RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    String type = contentType == null ? "application/json-patch+json" : contentType.split(";")[0].trim();
    JsonNode patch;
    try {
      patch = JSON.readTree(request.getUtf8Body());
    } catch (JsonProcessingException e) {
      return failure(400, "BadRequest", "the patch is not JSON: " + e.getOriginalMessage(), path);
    }
    if (!Set.of("application/json-patch+json", "application/merge-patch+json",
        "application/strategic-merge-patch+json").contains(type)) {
      return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
          + "application/strategic-merge-patch+json (server-side apply is not served: camstream runs with it off)",
          path);
    }
    String manager = ManagedFields.manager(path.parameter("fieldManager"), request.getHeader("User-Agent"));
    return resource(path).write(key(path, path.name()), exclusive(path), current -> {
      if (current == null) {
        return new Keep(notFound(path));
      }
      ObjectNode stored = parse(current.json());
      JsonNode patched;
      try {
        patched = "application/json-patch+json".equals(type) ? JsonPatch.apply(patch, stored.deepCopy())
            : mergePatch(stored.deepCopy(), patch);
      } catch (RuntimeException e) {
        return new Keep(failure(422, "Invalid", "the patch cannot be applied: " + e.getMessage(), path));
      }
      if (!(patched instanceof ObjectNode patchedObject)) {
        return new Keep(failure(422, "Invalid", "the patch does not result in an object", path));
      }
      MockResponse conflict = checkResourceVersion(stored, patchedObject, path, false);
      if (conflict != null) {
        return new Keep(conflict);
      }
      return store(path, stored, patchedObject, manager);
    });
  }

  private MockResponse delete(ApiPath path, RecordedRequest request) {
    JsonNode options;
    try {
      String body = request.getUtf8Body();
      options = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return failure(400, "BadRequest", "the delete options are not JSON: " + e.getOriginalMessage(), path);
    }
    return resource(path).write(key(path, path.name()), exclusive(path), current -> deletion(path, current,
        options.path("preconditions")));
  }

  /** What a delete does to one object: marks it while finalizers are left, else removes it. */
  private Change deletion(ApiPath path, StoredObject current, JsonNode preconditions) {
    if (current == null) {
      return new Keep(notFound(path));
    }
    ObjectNode stored = parse(current.json());
    ObjectNode metadata = (ObjectNode) stored.get("metadata");
    String name = metadata.path("name").asText();
    for (String field : new String[] {"uid", "resourceVersion"}) {
      if (preconditions.hasNonNull(field) && !preconditions.get(field).asText().equals(metadata.path(field).asText())) {
        return new Keep(failure(409, "Conflict", "Operation cannot be fulfilled on " + plural(path) + " \"" + name
            + "\": Precondition failed: " + (field.equals("uid") ? "UID" : "ResourceVersion") + " in precondition: "
            + preconditions.get(field).asText() + ", " + (field.equals("uid") ? "UID" : "ResourceVersion")
            + " in object meta: " + metadata.path(field).asText(), path, name));
      }
    }
    if (!metadata.path("finalizers").isEmpty()) {
      if (metadata.hasNonNull("deletionTimestamp")) {
        return new Keep(json(200, current.json()));
      }
      ObjectNode next = stored.deepCopy();
      ObjectNode nextMetadata = (ObjectNode) next.get("metadata");
      nextMetadata.put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      nextMetadata.put("deletionGracePeriodSeconds", 0);
      if (nextMetadata.has("generation")) {
        nextMetadata.put("generation", nextMetadata.get("generation").asLong() + 1);
      }
      return new Put(next, marked -> json(200, marked.json()));
    }
    return new Remove(deleted -> json(200, deletedStatus(path, name, metadata.path("uid").asText())));
  }

  private MockResponse deleteCollection(ApiPath path, RecordedRequest request) {
    ResourceStore resource = resource(path);
    List<StoredObject> matching = resource.list(selection(path), 0, null).items();
    List<StoredObject> affected = new ArrayList<>();
    for (StoredObject object : matching) {
      ApiPath one = new ApiPath(path.group(), path.version(), object.namespace(), path.plural(), object.name(), null,
          "");
      MockResponse response = resource.write(object.key(), exclusive(path), current ->
          deletion(one, current, JsonNodeFactory.instance.objectNode()));
      if (response.code() == 200) {
        StoredObject after = resource.get(object.key());
        affected.add(after != null ? after : object);
      }
    }
    return json(200, listJson(path, affected, store.revision(), null, null));
  }

  /** Turns the client's version of the object into what is stored, or keeps the stored one if nothing changed. */
  private Change store(ApiPath path, ObjectNode current, ObjectNode sent, String manager) {
    String kind = current.path("kind").asText();
    String name = current.path("metadata").path("name").asText();
    boolean hasStatus = hasStatusSubresource(kind, path);
    ObjectNode next;
    JsonNode requestedManagedFields = null;
    if (path.isStatus()) {
      next = current.deepCopy();
      setOrRemove(next, "status", sent.get("status"));
      if (STATUS_WRITES_METADATA.contains(kind) && sent.get("metadata") instanceof ObjectNode sentMetadata) {
        // The apps status strategies keep only the spec and labels: the Deployment controller sets the
        // deployment.kubernetes.io/revision annotation through /status.
        ObjectNode kept = sentMetadata.deepCopy();
        setOrRemove(kept, "labels", current.path("metadata").get("labels"));
        next.set("metadata", kept);
      }
      ((ObjectNode) next.get("metadata")).remove("managedFields");
    } else {
      next = sent;
      if (hasStatus) {
        setOrRemove(next, "status", current.get("status"));
      }
      next.put("kind", kind);
      next.put("apiVersion", current.path("apiVersion").asText());
    }
    ObjectNode metadata = next.get("metadata") instanceof ObjectNode m ? m : next.putObject("metadata");
    if (!path.isStatus()) {
      requestedManagedFields = metadata.remove("managedFields");
    }
    ObjectNode currentMetadata = (ObjectNode) current.get("metadata");
    for (String kept : new String[] {"name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds"}) {
      setOrRemove(metadata, kept, currentMetadata.get(kept));
    }
    metadata.remove("generation");
    metadata.remove("resourceVersion");
    try {
      normalise(next, path);
    } catch (IllegalArgumentException e) {
      return new Keep(failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + e.getMessage(), path, name));
    }
    if (!path.isStatus() && "Service".equals(kind) && next.get("spec") instanceof ObjectNode spec) {
      String problem = Optional.ofNullable(ServiceAllocations.nodePortTaken(spec,
          () -> nodePortsOfOtherServices(path, name))).orElseGet(() -> services.keepAllocated(spec, current.path("spec")));
      if (problem != null) {
        return new Keep(failure(422, "Invalid", "Service \"" + name + "\" is invalid: " + problem, path, name));
      }
    }
    if (!path.isStatus() && "PersistentVolumeClaim".equals(kind)) {
      String problem = StorageAdmission.updateInvalid(current, next);
      if (problem != null) {
        return new Keep(failure(422, "Invalid", "PersistentVolumeClaim \"" + name + "\" is invalid: " + problem,
            path, name));
      }
      String forbidden = StorageAdmission.resizeForbidden(current, next, this::storageClass);
      if (forbidden != null) {
        return new Keep(forbidden(path, name, forbidden));
      }
    }
    String forbidden = ownerReferences == null ? null
        : ownerReferences.forbidden(requester.get(), path, current, next);
    if (forbidden != null) {
      return new Keep(forbidden(path, name, forbidden));
    }
    if (tracksGeneration(kind, path)) {
      long generation = currentMetadata.path("generation").asLong(1);
      boolean changed = !path.isStatus() && generationChanged(kind, path, current, next);
      metadata.put("generation", changed ? generation + 1 : generation);
    }
    metadata.put("resourceVersion", currentMetadata.path("resourceVersion").asText());
    setManagedFields(metadata, ManagedFields.afterWrite(current, next, requestedManagedFields,
        writer(path, manager, next, kind, hasStatus)));
    // Numbers compared by value: one the server put in equals the same number the store read back.
    if (next.equals(NUMBERS_BY_VALUE, current)) {
      return new Keep(json(200, current.toString()));
    }
    if (metadata.hasNonNull("deletionTimestamp") && metadata.path("finalizers").isEmpty()) {
      String last = next.toString();
      return new Remove(deleted -> json(200, last));
    }
    return new Put(next, stored -> {
      if ("CustomResourceDefinition".equals(kind)) {
        schemas.register(parse(stored.json()));
      }
      return json(200, stored.json());
    });
  }

  private ManagedFields.Writer writer(ApiPath path, String manager, JsonNode object, String kind, boolean hasStatus) {
    // A /status write can only have changed what its strategy lets through (status; apps kinds: metadata too).
    FieldComparison.Scope scope = path.isStatus() ? FieldComparison.Scope.EVERYTHING
        : hasStatus || hasStatusSubresource(kind, path) ? FieldComparison.Scope.ALL_BUT_STATUS
        : FieldComparison.Scope.EVERYTHING;
    return new ManagedFields.Writer(manager, path.isStatus() ? "status" : null, object.path("apiVersion").asText(),
        Instant.now(), kind, isCustomResource(path), scope);
  }

  private static void setManagedFields(ObjectNode metadata, ArrayNode managedFields) {
    if (managedFields.isEmpty()) {
      metadata.remove("managedFields");
    } else {
      metadata.set("managedFields", managedFields);
    }
  }

  /**
   * 409 when the write names a resourceVersion that is not the stored one; 422 when an update of a custom resource
   * names none.
   */
  private MockResponse checkResourceVersion(ObjectNode current, ObjectNode sent, ApiPath path, boolean isUpdate) {
    String expected = current.path("metadata").path("resourceVersion").asText();
    String given = sent.path("metadata").path("resourceVersion").asText("");
    String name = current.path("metadata").path("name").asText();
    if (given.isEmpty()) {
      if (isUpdate && isCustomResource(path)) {
        return failure(422, "Invalid", current.path("kind").asText() + ".camstream.io \"" + name + "\" is invalid: "
            + "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update", path, name);
      }
      return null;
    }
    if (!given.equals(expected)) {
      return failure(409, "Conflict", "Operation cannot be fulfilled on " + plural(path) + " \"" + name
          + "\": the object has been modified; please apply your changes to the latest version and try again",
          path, name);
    }
    return null;
  }

  private ResourceStore resource(ApiPath path) {
    return store.of(path.storeKey());
  }

  private static String key(ApiPath path, String name) {
    return StoredObject.key(path.namespace(), name);
  }

  /**
   * Writes whose handler must not run twice or concurrently: Service allocations and node-port checks across
   * Services, and CRDs (their schemas are registered).
   */
  private static boolean exclusive(ApiPath path) {
    return path.plural().equals("services") || path.plural().equals("customresourcedefinitions");
  }

  private static Selection selection(ApiPath path) {
    try {
      return new Selection(path.namespace(), LabelSelector.parse(path.parameter("labelSelector")),
          FieldSelector.parse(path.parameter("fieldSelector"), path.plural()));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "BadRequest", e.getMessage());
    }
  }

  private static long parseLong(String value, String parameter) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "BadRequest", "invalid " + parameter + " \"" + value + "\"");
    }
  }

  /** A list as the API server writes it, from the stored texts (nothing is parsed or serialized again). */
  private String listJson(ApiPath path, List<StoredObject> items, long resourceVersion, String continueToken,
      Long remaining) {
    StringBuilder json = new StringBuilder(64 + items.stream().mapToInt(i -> i.json().length() + 1).sum());
    json.append("{\"kind\":\"").append(discovery.kind(path, items)).append("List\",\"apiVersion\":\"")
        .append(path.group().isEmpty() ? path.version() : path.group() + "/" + path.version())
        .append("\",\"metadata\":{\"resourceVersion\":\"").append(resourceVersion).append('"');
    if (continueToken != null) {
      json.append(",\"continue\":\"").append(continueToken).append('"');
    }
    if (remaining != null) {
      json.append(",\"remainingItemCount\":").append(remaining);
    }
    json.append("},\"items\":[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(items.get(i).json());
    }
    return json.append("]}").toString();
  }

  private void normalise(ObjectNode object, ApiPath path) {
    if (isCustomResource(path)) {
      schemas.pruneAndDefault(path.group(), path.version(), path.plural(), object);
      ApiServerDefaults.dropOmitEmpty(object.get("metadata"));
    } else {
      ApiServerDefaults.apply(object);
      // A /status write keeps the stored spec, validated when it was written (ValidateUpdateStatus checks the status).
      List<String> invalid = path.isStatus() ? List.of() : ContainerResourcesValidation.errors(object);
      if (!invalid.isEmpty()) {
        throw new IllegalArgumentException(ContainerResourcesValidation.describe(invalid));
      }
    }
  }

  /** What a registry strategy's PrepareForCreate leaves in the status of a new object. */
  private void initialStatus(ObjectNode object, String kind, ApiPath path) {
    if (isCustomResource(path)) {
      object.remove("status");
      return;
    }
    switch (kind) {
      case "Deployment" -> object.set("status", JsonNodeFactory.instance.objectNode());
      case "Service" -> object.set("status", JSON.createObjectNode().set("loadBalancer", JSON.createObjectNode()));
      case "PersistentVolumeClaim" -> object.set("status", JSON.createObjectNode().put("phase", "Pending"));
      default -> {
      }
    }
  }

  private boolean isCustomResource(ApiPath path) {
    return !BUILT_IN_GROUPS.contains(path.group()) && schemas.isCustomResource(path.group(), path.version(),
        path.plural());
  }

  private boolean hasStatusSubresource(String kind, ApiPath path) {
    if (isCustomResource(path)) {
      return schemas.hasStatusSubresource(path.group(), path.version(), path.plural());
    }
    return BUILT_IN_WITH_STATUS.contains(kind);
  }

  private boolean tracksGeneration(String kind, ApiPath path) {
    return isCustomResource(path) || (BUILT_IN_GROUPS.contains(path.group()) && BUILT_IN_WITH_GENERATION.contains(kind));
  }

  /**
   * Deployments: spec or annotations ({@code pkg/registry/apps/deployment/strategy.go}); custom resources: anything
   * but metadata and status; other kinds that track it: the spec.
   */
  private boolean generationChanged(String kind, ApiPath path, ObjectNode current, ObjectNode next) {
    if (isCustomResource(path)) {
      ObjectNode a = current.deepCopy();
      ObjectNode b = next.deepCopy();
      for (ObjectNode o : new ObjectNode[] {a, b}) {
        o.remove("metadata");
        o.remove("status");
      }
      return !a.equals(b);
    }
    boolean specChanged = !current.path("spec").equals(next.path("spec"));
    if ("Deployment".equals(kind)) {
      return specChanged || !current.path("metadata").path("annotations").equals(next.path("metadata").path("annotations"));
    }
    return specChanged;
  }

  private static String invalidObject(ObjectNode object) {
    if (object.path("kind").asText().isEmpty()) {
      return "Object 'Kind' is missing";
    }
    if (object.path("apiVersion").asText().isEmpty()) {
      return "Object 'apiVersion' is missing";
    }
    if (!(object.get("metadata") instanceof ObjectNode metadata)) {
      return "metadata: Required value";
    }
    if (metadata.path("name").asText().isEmpty() && metadata.path("generateName").asText().isEmpty()) {
      return "metadata.name: Required value: name or generateName is required";
    }
    return null;
  }

  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target instanceof ObjectNode object ? object : JSON.createObjectNode();
    patch.fields().forEachRemaining(entry -> {
      if (entry.getValue().isNull()) {
        result.remove(entry.getKey());
      } else {
        result.set(entry.getKey(), mergePatch(result.get(entry.getKey()), entry.getValue()));
      }
    });
    return result;
  }

  /** The cluster's StorageClasses (a handful). */
  private List<JsonNode> storageClasses() {
    return store.of(STORAGE_CLASSES.storeKey()).all().stream().map(stored -> (JsonNode) parse(stored.json()))
        .toList();
  }

  private JsonNode storageClass(String name) {
    StoredObject stored = store.of(STORAGE_CLASSES.storeKey()).get(key(STORAGE_CLASSES, name));
    return stored == null ? null : parse(stored.json());
  }

  /** An admission plugin's refusal, as {@code admission.NewForbidden} words it. */
  private static MockResponse forbidden(ApiPath path, String name, String why) {
    return failure(403, "Forbidden", plural(path) + " \"" + name + "\" is forbidden: " + why, path, name);
  }

  /** The node ports the stored Services other than {@code namespace/name} hold: unique in the whole cluster. */
  private Set<Integer> nodePortsOfOtherServices(ApiPath path, String name) {
    Set<Integer> held = new HashSet<>();
    for (StoredObject stored : resource(path).all()) {
      if (!stored.json().contains("\"nodePort\"")
          || (java.util.Objects.equals(stored.namespace(), path.namespace()) && stored.name().equals(name))) {
        continue;
      }
      parse(stored.json()).path("spec").path("ports").forEach(port -> {
        if (port.path("nodePort").asInt(0) != 0) {
          held.add(port.path("nodePort").asInt());
        }
      });
    }
    return held;
  }

  static ObjectNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("the request body is not a JSON object");
      }
      return object;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static void setOrRemove(ObjectNode object, String field, JsonNode value) {
    if (value == null || value.isMissingNode()) {
      object.remove(field);
    } else {
      object.set(field, value.deepCopy());
    }
  }

  private static String objectName(ApiPath path, MockResponse response) {
    if (path.name() != null || response.code() != 201 || response.getBody() == null) {
      return path.name();
    }
    if (createdName.get() != null) {
      return createdName.get();
    }
    try {
      return JSON.readTree(response.getBody().getBytes()).path("metadata").path("name").asText(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String verb(String method, ApiPath path) {
    return switch (method) {
      case "GET" -> path.isWatch() ? "watch" : path.name() == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> path.name() == null ? "deletecollection" : "delete";
      default -> method.toLowerCase();
    };
  }

  private static String injectedReason(int status) {
    return switch (status) {
      case 409 -> "Conflict";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "";
    };
  }

  private static String plural(ApiPath path) {
    return path.group().isEmpty() ? path.plural() : path.plural() + "." + path.group();
  }

  private static String randomSuffix() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return suffix.toString();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static String deletedStatus(ApiPath path, String name, String uid) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    ObjectNode details = status.putObject("details").put("name", name);
    if (!path.group().isEmpty()) {
      details.put("group", path.group());
    }
    details.put("kind", path.plural()).put("uid", uid);
    return status.toString();
  }

  private static MockResponse notFound(ApiPath path) {
    return failure(404, "NotFound", plural(path) + " \"" + path.name() + "\" not found", path, path.name());
  }

  private static MockResponse notFoundPath(String rawPath) {
    return failure(404, "NotFound", "the server could not find the requested resource", ApiPath.parse(rawPath), null);
  }

  private static MockResponse failure(int code, String reason, String message, ApiPath path) {
    return failure(code, reason, message, path, path.name());
  }

  /** A {@code Status} answer as the API server writes it, which Fabric8 turns into a KubernetesClientException. */
  static MockResponse failure(int code, String reason, String message, ApiPath path, String name) {
    ObjectNode status = JSON.createObjectNode()
        .put("kind", "Status")
        .put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    ObjectNode details = status.putObject("details");
    if (name != null) {
      details.put("name", name);
    }
    if (!path.group().isEmpty()) {
      details.put("group", path.group());
    }
    details.put("kind", path.plural());
    return json(code, status.toString());
  }
}
