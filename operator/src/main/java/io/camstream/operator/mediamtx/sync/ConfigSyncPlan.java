package io.camstream.operator.mediamtx.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.desired.DesiredStateHash;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path changes that bring a MediaMTX from what it has to the desired paths: add the missing ones, replace those
 * whose keys differ (the whole path, so no key of its old configuration stays behind), delete the ones no camera
 * wants. Pure: computed either from what MediaMTX reports or from what was last applied.
 */
public record ConfigSyncPlan(Map<String, Map<String, Object>> add, Map<String, Map<String, Object>> replace,
    Set<String> delete) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** MediaMTX's {@code conf.Duration}: optional days, then Go's duration syntax; "" is zero. */
  private static final Pattern DURATION = Pattern.compile("^(?:(\\d+)d)?((?:\\d+(?:\\.\\d+)?(?:h|m|s|ms|us|µs|ns))*)$");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");

  public ConfigSyncPlan {
    add = Collections.unmodifiableMap(new LinkedHashMap<>(add));
    replace = Collections.unmodifiableMap(new LinkedHashMap<>(replace));
    delete = Collections.unmodifiableSet(new TreeSet<>(delete));
  }

  public boolean isEmpty() {
    return add.isEmpty() && replace.isEmpty() && delete.isEmpty();
  }

  /** @param observed each configured path as {@code /v3/config/paths/list} returns it (defaults filled in) */
  public static ConfigSyncPlan fromObserved(Map<String, Map<String, Object>> desired, Map<String, JsonNode> observed) {
    Map<String, Map<String, Object>> add = new LinkedHashMap<>();
    Map<String, Map<String, Object>> replace = new LinkedHashMap<>();
    desired.forEach((name, path) -> {
      JsonNode have = observed.get(name);
      if (have == null) {
        add.put(name, path);
      } else if (!path.entrySet().stream().allMatch(key -> same(key.getValue(), have.get(key.getKey())))) {
        replace.put(name, path);
      }
    });
    Set<String> delete = new TreeSet<>(observed.keySet());
    delete.removeAll(desired.keySet());
    return new ConfigSyncPlan(add, replace, delete);
  }

  /** @param applied the hash ({@link #hash}) of each path as last applied */
  public static ConfigSyncPlan fromApplied(Map<String, Map<String, Object>> desired, Map<String, String> applied) {
    Map<String, Map<String, Object>> add = new LinkedHashMap<>();
    Map<String, Map<String, Object>> replace = new LinkedHashMap<>();
    desired.forEach((name, path) -> {
      if (!applied.containsKey(name)) {
        add.put(name, path);
      } else if (!applied.get(name).equals(hash(path))) {
        replace.put(name, path);
      }
    });
    Set<String> delete = new TreeSet<>(applied.keySet());
    delete.removeAll(desired.keySet());
    return new ConfigSyncPlan(add, replace, delete);
  }

  public static String hash(Object config) {
    return DesiredStateHash.of(config);
  }

  public static Map<String, String> hashes(Map<String, Map<String, Object>> paths) {
    Map<String, String> hashes = new LinkedHashMap<>();
    paths.forEach((name, path) -> hashes.put(name, hash(path)));
    return hashes;
  }

  /** A desired value against MediaMTX's JSON for it: durations by length ("1h" is "1h0m0s"), numbers by value. */
  static boolean same(Object desired, JsonNode observed) {
    JsonNode want = JSON.valueToTree(desired);
    if (observed == null) {
      return want == null || want.isNull();
    }
    if (want.isNumber() && observed.isNumber()) {
      return want.decimalValue().compareTo(observed.decimalValue()) == 0;
    }
    if (want.isTextual() && observed.isTextual()) {
      Long a = durationNanos(want.asText());
      Long b = durationNanos(observed.asText());
      if (a != null && b != null) {
        return a.equals(b);
      }
    }
    return Objects.equals(want, observed);
  }

  static Long durationNanos(String text) {
    Matcher whole = DURATION.matcher(text);
    if (!whole.matches() || (whole.group(1) == null && whole.group(2).isEmpty() && !text.isEmpty())) {
      return null;
    }
    double nanos = whole.group(1) == null ? 0 : Long.parseLong(whole.group(1)) * 86_400e9;
    Matcher part = DURATION_PART.matcher(whole.group(2));
    while (part.find()) {
      double value = Double.parseDouble(part.group(1));
      nanos += value * switch (part.group(2)) {
        case "h" -> 3_600e9;
        case "m" -> 60e9;
        case "s" -> 1e9;
        case "ms" -> 1e6;
        case "us", "µs" -> 1e3;
        default -> 1;
      };
    }
    return Math.round(nanos);
  }
}
