package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.LockedCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test API server's request handling: scripted expectations first, then armed {@link Faults}, then a store that
 * writes what a Kubernetes 1.30 API server writes. On top of Fabric8's CRUD store (lists, watches, deletes with
 * finalizers) it replaces create, update and patch:
 * <ul>
 *   <li>defaults, omitempty drops and canonical quantities ({@link ApiServerDefaults}); custom resources pruned and
 *       defaulted from their CRD ({@link StructuralSchemas}); Service addresses allocated and kept
 *       ({@link ServiceAllocations});</li>
 *   <li>{@code resourceVersion} checked on every update and patch, {@code /status} included: stale is 409
 *       Conflict; an update without one is unconditional for built-in kinds and 422 for custom resources
 *       ({@code AllowUnconditionalUpdate} of their registry strategies);</li>
 *   <li>{@code /status} writes change only the status; other writes never change it where the kind has a status
 *       subresource;</li>
 *   <li>{@code metadata.generation} only on kinds that track it and only for spec changes (Deployments: spec or
 *       annotations; custom resources: anything but metadata and status);</li>
 *   <li>a write that changes nothing is answered with the stored object: no new resourceVersion, no watch event;</li>
 *   <li>PUT and PATCH answer 200, POST 201; JSON patch, merge patch and (treated as a merge patch) strategic merge
 *       patch are served; server-side apply is not (415): camstream runs with it off.</li>
 * </ul>
 * Every answered request is recorded in the {@link RequestLog}.
 */
public class FakeApiServerDispatcher extends LockedCrudDispatcher {
  private static final Logger log = LoggerFactory.getLogger(FakeApiServerDispatcher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "networking.k8s.io", "coordination.k8s.io",
      "events.k8s.io", "apiextensions.k8s.io", "authorization.k8s.io", "authentication.k8s.io",
      "rbac.authorization.k8s.io", "policy", "batch", "autoscaling", "storage.k8s.io", "discovery.k8s.io",
      "admissionregistration.k8s.io", "scheduling.k8s.io", "node.k8s.io", "certificates.k8s.io");
  private static final Set<String> BUILT_IN_WITH_STATUS = Set.of("Deployment", "StatefulSet", "DaemonSet",
      "ReplicaSet", "Service", "PersistentVolumeClaim", "Pod", "Namespace", "CustomResourceDefinition", "Job");
  private static final Set<String> BUILT_IN_WITH_GENERATION = Set.of("Deployment", "StatefulSet", "DaemonSet",
      "ReplicaSet", "NetworkPolicy", "CustomResourceDefinition", "Job", "Ingress");

  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new ConcurrentHashMap<>();
  private final MockDispatcher scripted = new MockDispatcher(expectations);
  private final Faults faults = new Faults();
  private final RequestLog requests = new RequestLog();
  private final ServiceAllocations services = new ServiceAllocations();
  private final StructuralSchemas schemas = new StructuralSchemas();

  public Map<ServerRequest, Queue<ServerResponse>> expectations() {
    return expectations;
  }

  public Faults faults() {
    return faults;
  }

  public RequestLog requests() {
    return requests;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    ApiPath path = ApiPath.parse(request.getPath());
    String verb = verb(request.getMethod(), path);
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
        response = super.dispatch(request);
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
  public MockResponse handleCreate(RecordedRequest request) {
    return underWriteLock(request, (path, contentType, body) -> guarded(path, () -> create(path, body)));
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    return underWriteLock(request, (path, contentType, body) -> guarded(path, () -> update(path, body)));
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    return underWriteLock(request,
        (path, contentType, body) -> guarded(path, () -> patch(path, contentType, body)));
  }

  /** A bug in this server answers 500 with its message instead of leaving the client without an answer. */
  private static MockResponse guarded(String path, Supplier<MockResponse> handler) {
    try {
      return handler.get();
    } catch (RuntimeException e) {
      log.error("test API server failed on {}", path, e);
      return failure(500, "InternalError", "test API server failure: " + e, ApiPath.parse(path));
    }
  }

  /**
   * Changes a stored object in place, as another client's update would (generation, resourceVersion, watch events),
   * without an HTTP round trip: safe to call from a {@link Fault#intercept}.
   */
  public void editStored(String rawPath, Consumer<ObjectNode> change) {
    RecordedRequest edit = new RecordedRequest("HTTP/1.1", HttpMethod.PUT, rawPath, Headers.builder().build(),
        new Buffer(new byte[0]));
    MockResponse response = underWriteLock(edit, (path, contentType, body) -> guarded(path, () -> {
      Map.Entry<AttributeSet, String> stored = findResource(getKey(path));
      if (stored == null) {
        return notFound(ApiPath.parse(path));
      }
      ObjectNode current = parse(stored.getValue());
      ObjectNode next = current.deepCopy();
      change.accept(next);
      return store(path, ApiPath.parse(path), stored, current, next);
    }));
    if (response.code() >= 300) {
      throw new IllegalStateException("editing " + rawPath + " failed: " + response.code() + " "
          + (response.getBody() == null ? "" : new String(response.getBody().getBytes(),
          java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  private MockResponse create(String rawPath, String body) {
    ApiPath path = ApiPath.parse(rawPath);
    ObjectNode object;
    try {
      object = parse(body);
    } catch (IllegalArgumentException e) {
      return failure(400, "BadRequest", e.getMessage(), path);
    }
    String invalid = invalidObject(object);
    if (invalid != null) {
      return failure(422, "Invalid", invalid, path);
    }
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    String kind = object.path("kind").asText();
    if (path.namespace() != null && metadata.hasNonNull("namespace")
        && !metadata.get("namespace").asText().isEmpty() && !path.namespace().equals(metadata.get("namespace").asText())) {
      return failure(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on "
          + "the request", path);
    }
    if (!metadata.hasNonNull("name") || metadata.get("name").asText().isEmpty()) {
      metadata.put("name", metadata.path("generateName").asText() + randomSuffix());
    }
    String name = metadata.get("name").asText();
    AttributeSet attributes = getKey(rawPath).add(new Attribute(KubernetesAttributesExtractor.NAME, name));
    if (findResource(attributes) != null) {
      return failure(409, "AlreadyExists", plural(path) + " \"" + name + "\" already exists", path, name);
    }
    if (path.namespace() != null) {
      metadata.put("namespace", path.namespace());
    }
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    metadata.remove("deletionTimestamp");
    metadata.remove("generation");
    if (tracksGeneration(kind, path)) {
      metadata.put("generation", 1);
    }
    initialStatus(object, kind, path);
    try {
      normalise(object, path);
    } catch (IllegalArgumentException e) {
      return failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + e.getMessage(), path, name);
    }
    if ("Service".equals(kind) && object.get("spec") instanceof ObjectNode spec) {
      String taken = ServiceAllocations.nodePortTaken(spec, nodePortsOfOtherServices(path.namespace(), name));
      if (taken != null) {
        return failure(422, "Invalid", "Service \"" + name + "\" is invalid: " + taken, path, name);
      }
      services.allocate(spec);
    }
    metadata.put("resourceVersion", String.valueOf(requestResourceVersion()));
    String json = object.toString();
    if ("CustomResourceDefinition".equals(kind)) {
      schemas.register(object);
    }
    processEvent(rawPath, attributes, null, Serialization.unmarshal(json, GenericKubernetesResource.class), json);
    return new MockResponse().setResponseCode(201).setBody(json);
  }

  private MockResponse update(String rawPath, String body) {
    ApiPath path = ApiPath.parse(rawPath);
    Map.Entry<AttributeSet, String> stored = findResource(getKey(rawPath));
    if (stored == null) {
      return notFound(path);
    }
    ObjectNode current = parse(stored.getValue());
    ObjectNode sent;
    try {
      sent = parse(body);
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
    MockResponse conflict = checkResourceVersion(current, sent, path, true);
    if (conflict != null) {
      return conflict;
    }
    return store(rawPath, path, stored, current, sent);
  }

  private MockResponse patch(String rawPath, String contentType, String body) {
    ApiPath path = ApiPath.parse(rawPath);
    Map.Entry<AttributeSet, String> stored = findResource(getKey(rawPath));
    if (stored == null) {
      return notFound(path);
    }
    ObjectNode current = parse(stored.getValue());
    String type = contentType == null ? "application/json-patch+json" : contentType.split(";")[0].trim();
    JsonNode patched;
    try {
      JsonNode patch = JSON.readTree(body);
      switch (type) {
        case "application/json-patch+json" -> patched = JsonPatch.apply(patch, current.deepCopy());
        case "application/merge-patch+json", "application/strategic-merge-patch+json" ->
            patched = mergePatch(current.deepCopy(), patch);
        default -> {
          return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
              + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
              + "application/strategic-merge-patch+json (server-side apply is not served: camstream runs with it off)",
              path);
        }
      }
    } catch (JsonProcessingException | RuntimeException e) {
      return failure(422, "Invalid", "the patch cannot be applied: " + e.getMessage(), path);
    }
    if (!(patched instanceof ObjectNode patchedObject)) {
      return failure(422, "Invalid", "the patch does not result in an object", path);
    }
    MockResponse conflict = checkResourceVersion(current, patchedObject, path, false);
    if (conflict != null) {
      return conflict;
    }
    return store(rawPath, path, stored, current, patchedObject);
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

  /** Turns the client's version of the object into what is stored, and stores it unless nothing changed. */
  private MockResponse store(String rawPath, ApiPath path, Map.Entry<AttributeSet, String> stored,
      ObjectNode current, ObjectNode sent) {
    String kind = current.path("kind").asText();
    String name = current.path("metadata").path("name").asText();
    boolean hasStatus = hasStatusSubresource(kind, rawPath, path);
    ObjectNode next;
    if (path.isStatus()) {
      next = current.deepCopy();
      setOrRemove(next, "status", sent.get("status"));
    } else {
      next = sent;
      if (hasStatus) {
        setOrRemove(next, "status", current.get("status"));
      }
      next.put("kind", kind);
      next.put("apiVersion", current.path("apiVersion").asText());
    }
    ObjectNode metadata = next.get("metadata") instanceof ObjectNode m ? m : next.putObject("metadata");
    ObjectNode currentMetadata = (ObjectNode) current.get("metadata");
    for (String kept : new String[] {"name", "namespace", "uid", "creationTimestamp", "deletionTimestamp"}) {
      setOrRemove(metadata, kept, currentMetadata.get(kept));
    }
    metadata.remove("generation");
    metadata.remove("resourceVersion");
    try {
      normalise(next, path);
    } catch (IllegalArgumentException e) {
      return failure(422, "Invalid", kind + " \"" + name + "\" is invalid: " + e.getMessage(), path, name);
    }
    if (!path.isStatus() && "Service".equals(kind) && next.get("spec") instanceof ObjectNode spec) {
      String problem = Optional.ofNullable(ServiceAllocations.nodePortTaken(spec,
          nodePortsOfOtherServices(path.namespace(), name))).orElseGet(() -> services.keepAllocated(spec,
          current.path("spec")));
      if (problem != null) {
        return failure(422, "Invalid", "Service \"" + name + "\" is invalid: " + problem, path, name);
      }
    }
    if (!path.isStatus() && "PersistentVolumeClaim".equals(kind)) {
      String problem = persistentVolumeClaimImmutability(current.path("spec"), next.path("spec"));
      if (problem != null) {
        return failure(422, "Invalid", "PersistentVolumeClaim \"" + name + "\" is invalid: " + problem, path, name);
      }
    }
    if (tracksGeneration(kind, path)) {
      long generation = currentMetadata.path("generation").asLong(1);
      metadata.put("generation", generationChanged(kind, path, current, next) ? generation + 1 : generation);
    }
    metadata.put("resourceVersion", currentMetadata.path("resourceVersion").asText());
    // Compared as stored text: a number the server put in is the same number the store read back.
    if (parse(next.toString()).equals(current)) {
      return new MockResponse().setResponseCode(200).setBody(current.toString());
    }
    if (metadata.hasNonNull("deletionTimestamp") && metadata.path("finalizers").isEmpty()) {
      processEvent(rawPath, getKey(rawPath), stored.getKey(), null, null);
      return new MockResponse().setResponseCode(200).setBody(next.toString());
    }
    metadata.put("resourceVersion", String.valueOf(requestResourceVersion()));
    String json = next.toString();
    if ("CustomResourceDefinition".equals(kind)) {
      schemas.register(next);
    }
    processEvent(rawPath, getKey(rawPath), stored.getKey(), null, json);
    return new MockResponse().setResponseCode(200).setBody(json);
  }

  private void normalise(ObjectNode object, ApiPath path) {
    if (isCustomResource(path)) {
      schemas.pruneAndDefault(path.group(), path.version(), path.plural(), object);
      ApiServerDefaults.dropOmitEmpty(object.get("metadata"));
    } else {
      ApiServerDefaults.apply(object);
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

  private boolean hasStatusSubresource(String kind, String rawPath, ApiPath path) {
    if (isCustomResource(path)) {
      return isStatusSubresourceEnabledForResource(rawPath);
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

  /** {@code ValidatePersistentVolumeClaimUpdate}: only the storage request (and never down) may change. */
  private static String persistentVolumeClaimImmutability(JsonNode currentSpec, JsonNode nextSpec) {
    ObjectNode a = currentSpec.deepCopy();
    ObjectNode b = nextSpec.deepCopy();
    if (a.get("resources") instanceof ObjectNode r) {
      r.remove("requests");
    }
    if (b.get("resources") instanceof ObjectNode r) {
      r.remove("requests");
    }
    if (!a.equals(b)) {
      return "spec: Forbidden: spec is immutable after creation except resources.requests and "
          + "volumeAttributesClassName for bound claims";
    }
    return null;
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

  /** The node ports the stored Services other than {@code namespace/name} hold: unique in the whole cluster. */
  private Set<Integer> nodePortsOfOtherServices(String namespace, String name) {
    Set<Integer> held = new HashSet<>();
    for (String stored : map.values()) {
      if (!stored.contains("\"nodePort\"")) {
        continue;
      }
      JsonNode service = parse(stored);
      JsonNode metadata = service.path("metadata");
      if (!"Service".equals(service.path("kind").asText())
          || (metadata.path("namespace").asText().equals(namespace) && metadata.path("name").asText().equals(name))) {
        continue;
      }
      service.path("spec").path("ports").forEach(port -> {
        if (port.path("nodePort").asInt(0) != 0) {
          held.add(port.path("nodePort").asInt());
        }
      });
    }
    return held;
  }

  private static ObjectNode parse(String body) {
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

  private static MockResponse notFound(ApiPath path) {
    return failure(404, "NotFound", plural(path) + " \"" + path.name() + "\" not found", path, path.name());
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
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    MockResponse response = new MockResponse().setResponseCode(code).setBody(status.toString());
    headers.forEach(response::setHeader);
    return response;
  }
}
