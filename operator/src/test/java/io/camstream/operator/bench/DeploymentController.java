package io.camstream.operator.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camstream.operator.testing.apiserver.FakeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the operator sees of kube-controller-manager's Deployment controller: every Deployment generation gets the
 * {@code deployment.kubernetes.io/revision} annotation and an available status, written through {@code /status} by
 * field manager {@code kube-controller-manager}.
 *
 * <p>Played in-process on the test API server's store: it learns of each stored Deployment from the store
 * ({@link FakeApiServer#onStored}) and writes with {@link FakeApiServer#editStored(String, String,
 * java.util.function.Consumer)}, the same store path a {@code PUT .../status} takes (the status strategy, generation
 * rules, managedFields per manager, resourceVersion, watch events to the operator's watches). So the operator sees
 * the same events and objects as from a controller writing over HTTP: one MODIFIED per Deployment generation. What
 * it saves is this JVM's informer parsing every Deployment event and a PUT round trip per generation (a third of the
 * bench JVM's CPU at 1,000 × 10, taken from the operator on a 2-core machine). Asynchronous, as the real controller
 * is: the work runs on {@code workers}, never on the committing thread.
 */
final class DeploymentController {
  static final String FIELD_MANAGER = "kube-controller-manager";
  static final String REVISION = "deployment.kubernetes.io/revision";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeApiServer server;
  private final ExecutorService workers;
  private final LongAdder statusWrites = new LongAdder();

  DeploymentController(FakeApiServer server, ExecutorService workers) {
    this.server = server;
    this.workers = workers;
  }

  void start() {
    server.onStored("/apis/apps/v1/deployments", json -> {
      try {
        workers.execute(() -> sync(json));
      } catch (RejectedExecutionException shutDown) {
        // The bench is over.
      }
    });
  }

  /** Status writes made: one per Deployment generation. */
  long statusWrites() {
    return statusWrites.sum();
  }

  private void sync(String json) {
    Stored stored = Stored.read(json);
    if (stored.observed()) {
      return;
    }
    String path = "/apis/apps/v1/namespaces/" + stored.namespace() + "/deployments/" + stored.name() + "/status";
    try {
      server.editStored(path, FIELD_MANAGER, DeploymentController::markAvailable);
      statusWrites.increment();
    } catch (IllegalStateException e) {
      System.out.println("marking " + path + " available failed: " + e.getMessage());
    }
  }

  /**
   * What the controller reads of a stored Deployment to know whether it has work, read without building the
   * object (most of which is the spec, and half of the Deployments it hears of are its own writes).
   */
  record Stored(String namespace, String name, boolean observed) {
    static Stored read(String json) {
      String namespace = null;
      String name = null;
      long generation = -1;
      long observedGeneration = -2;
      try (JsonParser parser = JSON.getFactory().createParser(json)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new IllegalStateException("the store holds a Deployment that is not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          if (parser.nextToken() != JsonToken.START_OBJECT
              || !(field.equals("metadata") || field.equals("status"))) {
            parser.skipChildren();
            continue;
          }
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String inner = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("metadata") && inner.equals("namespace") && value == JsonToken.VALUE_STRING) {
              namespace = parser.getText();
            } else if (field.equals("metadata") && inner.equals("name") && value == JsonToken.VALUE_STRING) {
              name = parser.getText();
            } else if (field.equals("metadata") && inner.equals("generation") && value.isNumeric()) {
              generation = parser.getLongValue();
            } else if (field.equals("status") && inner.equals("observedGeneration") && value.isNumeric()) {
              observedGeneration = parser.getLongValue();
            } else {
              parser.skipChildren();
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the store holds a Deployment that is not JSON", e);
      }
      return new Stored(namespace, name, generation == observedGeneration);
    }
  }

  /** Whether the Deployment's status is of its current generation. */
  static boolean observed(JsonNode deployment) {
    JsonNode observed = deployment.path("status").path("observedGeneration");
    return observed.isNumber() && observed.asLong() == deployment.path("metadata").path("generation").asLong();
  }

  /**
   * The revision annotation and a status of one available replica, for the stored generation; nothing when that
   * generation was already observed (the store then writes nothing).
   */
  static void markAvailable(ObjectNode deployment) {
    if (observed(deployment)) {
      return;
    }
    long generation = deployment.path("metadata").path("generation").asLong();
    ((ObjectNode) deployment.get("metadata")).with("annotations").put(REVISION, Long.toString(generation));
    ObjectNode status = JSON.createObjectNode().put("availableReplicas", 1);
    status.putArray("conditions").addObject().put("message", "Deployment has minimum availability.")
        .put("reason", "MinimumReplicasAvailable").put("status", "True").put("type", "Available");
    status.put("observedGeneration", generation).put("readyReplicas", 1).put("replicas", 1)
        .put("updatedReplicas", 1);
    deployment.set("status", status);
  }
}
