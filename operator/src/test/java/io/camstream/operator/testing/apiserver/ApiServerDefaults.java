package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a Kubernetes 1.30+ API server fills in or drops when it stores a built-in object camstream writes, in one
 * place. Each rule names its source in the Kubernetes tree:
 * <ul>
 *   <li>{@code pkg/apis/apps/v1/defaults.go}: {@code SetDefaults_Deployment};</li>
 *   <li>{@code pkg/apis/core/v1/defaults.go}: {@code SetDefaults_PodSpec}, {@code _Container}, {@code _Probe},
 *       {@code _HTTPGetAction}, {@code _Volume}, {@code _SecretVolumeSource}, {@code _ConfigMapVolumeSource},
 *       {@code _ProjectedVolumeSource}, {@code _DownwardAPIVolumeSource}, {@code _ObjectFieldSelector},
 *       {@code _Service}, {@code _Secret}, {@code _PersistentVolumeClaim(Spec)}, {@code _ResourceList};</li>
 *   <li>{@code pkg/apis/core/v1/zz_generated.defaults.go}: the declarative {@code +default} markers of
 *       {@code staging/src/k8s.io/api/core/v1/types.go} ({@code ContainerPort.protocol = TCP},
 *       {@code GRPCAction.service = ""});</li>
 *   <li>{@code pkg/apis/networking/v1/defaults.go}: {@code SetDefaults_NetworkPolicy}, {@code _NetworkPolicyPort};</li>
 *   <li>{@code pkg/registry/core/secret/strategy.go}: {@code stringData} is merged into {@code data} and never stored;</li>
 *   <li>the {@code json:",omitempty"} tags of {@code staging/src/k8s.io/api/{core,apps,networking}/v1/types.go}: zero
 *       values of value-typed fields are not serialised ({@link #dropOmitEmpty}).</li>
 * </ul>
 * Quantities are canonicalised by {@link CanonicalQuantity}; Service addresses are allocated by
 * {@link ServiceAllocations}; custom resources are pruned and defaulted from their CRD by {@link StructuralSchemas}.
 */
public final class ApiServerDefaults {
  /** {@code int32}/{@code int64} fields (not pointers) tagged omitempty: 0 is not stored. */
  static final Set<String> OMITEMPTY_NUMBERS = Set.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds",
      "successThreshold", "failureThreshold", "hostPort", "nodePort", "healthCheckNodePort", "minReadySeconds",
      "count", "generation");
  /** DeploymentStatus's counters are value-typed omitempty (unlike {@code spec.replicas}, a pointer). */
  static final List<String> DEPLOYMENT_STATUS_COUNTS = List.of("observedGeneration", "replicas", "updatedReplicas",
      "readyReplicas", "availableReplicas", "unavailableReplicas", "terminatingReplicas");
  /** {@code bool} fields (not pointers) tagged omitempty: false is not stored. */
  static final Set<String> OMITEMPTY_BOOLEANS = Set.of("readOnly", "hostNetwork", "hostPID", "hostIPC", "stdin",
      "stdinOnce", "tty", "paused", "publishNotReadyAddresses");
  /** {@code map[string]...} fields tagged omitempty: an empty map is not stored (an empty struct would be). */
  static final Set<String> MAP_FIELDS = Set.of("labels", "annotations", "matchLabels", "nodeSelector", "data",
      "stringData", "binaryData", "limits", "requests", "capacity", "allocatable", "hard", "parameters");
  /** {@code *string} fields: an empty string is a value, kept (a claim's {@code storageClassName: ""}: no class). */
  static final Set<String> STRING_POINTERS = Set.of("storageClassName");
  /** Maps whose values are quantities ({@code ResourceList}). */
  static final Set<String> RESOURCE_LISTS = Set.of("limits", "requests", "capacity", "allocatable", "hard");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ApiServerDefaults() {
  }

  /**
   * Applies the defaults of the object's kind, canonicalises its quantities and drops omitempty zero values, in place.
   *
   * @throws IllegalArgumentException for a value the server would reject (a malformed quantity)
   */
  public static void apply(ObjectNode object) {
    String kind = object.path("kind").asText();
    ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : null;
    switch (kind) {
      case "Deployment" -> {
        if (spec != null) {
          deploymentSpec(spec);
        }
        if (object.get("status") instanceof ObjectNode status) {
          DEPLOYMENT_STATUS_COUNTS.forEach(count -> {
            if (status.path(count).isNumber() && status.get(count).asLong() == 0) {
              status.remove(count);
            }
          });
        }
      }
      case "CustomResourceDefinition" -> {
        dropOmitEmpty(object.get("metadata"));
        return;
      }
      case "Service" -> {
        if (spec != null) {
          serviceSpec(spec);
        }
      }
      case "NetworkPolicy" -> {
        if (spec != null) {
          networkPolicySpec(spec);
        }
      }
      case "Secret" -> secret(object);
      case "PersistentVolumeClaim" -> {
        if (spec != null) {
          persistentVolumeClaimSpec(spec);
        }
      }
      default -> {
      }
    }
    canonicalQuantities(object, null);
    dropOmitEmpty(object);
  }

  // apps/v1 SetDefaults_Deployment
  private static void deploymentSpec(ObjectNode spec) {
    putIfAbsent(spec, "replicas", 1);
    ObjectNode strategy = object(spec, "strategy");
    putIfAbsent(strategy, "type", "RollingUpdate");
    if ("RollingUpdate".equals(strategy.path("type").asText())) {
      ObjectNode rollingUpdate = object(strategy, "rollingUpdate");
      putIfAbsent(rollingUpdate, "maxUnavailable", "25%");
      putIfAbsent(rollingUpdate, "maxSurge", "25%");
    }
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    putIfAbsent(spec, "progressDeadlineSeconds", 600);
    if (spec.get("template") instanceof ObjectNode template && template.get("spec") instanceof ObjectNode podSpec) {
      podSpec(podSpec);
    }
  }

  // core/v1 SetDefaults_PodSpec (not SetDefaults_Pod: enableServiceLinks is defaulted on Pods only)
  static void podSpec(ObjectNode podSpec) {
    putIfAbsent(podSpec, "dnsPolicy", "ClusterFirst");
    putIfAbsent(podSpec, "restartPolicy", "Always");
    if (!(podSpec.get("securityContext") instanceof ObjectNode)) {
      podSpec.set("securityContext", JSON.objectNode());
    }
    putIfAbsent(podSpec, "terminationGracePeriodSeconds", 30);
    putIfAbsent(podSpec, "schedulerName", "default-scheduler");
    forEachObject(podSpec, "containers", ApiServerDefaults::container);
    forEachObject(podSpec, "initContainers", ApiServerDefaults::container);
    forEachObject(podSpec, "volumes", ApiServerDefaults::volume);
  }

  // core/v1 SetDefaults_Container, ContainerPort +default="TCP", SetDefaults_Probe, SetDefaults_ObjectFieldSelector
  private static void container(ObjectNode container) {
    if (!container.hasNonNull("imagePullPolicy") || container.path("imagePullPolicy").asText().isEmpty()) {
      container.put("imagePullPolicy", "latest".equals(imageTag(container.path("image").asText()))
          ? "Always" : "IfNotPresent");
    }
    putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(container, "terminationMessagePolicy", "File");
    forEachObject(container, "ports", port -> putIfAbsent(port, "protocol", "TCP"));
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (container.get(probe) instanceof ObjectNode p) {
        probe(p);
      }
    }
    if (container.get("lifecycle") instanceof ObjectNode lifecycle) {
      for (String hook : List.of("postStart", "preStop")) {
        if (lifecycle.get(hook) instanceof ObjectNode handler) {
          handler(handler);
        }
      }
    }
    forEachObject(container, "env", env -> {
      if (env.path("valueFrom").get("fieldRef") instanceof ObjectNode fieldRef) {
        putIfAbsent(fieldRef, "apiVersion", "v1");
      }
    });
    // ResourceRequirements is a struct, not a pointer: omitempty never drops it.
    if (!(container.get("resources") instanceof ObjectNode)) {
      container.set("resources", JSON.objectNode());
    }
  }

  private static void probe(ObjectNode probe) {
    putIfZero(probe, "timeoutSeconds", 1);
    putIfZero(probe, "periodSeconds", 10);
    putIfZero(probe, "successThreshold", 1);
    putIfZero(probe, "failureThreshold", 3);
    handler(probe);
  }

  // SetDefaults_HTTPGetAction; GRPCAction.service +default=""
  private static void handler(ObjectNode handler) {
    if (handler.get("httpGet") instanceof ObjectNode httpGet) {
      putIfAbsent(httpGet, "path", "/");
      putIfAbsent(httpGet, "scheme", "HTTP");
    }
    if (handler.get("grpc") instanceof ObjectNode grpc && !grpc.has("service")) {
      grpc.put("service", "");
    }
  }

  /**
   * {@code ParseImageName} in {@code pkg/util/parsers}: no tag and no digest means {@code latest}; a digest alone
   * means no tag.
   */
  static String imageTag(String image) {
    String withoutDigest = image;
    int at = image.indexOf('@');
    if (at >= 0) {
      withoutDigest = image.substring(0, at);
    }
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    if (colon > slash) {
      return withoutDigest.substring(colon + 1);
    }
    return at >= 0 ? "" : "latest";
  }

  // SetDefaults_Volume and the volume sources' DefaultMode (0644 = 420)
  private static void volume(ObjectNode volume) {
    boolean hasSource = false;
    for (Iterator<String> names = volume.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!"name".equals(name) && !volume.get(name).isNull()) {
        hasSource = true;
      }
    }
    if (!hasSource) {
      volume.set("emptyDir", JSON.objectNode());
    }
    for (String source : List.of("secret", "configMap", "projected", "downwardAPI")) {
      if (volume.get(source) instanceof ObjectNode s) {
        putIfAbsent(s, "defaultMode", 420);
      }
    }
    if (volume.get("hostPath") instanceof ObjectNode hostPath) {
      putIfAbsent(hostPath, "type", "");
    }
  }

  // core/v1 SetDefaults_Service (allocation of IPs and ports is the registry's: ServiceAllocations)
  private static void serviceSpec(ObjectNode spec) {
    putIfAbsent(spec, "sessionAffinity", "None");
    if ("None".equals(spec.path("sessionAffinity").asText())) {
      spec.remove("sessionAffinityConfig");
    }
    putIfAbsent(spec, "type", "ClusterIP");
    String type = spec.path("type").asText();
    forEachObject(spec, "ports", port -> {
      putIfAbsent(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      if (target == null || target.isNull() || (target.isInt() && target.asInt() == 0)
          || (target.isTextual() && target.asText().isEmpty())) {
        port.set("targetPort", port.get("port"));
      }
    });
    boolean externallyAccessible = "NodePort".equals(type) || "LoadBalancer".equals(type)
        || ("ClusterIP".equals(type) && spec.path("externalIPs").size() > 0);
    if (externallyAccessible) {
      putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
    }
    if (List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
      putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
    }
    if ("LoadBalancer".equals(type)) {
      putIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
    }
  }

  // networking/v1 SetDefaults_NetworkPolicy, SetDefaults_NetworkPolicyPort
  private static void networkPolicySpec(ObjectNode spec) {
    JsonNode policyTypes = spec.get("policyTypes");
    if (policyTypes == null || !policyTypes.isArray() || policyTypes.isEmpty()) {
      ArrayNode types = JSON.arrayNode().add("Ingress");
      if (spec.path("egress").size() > 0) {
        types.add("Egress");
      }
      spec.set("policyTypes", types);
    }
    for (String direction : List.of("ingress", "egress")) {
      forEachObject(spec, direction, rule -> forEachObject(rule, "ports",
          port -> putIfAbsent(port, "protocol", "TCP")));
    }
  }

  // core/v1 SetDefaults_Secret; secret strategy: stringData is write-only, merged into data
  private static void secret(ObjectNode secret) {
    putIfAbsent(secret, "type", "Opaque");
    if (secret.get("stringData") instanceof ObjectNode stringData) {
      ObjectNode data = object(secret, "data");
      stringData.fields().forEachRemaining(entry -> data.put(entry.getKey(),
          Base64.getEncoder().encodeToString(entry.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
    secret.remove("stringData");
  }

  // core/v1 SetDefaults_PersistentVolumeClaimSpec (the class comes from the DefaultStorageClass admission plugin)
  private static void persistentVolumeClaimSpec(ObjectNode spec) {
    putIfAbsent(spec, "volumeMode", "Filesystem");
  }

  /** SetDefaults_ResourceList and Quantity's canonical form, wherever a quantity is stored. */
  private static void canonicalQuantities(JsonNode node, String fieldName) {
    if (node instanceof ObjectNode object) {
      boolean resourceList = fieldName != null && RESOURCE_LISTS.contains(fieldName);
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (resourceList && (value.isTextual() || value.isNumber())) {
          object.put(name, CanonicalQuantity.canonicalInResourceList(value.asText()));
        } else if ("sizeLimit".equals(name) && (value.isTextual() || value.isNumber())) {
          object.put(name, CanonicalQuantity.canonical(value.asText()));
        } else {
          canonicalQuantities(value, name);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> canonicalQuantities(element, null));
    }
  }

  /**
   * What Go's encoding/json leaves out under {@code omitempty}: nil pointers, empty strings, empty slices and maps,
   * and the zero value of the value-typed numbers and booleans listed above. Empty structs ({@code emptyDir: {}},
   * {@code securityContext: {}}, {@code namespaceSelector: {}}) are kept, as Go keeps them. Values inside maps
   * (labels, data) are kept as they are.
   */
  public static void dropOmitEmpty(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (!MAP_FIELDS.contains(name)) {
          dropOmitEmpty(value);
        }
        if (isOmitted(name, value)) {
          object.remove(name);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(ApiServerDefaults::dropOmitEmpty);
    }
  }

  private static boolean isOmitted(String name, JsonNode value) {
    if (value.isNull()) {
      return true;
    }
    if (value.isTextual()) {
      return value.asText().isEmpty() && !STRING_POINTERS.contains(name);
    }
    if (value.isArray()) {
      return value.isEmpty();
    }
    if (value.isObject()) {
      return value.isEmpty() && MAP_FIELDS.contains(name);
    }
    if (value.isNumber()) {
      return value.asLong() == 0 && value.asDouble() == 0 && OMITEMPTY_NUMBERS.contains(name);
    }
    if (value.isBoolean()) {
      return !value.asBoolean() && OMITEMPTY_BOOLEANS.contains(name);
    }
    return false;
  }

  private static ObjectNode object(ObjectNode parent, String name) {
    if (parent.get(name) instanceof ObjectNode existing) {
      return existing;
    }
    return parent.putObject(name);
  }

  private static void forEachObject(ObjectNode parent, String arrayName, Consumer<ObjectNode> action) {
    if (parent.get(arrayName) instanceof ArrayNode array) {
      array.forEach(element -> {
        if (element instanceof ObjectNode object) {
          action.accept(object);
        }
      });
    }
  }

  private static boolean isAbsent(ObjectNode parent, String name) {
    JsonNode value = parent.get(name);
    return value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty());
  }

  private static void putIfAbsent(ObjectNode parent, String name, String value) {
    if (isAbsent(parent, name)) {
      parent.put(name, value);
    }
  }

  private static void putIfAbsent(ObjectNode parent, String name, int value) {
    if (isAbsent(parent, name)) {
      parent.put(name, value);
    }
  }

  private static void putIfAbsent(ObjectNode parent, String name, boolean value) {
    if (isAbsent(parent, name)) {
      parent.put(name, value);
    }
  }

  private static void putIfZero(ObjectNode parent, String name, int value) {
    if (isAbsent(parent, name) || parent.get(name).asInt() == 0) {
      parent.put(name, value);
    }
  }
}
