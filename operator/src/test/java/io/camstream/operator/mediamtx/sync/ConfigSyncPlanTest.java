package io.camstream.operator.mediamtx.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSyncPlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> PUBLISHER = Map.of("source", "publisher");

  @Test
  void fromWhatMediaMtxReportsAddsPatchesAndDeletesOnlyWhatDiffers() {
    Map<String, Map<String, Object>> desired = new LinkedHashMap<>();
    desired.put("lobby", PUBLISHER);
    desired.put("gate", PUBLISHER);
    desired.put("dock", Map.of("source", "publisher", "recordDeleteAfter", "24h"));
    Map<String, JsonNode> observed = Map.of(
        "lobby", conf("{\"name\":\"lobby\",\"source\":\"publisher\",\"readUser\":null,\"recordDeleteAfter\":\"1d\"}"),
        "dock", conf("{\"name\":\"dock\",\"source\":\"publisher\",\"recordDeleteAfter\":\"1d\"}"),
        "old", conf("{\"name\":\"old\",\"source\":\"publisher\"}"));

    ConfigSyncPlan plan = ConfigSyncPlan.fromObserved(desired, observed);
    assertThat(plan.add()).containsOnlyKeys("gate");
    assertThat(plan.replace()).as("24h is 1d: MediaMTX writes durations its own way").isEmpty();
    assertThat(plan.delete()).containsExactly("old");

    desired.put("lobby", Map.of("source", "rtsp://cam/s"));
    assertThat(ConfigSyncPlan.fromObserved(desired, observed).replace()).containsOnlyKeys("lobby");
  }

  @Test
  void fromWhatWasAppliedComparesHashes() {
    Map<String, Map<String, Object>> desired = Map.of("lobby", PUBLISHER, "gate", PUBLISHER);
    Map<String, String> applied = Map.of("lobby", ConfigSyncPlan.hash(PUBLISHER),
        "old", ConfigSyncPlan.hash(PUBLISHER));
    ConfigSyncPlan plan = ConfigSyncPlan.fromApplied(desired, applied);
    assertThat(plan.add()).containsOnlyKeys("gate");
    assertThat(plan.replace()).isEmpty();
    assertThat(plan.delete()).containsExactly("old");
    assertThat(ConfigSyncPlan.fromApplied(desired, ConfigSyncPlan.hashes(desired)).isEmpty()).isTrue();
  }

  @Test
  void mediaMtxDurationsCompareByLength() {
    assertThat(ConfigSyncPlan.durationNanos("1h0m0s")).isEqualTo(ConfigSyncPlan.durationNanos("60m"));
    assertThat(ConfigSyncPlan.durationNanos("1d")).isEqualTo(ConfigSyncPlan.durationNanos("24h0m0s"));
    assertThat(ConfigSyncPlan.durationNanos("")).isZero();
    assertThat(ConfigSyncPlan.durationNanos("1.5s")).isEqualTo(1_500_000_000L);
    assertThat(ConfigSyncPlan.durationNanos("500ms")).isEqualTo(500_000_000L);
    assertThat(ConfigSyncPlan.durationNanos("publisher")).isNull();
    assertThat(ConfigSyncPlan.same("10s", JSON.valueToTree("10s"))).isTrue();
    assertThat(ConfigSyncPlan.same(8, JSON.valueToTree(8.0))).isTrue();
    assertThat(ConfigSyncPlan.same(true, JSON.valueToTree(false))).isFalse();
  }

  private static JsonNode conf(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
