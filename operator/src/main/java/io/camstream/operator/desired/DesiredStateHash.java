package io.camstream.operator.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;

/**
 * Stamps a hash of an object's desired spec into an annotation on the object's own metadata (never the pod
 * template, so it restarts nothing). JOSDK's non-SSA matcher tolerates fields the API server adds but also
 * misses fields we remove (an env var, a nodeSelector entry); a changed hash makes such removals a mismatch.
 */
public final class DesiredStateHash {
  public static final String ANNOTATION = "camstream.io/desired-hash";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private DesiredStateHash() {
  }

  public static <T extends HasMetadata> T stamp(T resource, Object desiredSpec) {
    if (resource.getMetadata().getAnnotations() == null) {
      resource.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    resource.getMetadata().getAnnotations().put(ANNOTATION, of(desiredSpec));
    return resource;
  }

  public static String of(Object desiredSpec) {
    try {
      byte[] json = JSON.writeValueAsBytes(desiredSpec);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize desired spec", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

}
