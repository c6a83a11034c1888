package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a Kubernetes 1.30 API server does to PersistentVolumeClaims besides storing them, each rule from its source:
 * <ul>
 *   <li>{@code DefaultStorageClass} admission ({@code plugin/pkg/admission/storage/storageclass/setdefault}, on by
 *       default): a claim created without {@code storageClassName} gets the default StorageClass (annotated
 *       {@code storageclass.kubernetes.io/is-default-class: "true"}, the newest of several), and none when the cluster
 *       has none; an explicit {@code ""} stays;</li>
 *   <li>{@code ValidatePersistentVolumeClaimUpdate} ({@code pkg/apis/core/validation/validation.go}): the spec is
 *       immutable but for {@code volumeName} set once, a class given to a claim that had none (the PV controller's
 *       retroactive default class) and, on a Bound claim, the storage request, which never shrinks (422);</li>
 *   <li>{@code PersistentVolumeClaimResize} admission ({@code plugin/pkg/admission/storage/persistentvolume/resize},
 *       on by default): a larger storage request is refused (403) unless the claim is Bound and its StorageClass
 *       sets {@code allowVolumeExpansion: true}.</li>
 * </ul>
 */
final class StorageAdmission {
  static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
  static final String BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

  private StorageAdmission() {
  }

  /** {@code DefaultStorageClass}: fills in the default class of a claim that names none. */
  static void setDefaultStorageClass(ObjectNode claim, Collection<JsonNode> storageClasses) {
    if (!(claim.get("spec") instanceof ObjectNode spec) || spec.hasNonNull("storageClassName")) {
      return;
    }
    defaultClass(storageClasses).ifPresent(name -> spec.put("storageClassName", name));
  }

  private static Optional<String> defaultClass(Collection<JsonNode> storageClasses) {
    return storageClasses.stream()
        .filter(StorageAdmission::isDefault)
        .max(Comparator.comparing((JsonNode c) -> c.path("metadata").path("creationTimestamp").asText())
            .thenComparing(c -> c.path("metadata").path("name").asText()))
        .map(c -> c.path("metadata").path("name").asText());
  }

  private static boolean isDefault(JsonNode storageClass) {
    JsonNode annotations = storageClass.path("metadata").path("annotations");
    return "true".equals(annotations.path(DEFAULT_CLASS_ANNOTATION).asText())
        || "true".equals(annotations.path(BETA_DEFAULT_CLASS_ANNOTATION).asText());
  }

  /** {@code ValidatePersistentVolumeClaimUpdate}'s spec rules: the 422 field error, or null. */
  static String updateInvalid(JsonNode current, JsonNode next) {
    ObjectNode oldSpec = current.path("spec").deepCopy();
    ObjectNode newSpec = next.path("spec").deepCopy();
    if (oldSpec.path("volumeName").asText("").isEmpty()) {
      // the PV controller sets the volume's name once
      copy(newSpec, oldSpec, "volumeName");
    }
    if (!oldSpec.hasNonNull("storageClassName") && !newSpec.path("storageClassName").asText("").isEmpty()) {
      // RetroactiveDefaultStorageClass: a claim created without a class gets the default one made later
      copy(newSpec, oldSpec, "storageClassName");
    }
    if (isBound(next) && newSpec.path("resources").path("requests") instanceof ObjectNode requests) {
      JsonNode oldStorage = current.path("spec").path("resources").path("requests").get("storage");
      if (oldStorage == null) {
        requests.remove("storage");
      } else {
        requests.set("storage", oldStorage);
      }
    }
    if (!oldSpec.equals(newSpec)) {
      return "spec: Forbidden: spec is immutable after creation except resources.requests and "
          + "volumeAttributesClassName for bound claims";
    }
    if (storage(next).compareTo(storage(current)) < 0) {
      return "spec.resources.requests.storage: Forbidden: field can not be less than previous value";
    }
    return null;
  }

  /**
   * {@code PersistentVolumeClaimResize}: why growing the claim is forbidden, or null.
   *
   * @param storageClass the stored StorageClass of that name, or null
   */
  static String resizeForbidden(JsonNode current, JsonNode next, Function<String, JsonNode> storageClass) {
    if (storage(next).compareTo(storage(current)) <= 0) {
      return null;
    }
    if (!isBound(current)) {
      return "Only bound persistent volume claims can be expanded";
    }
    String oldClass = current.path("spec").path("storageClassName").asText("");
    String newClass = next.path("spec").path("storageClassName").asText("");
    JsonNode found = oldClass.isEmpty() || !oldClass.equals(newClass) ? null : storageClass.apply(oldClass);
    if (found == null || !found.path("allowVolumeExpansion").asBoolean(false)) {
      return "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must "
          + "support resize";
    }
    return null;
  }

  private static boolean isBound(JsonNode claim) {
    return "Bound".equals(claim.path("status").path("phase").asText());
  }

  private static java.math.BigDecimal storage(JsonNode claim) {
    JsonNode storage = claim.path("spec").path("resources").path("requests").path("storage");
    return storage.isMissingNode() || storage.isNull() ? java.math.BigDecimal.ZERO
        : new Quantity(storage.asText()).getNumericalAmount();
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    } else {
      to.remove(field);
    }
  }
}
