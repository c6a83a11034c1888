package io.camstream.operator.testing.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@code labelSelector} query parameter as the API server parses it ({@code k8s.io/apimachinery/pkg/labels}):
 * comma-separated requirements, all of which must hold: {@code key}, {@code !key}, {@code key=value},
 * {@code key==value}, {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)}, {@code key>1},
 * {@code key<1}. An empty selector matches everything.
 */
final class LabelSelector {
  static final LabelSelector EVERYTHING = new LabelSelector(List.of(), "");

  private final List<Predicate<Map<String, String>>> requirements;
  private final String text;

  private LabelSelector(List<Predicate<Map<String, String>>> requirements, String text) {
    this.requirements = requirements;
    this.text = text;
  }

  /** @throws IllegalArgumentException with the API server's kind of message, for a 400 answer */
  static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
    for (String requirement : splitOutsideParentheses(selector)) {
      requirements.add(requirement(requirement.trim(), selector));
    }
    return new LabelSelector(List.copyOf(requirements), selector);
  }

  boolean isEmpty() {
    return requirements.isEmpty();
  }

  boolean matches(Map<String, String> labels) {
    for (Predicate<Map<String, String>> requirement : requirements) {
      if (!requirement.test(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  private static Predicate<Map<String, String>> requirement(String requirement, String selector) {
    if (requirement.isEmpty()) {
      throw new IllegalArgumentException("unable to parse requirement: found '', expected: identifier in \""
          + selector + "\"");
    }
    if (requirement.startsWith("!")) {
      String key = key(requirement.substring(1).trim(), selector);
      return labels -> !labels.containsKey(key);
    }
    String[] words = requirement.split("\\s+", 3);
    if (words.length == 3 && (words[1].equals("in") || words[1].equals("notin"))) {
      String key = key(words[0], selector);
      Set<String> values = values(words[2], selector);
      return words[1].equals("in") ? labels -> values.contains(labels.get(key))
          : labels -> !values.contains(labels.get(key));
    }
    for (String operator : new String[] {"!=", "==", "=", ">", "<"}) {
      int at = requirement.indexOf(operator);
      if (at > 0) {
        String key = key(requirement.substring(0, at).trim(), selector);
        String value = requirement.substring(at + operator.length()).trim();
        return switch (operator) {
          case "!=" -> labels -> !value.equals(labels.get(key));
          case ">" -> labels -> number(labels.get(key)) != null && number(labels.get(key)) > Long.parseLong(value);
          case "<" -> labels -> number(labels.get(key)) != null && number(labels.get(key)) < Long.parseLong(value);
          default -> labels -> value.equals(labels.get(key));
        };
      }
    }
    String key = key(requirement, selector);
    return labels -> labels.containsKey(key);
  }

  private static String key(String key, String selector) {
    if (key.isEmpty() || key.contains(" ") || key.contains("(")) {
      throw new IllegalArgumentException("unable to parse requirement: invalid label key \"" + key + "\" in \""
          + selector + "\"");
    }
    return key;
  }

  private static Set<String> values(String list, String selector) {
    String trimmed = list.trim();
    if (!trimmed.startsWith("(") || !trimmed.endsWith(")")) {
      throw new IllegalArgumentException("unable to parse requirement: found '" + trimmed
          + "', expected: '(' in \"" + selector + "\"");
    }
    Set<String> values = new java.util.HashSet<>();
    for (String value : trimmed.substring(1, trimmed.length() - 1).split(",")) {
      values.add(value.trim());
    }
    return values;
  }

  private static Long number(String value) {
    try {
      return value == null ? null : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> splitOutsideParentheses(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts;
  }
}
