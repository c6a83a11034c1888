package io.camstream.operator.testing.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every request the test API server answered, in order, so a test can count writes per resource and verb since a
 * point it marked: {@code long mark = log.mark(); ...; log.since(mark).writes()}.
 */
public final class RequestLog {
  private final List<ApiRequest> requests = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();

  synchronized void record(String verb, ApiPath path, String name, int code, String userAgent) {
    requests.add(new ApiRequest(sequence.incrementAndGet(), verb, path, name, code, userAgent));
  }

  /** A point in the log; {@link #since(long)} returns what came after it. */
  public synchronized long mark() {
    return sequence.get();
  }

  public synchronized Requests since(long mark) {
    return new Requests(requests.stream().filter(r -> r.sequence() > mark).toList());
  }

  public synchronized Requests all() {
    return new Requests(List.copyOf(requests));
  }

  /** A snapshot of requests with the questions tests ask of it. */
  public record Requests(List<ApiRequest> list) {
    public Requests filter(Predicate<ApiRequest> predicate) {
      return new Requests(list.stream().filter(predicate).toList());
    }

    /** Successful creates, updates, patches and deletes (an injected or rejected write changed nothing). */
    public Requests writes() {
      return filter(r -> r.isWrite() && r.code() < 300);
    }

    /** Requests to one resource, e.g. {@code deployments} or {@code camerastreams/status}. */
    public Requests to(String resource) {
      return filter(r -> r.resource().equals(resource));
    }

    public Requests named(String name) {
      return filter(r -> name.equals(r.name()));
    }

    public Requests verb(String verb) {
      return filter(r -> r.verb().equals(verb));
    }

    public int count() {
      return list.size();
    }

    public List<String> describe() {
      List<String> lines = new ArrayList<>();
      list.forEach(r -> lines.add(r.toString()));
      return lines;
    }
  }
}
