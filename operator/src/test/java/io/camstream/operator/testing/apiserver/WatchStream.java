package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.WebSocket;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One watch: the objects it selects (namespace, label and field selectors) and the socket its events go to. An
 * object that stops matching (a label changed) is reported DELETED with its previous state, one that starts
 * matching ADDED, as the API server's watch cache does ({@code cacheWatcher.convertToWatchEvent}).
 */
final class WatchStream {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Selection selection;
  private final WebSocket socket;
  private volatile boolean closed;

  WatchStream(Selection selection, WebSocket socket) {
    this.selection = selection;
    this.socket = socket;
  }

  boolean matches(StoredObject object) {
    return selection.matches(object);
  }

  /** Sends what this watcher sees of a change; called in the order of the changes. */
  void offer(StoreEvent event) {
    if (closed) {
      return;
    }
    boolean was = event.previous() != null && matches(event.previous());
    if (event.current() == null) {
      if (was) {
        send("DELETED", event.deletedJson());
      }
      return;
    }
    boolean is = matches(event.current());
    if (is) {
      send(was ? "MODIFIED" : "ADDED", event.current().json());
    } else if (was) {
      send("DELETED", withResourceVersion(event.previous().json(), event.resourceVersion()));
    }
  }

  void added(StoredObject object) {
    send("ADDED", object.json());
  }

  /** An ERROR event with a Status, then the end of the watch (e.g. 410 Gone for a resourceVersion too old). */
  void fail(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    send("ERROR", status.toString());
    close();
  }

  void close() {
    if (!closed) {
      closed = true;
      socket.close(1000, "watch closed");
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void send(String type, String object) {
    socket.send("{\"type\":\"" + type + "\",\"object\":" + object + "}");
  }

  static String withResourceVersion(String json, long resourceVersion) {
    try {
      ObjectNode object = (ObjectNode) JSON.readTree(json);
      ((ObjectNode) object.get("metadata")).put("resourceVersion", Long.toString(resourceVersion));
      return object.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
