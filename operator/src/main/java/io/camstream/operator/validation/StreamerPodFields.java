package io.camstream.operator.validation;

import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.TolerationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A camera's fields that go into its streamer's pod spec as written, {@code tolerations} and
 * {@code supplementalGroups}, checked the way the API server checks a pod spec ({@code ValidateTolerations},
 * {@code IsValidGroupID}): a value it refuses would fail every write of the camera's Deployment. Re-checks the
 * CRD's patterns and rules, for an API server without them (an old CRD).
 */
public final class StreamerPodFields {
  private static final Pattern LABEL_KEY = Pattern.compile(TolerationSpec.KEY_PATTERN);
  private static final Pattern LABEL_VALUE = Pattern.compile(CameraSpec.LABEL_VALUE_PATTERN);
  private static final Set<String> OPERATORS = Set.of("", "Equal", "Exists");
  private static final Set<String> EFFECTS = Set.of("", "NoSchedule", "PreferNoSchedule", "NoExecute");

  private StreamerPodFields() {
  }

  /**
   * @param field the camera's path, e.g. {@code spec.cameras[2]}
   * @return every problem, each naming its field; empty when both fields are fine
   */
  public static List<String> problems(String field, CameraSpec camera) {
    List<String> problems = new ArrayList<>();
    tolerations(field + ".tolerations", camera.getTolerations(), problems);
    supplementalGroups(field + ".supplementalGroups", camera.getSupplementalGroups(), problems);
    return problems;
  }

  private static void tolerations(String field, List<TolerationSpec> tolerations, List<String> problems) {
    if (tolerations == null) {
      return;
    }
    if (tolerations.size() > CameraSpec.MAX_TOLERATIONS) {
      problems.add(field + ": at most " + CameraSpec.MAX_TOLERATIONS + " tolerations");
      return;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      String at = field + "[" + i + "]";
      TolerationSpec toleration = tolerations.get(i);
      if (toleration == null) {
        problems.add(at + " must not be null");
        continue;
      }
      String key = orEmpty(toleration.getKey());
      String operator = orEmpty(toleration.getOperator());
      String value = orEmpty(toleration.getValue());
      String effect = orEmpty(toleration.getEffect());
      if (!key.isEmpty() && (key.length() > TolerationSpec.KEY_MAX_LENGTH || !LABEL_KEY.matcher(key).matches())) {
        problems.add(at + ".key must be a label key such as node-role.kubernetes.io/edge");
      }
      if (key.isEmpty() && !"Exists".equals(operator)) {
        problems.add(at + ".operator must be Exists when key is empty (a toleration of every taint)");
      }
      if (!OPERATORS.contains(operator)) {
        problems.add(at + ".operator must be Equal or Exists");
      } else if ("Exists".equals(operator) && !value.isEmpty()) {
        problems.add(at + ".value must be empty when operator is Exists");
      } else if (!"Exists".equals(operator) && (value.length() > CameraSpec.LABEL_VALUE_MAX_LENGTH
          || !LABEL_VALUE.matcher(value).matches())) {
        problems.add(at + ".value must be a label value (at most " + CameraSpec.LABEL_VALUE_MAX_LENGTH
            + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
      }
      if (!EFFECTS.contains(effect)) {
        problems.add(at + ".effect must be NoSchedule, PreferNoSchedule or NoExecute (or left out for all three)");
      }
      if (toleration.getTolerationSeconds() != null && !"NoExecute".equals(effect)) {
        problems.add(at + ".tolerationSeconds needs effect NoExecute: only an evicting taint waits that long");
      }
    }
  }

  private static void supplementalGroups(String field, List<Long> groups, List<String> problems) {
    if (groups == null) {
      return;
    }
    if (groups.size() > CameraSpec.MAX_SUPPLEMENTAL_GROUPS) {
      problems.add(field + ": at most " + CameraSpec.MAX_SUPPLEMENTAL_GROUPS + " groups");
      return;
    }
    for (int i = 0; i < groups.size(); i++) {
      Long group = groups.get(i);
      if (group == null || group < CameraSpec.MIN_GROUP_ID || group > CameraSpec.MAX_GROUP_ID) {
        problems.add(field + "[" + i + "] must be a group ID between " + CameraSpec.MIN_GROUP_ID + " and "
            + CameraSpec.MAX_GROUP_ID + " (0, root's group, is refused)");
      }
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
