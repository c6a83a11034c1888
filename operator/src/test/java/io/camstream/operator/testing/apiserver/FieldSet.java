package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths, as structured-merge-diff's {@code fieldpath.Set}: a tree whose nodes are path elements
 * ({@code f:name} a field, {@code k:{"name":"x"}} a list item by its keys, {@code v:"x"} a set member), each node
 * either in the set or only on the way to members. Serialized as {@code fieldsV1}: a member with children carries
 * {@code ".": {}}, a member leaf is {@code {}}.
 */
final class FieldSet {
  private boolean member;
  private final TreeMap<String, FieldSet> children = new TreeMap<>();

  boolean isEmpty() {
    return !member && children.isEmpty();
  }

  void insert(List<String> path) {
    FieldSet node = this;
    for (String element : path) {
      node = node.children.computeIfAbsent(element, e -> new FieldSet());
    }
    node.member = true;
  }

  /** Adds every member of {@code other}. */
  void addAll(FieldSet other) {
    member |= other.member;
    other.children.forEach((element, child) -> children.computeIfAbsent(element, e -> new FieldSet()).addAll(child));
  }

  /** Removes every member of {@code other} (its members only, as {@code Set.Difference}). */
  void removeAll(FieldSet other) {
    if (other.member) {
      member = false;
    }
    other.children.forEach((element, child) -> {
      FieldSet mine = children.get(element);
      if (mine != null) {
        mine.removeAll(child);
        if (mine.isEmpty()) {
          children.remove(element);
        }
      }
    });
  }

  /** The members of both. */
  FieldSet intersection(FieldSet other) {
    FieldSet both = new FieldSet();
    both.member = member && other.member;
    children.forEach((element, child) -> {
      FieldSet theirs = other.children.get(element);
      if (theirs != null) {
        FieldSet common = child.intersection(theirs);
        if (!common.isEmpty()) {
          both.children.put(element, common);
        }
      }
    });
    return both;
  }

  FieldSet copy() {
    FieldSet copy = new FieldSet();
    copy.addAll(this);
    return copy;
  }

  ObjectNode toFieldsV1() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (member && !children.isEmpty()) {
      json.putObject(".");
    }
    children.forEach((element, child) -> json.set(element, child.toFieldsV1()));
    return json;
  }

  static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    FieldSet set = new FieldSet();
    for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) fieldsV1::fields) {
      if (entry.getKey().equals(".")) {
        set.member = true;
      } else {
        FieldSet child = fromFieldsV1(entry.getValue());
        if (entry.getValue().isEmpty()) {
          child.member = true;
        }
        set.children.put(entry.getKey(), child);
      }
    }
    return set;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldSet set && set.member == member && set.children.equals(children);
  }

  @Override
  public int hashCode() {
    return children.hashCode() * 31 + (member ? 1 : 0);
  }

  @Override
  public String toString() {
    return toFieldsV1().toString();
  }
}
