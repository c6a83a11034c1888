package io.camstream.operator.desired;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who the generated NetworkPolicy lets in besides the viewers: the operator's pods (MediaMTX control API) and
 * the metrics scrapers. Read from the operator's environment; a bad value fails start-up naming the variable.
 *
 * @param operatorNamespace namespace of the operator's pods
 * @param operatorPodLabels labels selecting the operator's pods in that namespace
 * @param metricsNamespaces namespaces whose pods may scrape MediaMTX metrics; empty means every namespace
 */
public record NetworkPolicySettings(String operatorNamespace, Map<String, String> operatorPodLabels,
    Set<String> metricsNamespaces) {
  public static final String OPERATOR_NAMESPACE = "CAMSTREAM_OPERATOR_NAMESPACE";
  public static final String OPERATOR_POD_LABELS = "CAMSTREAM_OPERATOR_POD_LABELS";
  public static final String METRICS_NAMESPACES = "CAMSTREAM_METRICS_NAMESPACES";

  /** Where k8s/ installs the operator, and the label its Deployment gives its pods. */
  public static final String DEFAULT_OPERATOR_NAMESPACE = "camstream-system";
  public static final Map<String, String> DEFAULT_OPERATOR_POD_LABELS =
      Map.of("app.kubernetes.io/name", "camstream-operator");

  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern LABEL_KEY =
      Pattern.compile("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

  public NetworkPolicySettings {
    operatorPodLabels = Collections.unmodifiableMap(new LinkedHashMap<>(operatorPodLabels));
    metricsNamespaces = Collections.unmodifiableSet(new LinkedHashSet<>(metricsNamespaces));
  }

  public static NetworkPolicySettings defaults() {
    return new NetworkPolicySettings(DEFAULT_OPERATOR_NAMESPACE, DEFAULT_OPERATOR_POD_LABELS, Set.of());
  }

  /**
   * @param ownNamespace the operator's namespace when it runs in a cluster (the service account's namespace)
   */
  public static NetworkPolicySettings from(Map<String, String> env, Optional<String> ownNamespace) {
    String namespace = nonBlank(env.get(OPERATOR_NAMESPACE)).or(() -> ownNamespace)
        .orElse(DEFAULT_OPERATOR_NAMESPACE);
    if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
      throw invalid(OPERATOR_NAMESPACE, "a namespace name (DNS-1123 label)");
    }
    Map<String, String> labels = nonBlank(env.get(OPERATOR_POD_LABELS)).map(NetworkPolicySettings::labels)
        .orElse(DEFAULT_OPERATOR_POD_LABELS);
    Set<String> metrics = new LinkedHashSet<>();
    for (String item : nonBlank(env.get(METRICS_NAMESPACES)).orElse("").split(",")) {
      String ns = item.trim();
      if (ns.isEmpty()) {
        continue;
      }
      if (ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
        throw invalid(METRICS_NAMESPACES, "a comma-separated list of namespace names");
      }
      metrics.add(ns);
    }
    return new NetworkPolicySettings(namespace, labels, metrics);
  }

  /** {@code key=value,key=value}, as in a label selector; at least one pair. */
  private static Map<String, String> labels(String value) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? "" : pair.substring(0, eq).trim();
      String labelValue = eq < 0 ? "" : pair.substring(eq + 1).trim();
      if (key.length() > 317 || !LABEL_KEY.matcher(key).matches() || labelValue.length() > 63
          || !LABEL_VALUE.matcher(labelValue).matches()) {
        throw invalid(OPERATOR_POD_LABELS, "labels as key=value[,key=value] selecting the operator's pods");
      }
      labels.put(key, labelValue);
    }
    return labels;
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** The message names the variable and what it expects, never echoes the value (it could be anything). */
  private static IllegalArgumentException invalid(String variable, String expected) {
    return new IllegalArgumentException(variable + " must be " + expected);
  }
}
