package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * {@code metadata.managedFields} as the API server's field manager writes them for creates, updates and patches
 * (not server-side apply, which camstream does not use) — {@code k8s.io/apiserver/pkg/endpoints/handlers/
 * fieldmanager} and structured-merge-diff's {@code merge.Updater.Update}:
 * <ul>
 *   <li>one entry per manager (the {@code fieldManager} parameter, else the User-Agent up to its first '/'),
 *       operation {@code Update}, API version and subresource; the time of its last change;</li>
 *   <li>a write gives its manager every field it added or changed and takes them from the others (updates always
 *       force); removed fields leave every set; a manager left with nothing is dropped; an object a write does not
 *       change keeps its entries as they were;</li>
 *   <li>the entries the request sends are taken instead of the stored ones, unless absent (a client that does not
 *       know about them keeps them) or {@code []} (resets them); writes to {@code /status} ignore them;</li>
 *   <li>at most 10 Update entries: the oldest are merged into {@code ancient-changes}.</li>
 * </ul>
 */
final class ManagedFields {
  static final int MAX_UPDATE_MANAGERS = 10;
  static final String ANCIENT_CHANGES = "ancient-changes";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Who writes and how.
   *
   * @param subresource null, or {@code status}
   */
  record Writer(String manager, String subresource, String apiVersion, Instant time, String kind,
      boolean customResource, FieldComparison.Scope scope) {
  }

  private static final class Entry {
    final String manager;
    final String operation;
    final String apiVersion;
    final String subresource;
    String time;
    FieldSet fields;

    Entry(String manager, String operation, String apiVersion, String subresource, String time, FieldSet fields) {
      this.manager = manager;
      this.operation = operation;
      this.apiVersion = apiVersion;
      this.subresource = subresource;
      this.time = time;
      this.fields = fields;
    }

    boolean sameManager(String manager, String operation, String apiVersion, String subresource) {
      return this.manager.equals(manager) && this.operation.equals(operation)
          && (operation.equals("Apply") || Objects.equals(this.apiVersion, apiVersion))
          && Objects.equals(this.subresource, subresource);
    }
  }

  private ManagedFields() {
  }

  /** The manager a request writes as: {@code ?fieldManager=}, else its User-Agent up to the first '/'. */
  static String manager(String fieldManagerParameter, String userAgent) {
    String manager = fieldManagerParameter != null && !fieldManagerParameter.isEmpty() ? fieldManagerParameter
        : userAgent == null ? "" : userAgent.split("/", 2)[0];
    return manager.length() > 128 ? manager.substring(0, 128) : manager;
  }

  /**
   * @param stored the object before the write; null for a create
   * @param next the object to store, without managedFields
   * @param requested the request object's {@code metadata.managedFields}; null when it has none
   * @return the entries to store; empty for none
   */
  static ArrayNode afterWrite(JsonNode stored, JsonNode next, JsonNode requested, Writer writer) {
    List<Entry> entries = decodeLiveOrNew(stored, requested, writer.subresource() != null);
    JsonNode before = stored != null ? stored : FieldComparison.zeroValue(writer.kind(), writer.customResource());
    FieldComparison change = FieldComparison.of(before, next, writer.customResource(), writer.scope());
    if (change.isSame()) {
      return encode(entries);
    }
    FieldSet taken = change.added.copy();
    taken.addAll(change.modified);
    Entry mine = null;
    for (Entry entry : entries) {
      if (entry.sameManager(writer.manager(), "Update", writer.apiVersion(), writer.subresource())) {
        mine = entry;
        continue;
      }
      entry.fields.removeAll(change.removed);
      entry.fields.removeAll(entry.fields.intersection(taken));
    }
    if (mine == null) {
      mine = new Entry(writer.manager(), "Update", writer.apiVersion(), writer.subresource(), null, new FieldSet());
      entries.add(mine);
    }
    mine.fields.addAll(taken);
    mine.fields.removeAll(change.removed);
    mine.time = writer.time().truncatedTo(ChronoUnit.SECONDS).toString();
    entries.removeIf(entry -> entry.fields.isEmpty());
    capUpdateManagers(entries);
    return encode(entries);
  }

  /** Whether a request's managedFields say "reset them": {@code []}, or one empty entry. */
  static boolean isReset(JsonNode requested) {
    return requested != null && requested.isArray()
        && (requested.isEmpty() || (requested.size() == 1 && requested.get(0).isEmpty()));
  }

  private static List<Entry> decodeLiveOrNew(JsonNode stored, JsonNode requested, boolean subresource) {
    JsonNode live = stored == null ? null : stored.path("metadata").get("managedFields");
    if (subresource) {
      return decode(live);
    }
    if (isReset(requested)) {
      return new ArrayList<>();
    }
    List<Entry> fromRequest = requested != null && requested.isArray() ? decode(requested) : null;
    return fromRequest == null || fromRequest.isEmpty() ? decode(live) : fromRequest;
  }

  private static List<Entry> decode(JsonNode managedFields) {
    List<Entry> entries = new ArrayList<>();
    if (managedFields == null || !managedFields.isArray()) {
      return entries;
    }
    for (JsonNode entry : managedFields) {
      if (!entry.path("manager").isTextual() || !entry.path("fieldsV1").isObject()) {
        // The field manager refuses what it cannot decode and falls back to the live entries.
        return List.of();
      }
      entries.add(new Entry(entry.path("manager").asText(), entry.path("operation").asText("Update"),
          entry.path("apiVersion").asText(null), entry.path("subresource").asText(null),
          entry.path("time").asText(null), FieldSet.fromFieldsV1(entry.get("fieldsV1"))));
    }
    return entries;
  }

  private static void capUpdateManagers(List<Entry> entries) {
    List<Entry> updates = new ArrayList<>(entries.stream().filter(e -> e.operation.equals("Update")
        && !e.manager.equals(ANCIENT_CHANGES)).sorted(Comparator.comparing(e -> e.time == null ? "" : e.time))
        .toList());
    long updateEntries = entries.stream().filter(e -> e.operation.equals("Update")).count();
    for (int i = 0; updateEntries > MAX_UPDATE_MANAGERS && i < updates.size(); i++) {
      Entry oldest = updates.get(i);
      Entry bucket = entries.stream().filter(e -> e.sameManager(ANCIENT_CHANGES, "Update", oldest.apiVersion, null))
          .findFirst().orElse(null);
      if (bucket == null) {
        entries.add(new Entry(ANCIENT_CHANGES, "Update", oldest.apiVersion, null, oldest.time, oldest.fields));
      } else {
        bucket.fields.addAll(oldest.fields);
        bucket.time = oldest.time;
        updateEntries--;
      }
      entries.remove(oldest);
    }
  }

  /** Sorted as the API server sorts them: operation, then time, manager, API version, subresource. */
  private static ArrayNode encode(List<Entry> entries) {
    ArrayNode encoded = JSON.arrayNode();
    entries.stream().sorted(Comparator.<Entry, String>comparing(e -> e.operation)
            .thenComparing(e -> e.time == null ? "" : e.time).thenComparing(e -> e.manager)
            .thenComparing(e -> e.apiVersion == null ? "" : e.apiVersion)
            .thenComparing(e -> e.subresource == null ? "" : e.subresource))
        .forEach(e -> {
          ObjectNode entry = encoded.addObject().put("manager", e.manager).put("operation", e.operation);
          if (e.apiVersion != null) {
            entry.put("apiVersion", e.apiVersion);
          }
          if (e.time != null) {
            entry.put("time", e.time);
          }
          entry.put("fieldsType", "FieldsV1");
          entry.set("fieldsV1", e.fields.toFieldsV1());
          if (e.subresource != null) {
            entry.put("subresource", e.subresource);
          }
        });
    return encoded;
  }
}
