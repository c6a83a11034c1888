package io.camstream.operator.testing.apiserver;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One injected misbehaviour of the test API server for the next {@code times} requests whose method and path
 * (without the query) match: an error answer (the store is not touched), a slow answer (the request is served, its
 * response held back), or something done just before the request is served. Build with {@link #status},
 * {@link #delay} or {@link #intercept}, then {@link #on}.
 */
public final class Fault {
  private final int status;
  private final Duration delay;
  private final Runnable before;
  private String message;
  private String method = ".*";
  private Pattern path = Pattern.compile(".*");
  private final AtomicInteger remaining = new AtomicInteger(1);
  private final AtomicInteger fired = new AtomicInteger();

  private Fault(int status, Duration delay, Runnable before) {
    this.status = status;
    this.delay = delay;
    this.before = before;
  }

  /** Answers with this HTTP status (409 Conflict, 500 InternalError, 503, 504 Timeout...) instead of serving. */
  public static Fault status(int status) {
    return new Fault(status, null, null);
  }

  /** Serves the request, then holds its response back this long (a client with a shorter timeout times out). */
  public static Fault delay(Duration delay) {
    return new Fault(0, java.util.Objects.requireNonNull(delay), null);
  }

  /**
   * Runs something just before the request is served, then serves it as usual: e.g. a concurrent edit landing
   * between a client's read and its write (use {@link FakeApiServer#editStored}, which needs no HTTP round trip).
   */
  public static Fault intercept(Runnable before) {
    return new Fault(0, Duration.ZERO, before);
  }

  /** The message of an error answer; the default names the request. */
  public Fault withMessage(String message) {
    this.message = message;
    return this;
  }

  /**
   * @param method an HTTP method (GET, POST, PUT, PATCH, DELETE) or a regular expression of them
   * @param pathRegex a regular expression the whole path must match, e.g. {@code .../deployments/site-cam-1}
   */
  public Fault on(String method, String pathRegex) {
    this.method = method;
    this.path = Pattern.compile(pathRegex);
    return this;
  }

  public Fault times(int times) {
    remaining.set(times);
    return this;
  }

  /** How many requests it has answered so far. */
  public int fired() {
    return fired.get();
  }

  public boolean exhausted() {
    return remaining.get() <= 0;
  }

  int status() {
    return status;
  }

  Duration delay() {
    return delay;
  }

  boolean isError() {
    return delay == null;
  }

  String message() {
    return message;
  }

  void runBefore() {
    if (before != null) {
      before.run();
    }
  }

  /** Claims one use when the request matches and uses are left. */
  boolean claim(String requestMethod, String requestPath) {
    if (!requestMethod.matches(method) || !path.matcher(requestPath).matches()) {
      return false;
    }
    if (remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) <= 0) {
      return false;
    }
    fired.incrementAndGet();
    return true;
  }

  @Override
  public String toString() {
    return (isError() ? "status " + status : before != null ? "intercept" : "delay " + delay) + " on " + method + " " + path + " (fired "
        + fired.get() + ", " + remaining.get() + " left)";
  }
}
