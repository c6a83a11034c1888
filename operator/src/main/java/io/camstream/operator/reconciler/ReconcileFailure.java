package io.camstream.operator.reconciler;

import io.camstream.operator.security.Redaction;
import io.camstream.operator.status.ConditionTypes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong in a reconcile, as a user reads it: a specific CamelCase reason and a message naming the verb and
 * the object that failed, with any URL credentials masked.
 *
 * <p>The error policy: the API server answers an occasional 409 (someone wrote the object first), 5xx or timeout,
 * and the next attempt succeeds. Such a failure is retried (JOSDK's retry, 2 s doubling) without a status write or
 * an Event; only a failure that {@linkplain #isPersistent persists} through {@value #PERSISTENT_AFTER_ATTEMPTS}
 * attempts in a row (about 14 s) is reported, as {@code Ready=False} with this reason and message, and a Warning
 * Event for the transition. An object the API server rejects as invalid (400, 422) is reported at once: the same
 * request is rejected again until someone changes something, so waiting only hides it. It is still retried on the
 * same ladder, for a webhook or policy that is fixed outside the CameraStream.
 *
 * @param reason one of {@code ApiConflict}, {@code ApiForbidden}, {@code ApiNotFound}, {@code ApiRejected},
 *     {@code ApiServerError}, {@code ApiServerUnreachable}, {@code ReconcileError}
 */
public record ReconcileFailure(String reason, String message) {
  /** Failed attempts in a row (the first one and its retries) after which a failure is reported. */
  public static final int PERSISTENT_AFTER_ATTEMPTS = 4;
  private static final int MAX_MESSAGE = 400;
  /** Fabric8's message for a request the API server answered: "Failure executing: PUT at: https://... ." */
  private static final Pattern EXECUTING = Pattern.compile("Failure executing: (\\w+) at: (\\S+?)\\.?(?:\\s|$)");
  /** Fabric8's message for an operation that got no answer: "Operation: [update]  for kind: [Deployment] ...". */
  private static final Pattern OPERATION = Pattern.compile(
      "Operation: \\[(\\w+)]\\s+for kind: \\[(\\w+)]\\s+with name: \\[([^]]*)]\\s+in namespace: \\[([^]]*)]");
  private static final Pattern RESOURCE_PATH = Pattern.compile(
      "/apis?/(?:[^/]+/)?v[0-9][^/]*(?:/namespaces/([^/]+))?/([a-z0-9]+)(?:/([^/?]+))?(?:/([a-z]+))?");

  /**
   * Whether a failure is to be reported now: a rejected object at once, anything else once it has lasted
   * {@value #PERSISTENT_AFTER_ATTEMPTS} attempts (JOSDK counts the retries so far, 0 on the first failure).
   */
  public boolean isPersistent(RetryInfo retry) {
    return ConditionTypes.REASON_API_REJECTED.equals(reason)
        || (retry != null && retry.getAttemptCount() + 1 >= PERSISTENT_AFTER_ATTEMPTS);
  }

  public static ReconcileFailure of(Exception failure, RetryInfo retry) {
    Throwable cause = failure;
    String dependent = null;
    if (failure instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
      var first = aggregated.getAggregatedExceptions().entrySet().iterator().next();
      dependent = first.getKey();
      cause = first.getValue();
    }
    KubernetesClientException api = find(cause, KubernetesClientException.class);
    String attempts = retry == null ? "" : " (" + attempts(retry.getAttemptCount() + 1) + ", still retrying)";
    if (api == null) {
      return new ReconcileFailure(ConditionTypes.REASON_RECONCILE_ERROR, bounded("reconcile failed" + (dependent == null ? ""
          : " at " + dependent) + attempts + ": " + describe(cause)));
    }
    String request = request(api.getMessage());
    int code = api.getCode();
    String answer = api.getStatus() != null && api.getStatus().getMessage() != null
        ? api.getStatus().getMessage() : describe(rootCause(api));
    String reason;
    String what;
    if (code == 409) {
      reason = ConditionTypes.REASON_API_CONFLICT;
      what = "kept conflicting (409)";
    } else if (code == 401 || code == 403) {
      reason = ConditionTypes.REASON_API_FORBIDDEN;
      what = "was forbidden (" + code + ")";
    } else if (code == 404) {
      reason = ConditionTypes.REASON_API_NOT_FOUND;
      what = "found nothing (404)";
    } else if (code == 400 || code == 422) {
      reason = ConditionTypes.REASON_API_REJECTED;
      what = "was rejected (" + code + ")";
    } else if (code == 429 || code >= 500) {
      reason = ConditionTypes.REASON_API_SERVER_ERROR;
      what = "failed on the API server (" + code + ")";
    } else if (code == 0 && (find(api, IOException.class) != null || find(api, TimeoutException.class) != null)) {
      reason = ConditionTypes.REASON_API_SERVER_UNREACHABLE;
      what = "got no answer from the API server";
    } else {
      reason = ConditionTypes.REASON_RECONCILE_ERROR;
      what = "failed" + (code == 0 ? "" : " (" + code + ")");
    }
    return new ReconcileFailure(reason, bounded(request + " " + what + attempts + ": " + answer));
  }

  private static String attempts(int count) {
    return count == 1 ? "1 attempt" : count + " attempts";
  }

  /** "update deployments team-a/site-gate" from Fabric8's message, or "a request" when it names none. */
  static String request(String message) {
    if (message == null) {
      return "a request";
    }
    Matcher executing = EXECUTING.matcher(message);
    if (executing.find()) {
      String verb = switch (executing.group(1)) {
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> "delete";
        default -> "get";
      };
      Matcher path = RESOURCE_PATH.matcher(executing.group(2));
      if (path.find()) {
        String resource = path.group(2) + (path.group(4) == null ? "" : "/" + path.group(4));
        String name = (path.group(1) == null ? "" : path.group(1) + "/") + (path.group(3) == null ? "" : path.group(3));
        return verb + " " + resource + (name.isEmpty() ? "" : " " + name);
      }
      return verb + " " + Redaction.url(executing.group(2));
    }
    Matcher operation = OPERATION.matcher(message);
    if (operation.find()) {
      return operation.group(1) + " " + operation.group(2) + " " + operation.group(4) + "/" + operation.group(3);
    }
    return "a request";
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static Throwable rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** Masked (exception text may quote a request or a source URL) and short enough for a condition message. */
  private static String bounded(String message) {
    String masked = Redaction.url(message);
    return masked.length() > MAX_MESSAGE ? masked.substring(0, MAX_MESSAGE) + "..." : masked;
  }
}
