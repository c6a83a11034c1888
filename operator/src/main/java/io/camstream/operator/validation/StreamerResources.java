package io.camstream.operator.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A streamer's requests and limits, checked the way the API server checks a container's resources when it stores the
 * streamer's Deployment (Kubernetes' {@code validateResourceRequirements}): a value it refuses would fail every write
 * of that camera's Deployment, so it is named here, with its field, before anything is written.
 *
 * <ul>
 *   <li>A name without a prefix is {@code cpu}, {@code memory}, {@code ephemeral-storage} or
 *       {@code hugepages-<page size>}; anything else needs its vendor's prefix ({@code nvidia.com/gpu}), an
 *       <em>extended</em> resource.</li>
 *   <li>Quantities are never negative; an extended resource is counted in whole units; hugepages in whole pages.</li>
 *   <li>A request is at most its limit. Extended resources and hugepages cannot be overcommitted: a request needs a
 *       limit, and the two are equal.</li>
 *   <li>Hugepages come with a cpu or memory request or limit.</li>
 * </ul>
 */
public final class StreamerResources {
  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
  private static final String HUGEPAGES = "hugepages-";
  /** A Kubernetes quantity (resource.Quantity's grammar), e.g. 250m, 1, 1.5, 256Mi, 1e3. */
  private static final Pattern QUANTITY = Pattern.compile(
      "^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)))?$");
  /** An optional DNS subdomain prefix, then a name part of at most 63 characters. */
  private static final Pattern QUALIFIED_NAME = Pattern.compile(
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
  private static final Pattern PLAIN_NAME = Pattern.compile("^[A-Za-z0-9-]+$");

  private StreamerResources() {
  }

  /**
   * @param field where the requirements are written, e.g. {@code spec.cameras[2].resources}
   * @return every problem, each naming its field, e.g. {@code spec.cameras[2].resources.requests.cpu}; empty when the
   *     API server would accept them
   */
  public static List<String> problems(String field, ResourceRequirements resources) {
    List<String> problems = new ArrayList<>();
    if (resources == null) {
      return problems;
    }
    Map<String, Quantity> requests = orEmpty(resources.getRequests());
    Map<String, Quantity> limits = orEmpty(resources.getLimits());
    Map<String, BigDecimal> limitAmounts = new HashMap<>();
    for (Map.Entry<String, Quantity> limit : limits.entrySet()) {
      amount(field, "limits", limit.getKey(), limit.getValue(), problems)
          .ifPresent(amount -> limitAmounts.put(limit.getKey(), amount));
    }
    for (Map.Entry<String, Quantity> request : requests.entrySet()) {
      String resource = request.getKey();
      var amount = amount(field, "requests", resource, request.getValue(), problems);
      if (amount.isEmpty() || !isKnownName(resource)) {
        continue;
      }
      String at = at(field, "requests", resource);
      BigDecimal limit = limitAmounts.get(resource);
      String limitField = at(field, "limits", resource);
      if (overcommitAllowed(resource)) {
        if (limit != null && amount.get().compareTo(limit) > 0) {
          problems.add(at + " " + text(request.getValue()) + " is more than its limit " + text(limits.get(resource))
              + " (" + limitField + "): Kubernetes refuses a request above its limit");
        }
      } else if (!limits.containsKey(resource)) {
        problems.add(at + " needs a limit of the same amount (" + limitField + "): " + kind(resource)
            + " cannot be overcommitted");
      } else if (limit != null && amount.get().compareTo(limit) != 0) {
        problems.add(at + " " + text(request.getValue()) + " must equal its limit " + text(limits.get(resource))
            + " (" + limitField + "): " + kind(resource) + " cannot be overcommitted");
      }
    }
    boolean hugePages = requests.keySet().stream().anyMatch(StreamerResources::isHugePages)
        || limits.keySet().stream().anyMatch(StreamerResources::isHugePages);
    boolean cpuOrMemory = requests.containsKey("cpu") || requests.containsKey("memory")
        || limits.containsKey("cpu") || limits.containsKey("memory");
    if (hugePages && !cpuOrMemory) {
      problems.add(field + ": hugepages need a cpu or memory request or limit as well");
    }
    return problems;
  }

  /** The quantity's amount when the name and the value are both acceptable; each problem otherwise. */
  private static Optional<BigDecimal> amount(String field, String list, String resource, Quantity value,
      List<String> problems) {
    String at = at(field, list, resource);
    if (resource == null || resource.length() > 317 || !QUALIFIED_NAME.matcher(resource).matches()) {
      problems.add(field + "." + list + " has a key that is not a resource name");
      return Optional.empty();
    }
    if (!isKnownName(resource)) {
      problems.add(at + ": \"" + resource + "\" is not a resource Kubernetes knows for containers (cpu, memory,"
          + " ephemeral-storage, hugepages-<size>); a device or other extended resource needs its vendor's prefix,"
          + " e.g. nvidia.com/gpu");
      return Optional.empty();
    }
    String text = text(value);
    if (text == null || text.length() > 64 || !QUANTITY.matcher(text).matches()) {
      problems.add(at + " must be a quantity such as 250m, 2 or 256Mi");
      return Optional.empty();
    }
    BigDecimal amount = value.getNumericalAmount();
    if (isExtended(resource) && amount.stripTrailingZeros().scale() > 0) {
      problems.add(at + " " + text + " must be a whole number: " + resource + " is counted in units");
    }
    if (isHugePages(resource)) {
      BigDecimal page = pageSize(resource);
      if (page == null || amount.remainder(page).signum() != 0) {
        problems.add(at + " " + text + " must be a whole number of " + resource.substring(HUGEPAGES.length())
            + " pages");
      }
    }
    return Optional.of(amount);
  }

  /** cpu, memory, ephemeral-storage, hugepages-*, a kubernetes.io resource, or a prefixed (extended) one. */
  private static boolean isKnownName(String resource) {
    return resource.contains("/") || STANDARD.contains(resource) || isHugePages(resource);
  }

  private static boolean isHugePages(String resource) {
    return resource.startsWith(HUGEPAGES);
  }

  /** A prefixed resource outside kubernetes.io: a device plugin's, counted in whole units. */
  private static boolean isExtended(String resource) {
    return resource.contains("/") && !resource.contains("kubernetes.io/");
  }

  /** Only native resources other than hugepages may have a request below their limit. */
  private static boolean overcommitAllowed(String resource) {
    return !isExtended(resource) && !isHugePages(resource);
  }

  private static String kind(String resource) {
    return isHugePages(resource) ? "hugepages" : "an extended resource such as " + resource;
  }

  private static BigDecimal pageSize(String resource) {
    String size = resource.substring(HUGEPAGES.length());
    if (!QUANTITY.matcher(size).matches()) {
      return null;
    }
    BigDecimal page = new Quantity(size).getNumericalAmount();
    return page.signum() > 0 ? page : null;
  }

  /** {@code spec.cameras[2].resources.requests.cpu}, or {@code ...requests["nvidia.com/gpu"]} for a prefixed name. */
  private static String at(String field, String list, String resource) {
    return field + "." + list + (resource != null && PLAIN_NAME.matcher(resource).matches() ? "." + resource
        : "[\"" + resource + "\"]");
  }

  private static String text(Quantity value) {
    return value == null ? null
        : (value.getAmount() == null ? "" : value.getAmount()) + (value.getFormat() == null ? "" : value.getFormat());
  }

  private static Map<String, Quantity> orEmpty(Map<String, Quantity> map) {
    return map == null ? Map.of() : map;
  }
}
