package io.camstream.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.api.status.CameraStreamStatus;

/** Compares statuses as their JSON, the form the API server stores, so no write is made for no change. */
public final class StatusDiff {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusDiff() {
  }

  public static boolean same(CameraStreamStatus a, CameraStreamStatus b) {
    JsonNode left = a == null ? null : JSON.valueToTree(a);
    JsonNode right = b == null ? null : JSON.valueToTree(b);
    return left == null ? right == null : left.equals(right);
  }
}
