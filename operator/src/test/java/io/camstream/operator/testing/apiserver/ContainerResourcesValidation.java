package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API server's validation of a container's {@code resources}, for every pod spec it stores (a Pod's, a
 * workload's template), as Kubernetes 1.30 writes it in {@code pkg/apis/core/validation/validation.go}:
 * {@code validateResourceRequirements}, {@code validateContainerResourceName}, {@code ValidateResourceName},
 * {@code ValidateResourceQuantityValue}, {@code validateResourceQuantityHugePageValue} and the helpers of
 * {@code pkg/apis/core/helper/helpers.go} ({@code IsNativeResource}, {@code IsExtendedResourceName},
 * {@code IsOvercommitAllowed}, {@code IsHugePageResourceName}):
 * <ul>
 *   <li>a name without a prefix must be a standard container resource ({@code cpu}, {@code memory},
 *       {@code ephemeral-storage}, {@code hugepages-<size>}); one with a prefix outside {@code kubernetes.io} is an
 *       extended resource and must be a qualified name also after {@code requests.};</li>
 *   <li>no quantity below 0; an extended resource's a whole number; a hugepages quantity a multiple of its page;</li>
 *   <li>a request at most its limit; for a resource that cannot be overcommitted (extended resources, hugepages)
 *       equal to it, and never without one;</li>
 *   <li>hugepages only together with cpu or memory.</li>
 * </ul>
 * Errors are worded and located as the API server words them ({@code field.Invalid}, {@code field.Required},
 * {@code field.Forbidden}); several are listed in brackets.
 */
final class ContainerResourcesValidation {
  private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
  /** {@code standardResources} of helpers.go: what a name without a prefix may be, anywhere. */
  private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage",
      "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
      "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
      "configmaps", "persistentvolumeclaims", "requests.storage", "services.nodeports",
      "services.loadbalancers");
  private static final String HUGEPAGES = "hugepages-";
  /** {@code IsQualifiedName}: an optional DNS-1123 subdomain prefix and a name of at most 63 characters. */
  private static final Pattern QUALIFIED_NAME = Pattern.compile(
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");

  private ContainerResourcesValidation() {
  }

  /**
   * @return the API server's error list for the object's pod spec, empty when it is valid or has none
   */
  static List<String> errors(ObjectNode object) {
    List<String> errors = new ArrayList<>();
    String kind = object.path("kind").asText();
    String podSpecPath = switch (kind) {
      case "Pod" -> "spec";
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController" ->
          "spec.template.spec";
      case "CronJob" -> "spec.jobTemplate.spec.template.spec";
      default -> null;
    };
    if (podSpecPath == null) {
      return errors;
    }
    JsonNode podSpec = object;
    for (String field : podSpecPath.split("\\.")) {
      podSpec = podSpec.path(field);
    }
    for (String containers : List.of("initContainers", "containers")) {
      JsonNode list = podSpec.path(containers);
      for (int i = 0; i < list.size(); i++) {
        requirements(podSpecPath + "." + containers + "[" + i + "].resources", list.get(i).path("resources"),
            errors);
      }
    }
    return errors;
  }

  /** {@code validateResourceRequirements}. */
  private static void requirements(String path, JsonNode resources, List<String> errors) {
    JsonNode limits = resources.path("limits");
    JsonNode requests = resources.path("requests");
    boolean cpuOrMemory = false;
    boolean hugePages = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> limit = it.next();
      String at = path + ".limits[" + limit.getKey() + "]";
      name(limit.getKey(), at, errors);
      quantity(limit.getKey(), limit.getValue().asText(), at, errors);
      hugePages |= limit.getKey().startsWith(HUGEPAGES);
      cpuOrMemory |= isCpuOrMemory(limit.getKey());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> request = it.next();
      String resource = request.getKey();
      String value = request.getValue().asText();
      String at = path + ".requests[" + resource + "]";
      name(resource, at, errors);
      quantity(resource, value, at, errors);
      JsonNode limit = limits.get(resource);
      if (limit != null) {
        int compared = amount(value).compareTo(amount(limit.asText()));
        if (compared != 0 && !isOvercommitAllowed(resource)) {
          errors.add(path + ".requests: Invalid value: \"" + value + "\": must be equal to " + resource
              + " limit of " + limit.asText());
        } else if (compared > 0) {
          errors.add(path + ".requests: Invalid value: \"" + value + "\": must be less than or equal to " + resource
              + " limit of " + limit.asText());
        }
      } else if (!isOvercommitAllowed(resource)) {
        errors.add(path + ".limits: Required value: Limit must be set for non overcommitable resources");
      }
      hugePages |= resource.startsWith(HUGEPAGES);
      cpuOrMemory |= isCpuOrMemory(resource);
    }
    if (hugePages && !cpuOrMemory) {
      errors.add(path + ": Forbidden: HugePages require cpu or memory");
    }
  }

  /** {@code validateContainerResourceName}, after {@code ValidateResourceName}. */
  private static void name(String resource, String at, List<String> errors) {
    if (resource.length() > 317 || !QUALIFIED_NAME.matcher(resource).matches()) {
      errors.add(at + ": Invalid value: \"" + resource + "\": a qualified name must consist of alphanumeric"
          + " characters, '-', '_' or '.', and must start and end with an alphanumeric character");
      return;
    }
    if (!resource.contains("/")) {
      if (!STANDARD_RESOURCES.contains(resource) && !resource.startsWith(HUGEPAGES)) {
        errors.add(at + ": Invalid value: \"" + resource + "\": must be a standard resource type or fully qualified");
      }
      if (!STANDARD_CONTAINER_RESOURCES.contains(resource) && !resource.startsWith(HUGEPAGES)) {
        errors.add(at + ": Invalid value: \"" + resource + "\": must be a standard resource for containers");
      }
    } else if (!isNative(resource) && !isExtended(resource)) {
      errors.add(at + ": Invalid value: \"" + resource + "\": doesn't follow extended resource name standard");
    }
  }

  /** {@code ValidateResourceQuantityValue} and {@code validateResourceQuantityHugePageValue}. */
  private static void quantity(String resource, String value, String at, List<String> errors) {
    BigDecimal amount = amount(value);
    if (amount.signum() < 0) {
      errors.add(at + ": Invalid value: \"" + value + "\": must be greater than or equal to 0");
    }
    if (isExtended(resource) && amount.stripTrailingZeros().scale() > 0) {
      errors.add(at + ": Invalid value: \"" + value + "\": must be an integer");
    }
    if (resource.startsWith(HUGEPAGES)) {
      BigDecimal page = pageSize(resource);
      if (page == null || page.signum() <= 0 || amount.remainder(page).signum() != 0) {
        errors.add(at + ": Invalid value: \"" + value + "\": " + value + " is not positive integer multiple of "
            + resource);
      }
    }
  }

  private static BigDecimal pageSize(String resource) {
    try {
      return amount(resource.substring(HUGEPAGES.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static BigDecimal amount(String quantity) {
    return new Quantity(quantity).getNumericalAmount();
  }

  private static boolean isCpuOrMemory(String resource) {
    return "cpu".equals(resource) || "memory".equals(resource);
  }

  /** {@code IsNativeResource}: no prefix, or a {@code kubernetes.io/} one. */
  private static boolean isNative(String resource) {
    return !resource.contains("/") || resource.contains("kubernetes.io/");
  }

  /** {@code IsExtendedResourceName}. */
  private static boolean isExtended(String resource) {
    if (isNative(resource) || resource.startsWith("requests.")) {
      return false;
    }
    String forQuota = "requests." + resource;
    return forQuota.length() <= 317 && QUALIFIED_NAME.matcher(forQuota).matches()
        && forQuota.substring(forQuota.indexOf('/') + 1).length() <= 63;
  }

  /** {@code IsOvercommitAllowed}: native resources but hugepages. */
  private static boolean isOvercommitAllowed(String resource) {
    return isNative(resource) && !resource.startsWith(HUGEPAGES);
  }

  /** The API server's text for a list of field errors: one as it is, several in brackets. */
  static String describe(List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
  }
}
