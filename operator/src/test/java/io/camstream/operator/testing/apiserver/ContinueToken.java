package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code continue} token of a paged list, encoded as the API server's etcd3 store encodes it
 * ({@code storage/etcd3/continue.go}): base64url of {@code {"v":"meta.k8s.io/v1","rv":R,"start":"KEY\u0000"}}, R the
 * revision every page is read at and KEY the last key returned. R is -1 in the token of an "inconsistent" continue,
 * which reads the latest state.
 */
record ContinueToken(long resourceVersion, String start) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final long INCONSISTENT = -1;

  /** The token for the page after {@code lastKey}. */
  static ContinueToken after(long resourceVersion, String lastKey) {
    return new ContinueToken(resourceVersion, lastKey + "\u0000");
  }

  String encode() {
    String json = JSON.createObjectNode().put("v", "meta.k8s.io/v1").put("rv", resourceVersion).put("start", start)
        .toString();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException "continue key is not valid", a 400 */
  static ContinueToken decode(String token) {
    try {
      JsonNode json = JSON.readTree(Base64.getUrlDecoder().decode(token));
      if (!"meta.k8s.io/v1".equals(json.path("v").asText()) || !json.path("rv").canConvertToLong()
          || !json.path("start").isTextual()) {
        throw new IllegalArgumentException("continue key is not valid: incorrect encoded start resourceVersion"
            + " (version meta.k8s.io/v1)");
      }
      return new ContinueToken(json.path("rv").asLong(), json.path("start").asText());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("continue key is not valid: " + e.getMessage());
    }
  }
}
