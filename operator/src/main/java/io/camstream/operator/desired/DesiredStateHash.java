package io.camstream.operator.desired;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A hash of everything camstream wants in an object (its labels, its annotations, and every field but
 * {@code metadata} and {@code status}: spec, data, type...), stamped into an annotation on the object itself (never
 * on a pod template, so it restarts nothing). The API server rewrites what it stores (defaults, dropped zero
 * values, canonical quantities, allocated addresses), so the stored object can never be compared with the desired
 * one field by field; the hash it carries says which desired state it was written from. Equal hashes: nothing to
 * do. Different hashes: camstream's desired state changed (a removal included) and the object is rewritten.
 */
public final class DesiredStateHash {
  public static final String ANNOTATION = "camstream.io/desired-hash";
  /**
   * Map entries and tree objects both in key order: an object read into a tree is canonical as it is built, so
   * hashing one is a single serialization to a tree and one write of it (a reconcile stamps a dozen objects).
   */
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .setNodeFactory(new SortedObjects());

  private DesiredStateHash() {
  }

  /** Stamps the object's hash into its annotations; returns the object. */
  public static <T extends HasMetadata> T stamp(T resource) {
    String hash = ofDesired(resource);
    if (resource.getMetadata().getAnnotations() == null) {
      resource.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    resource.getMetadata().getAnnotations().put(ANNOTATION, hash);
    return resource;
  }

  /** The hash of what camstream wants in this object; the hash annotation itself does not count. */
  public static String ofDesired(HasMetadata resource) {
    ObjectNode owned = JSON.valueToTree(resource);
    owned.remove("metadata");
    owned.remove("status");
    Map<String, String> annotations = new TreeMap<>(Objects.requireNonNullElse(
        resource.getMetadata().getAnnotations(), Map.of()));
    annotations.remove(ANNOTATION);
    owned.set("labels", JSON.valueToTree(new TreeMap<>(Objects.requireNonNullElse(
        resource.getMetadata().getLabels(), Map.of()))));
    owned.set("annotations", JSON.valueToTree(annotations));
    return of(owned);
  }

  /** A hash of any value by its JSON, map keys sorted: equal values, equal hashes. */
  public static String of(Object value) {
    try {
      byte[] canonical = JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a desired value", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** The hash an object was written with, or null when it carries none. */
  public static String stamped(HasMetadata resource) {
    Map<String, String> annotations = resource == null ? null : resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  /** Tree objects whose fields iterate in key order, whatever order they were added in. */
  private static final class SortedObjects extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public ObjectNode objectNode() {
      return new ObjectNode(this, new TreeMap<>());
    }
  }

  /** Whether the stored object was written from exactly this desired state. */
  public static boolean writtenFrom(HasMetadata actual, HasMetadata desired) {
    return writtenWith(actual, stamped(desired));
  }

  /** Whether the stored object was written from the desired state of this hash. */
  public static boolean writtenWith(HasMetadata actual, String hash) {
    String written = stamped(actual);
    return written != null && written.equals(hash);
  }
}
