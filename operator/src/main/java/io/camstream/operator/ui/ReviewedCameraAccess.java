package io.camstream.operator.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code proxy} mode: a viewer sees a CameraStream when Kubernetes says the user (with the proxy's groups) may
 * {@code get} it. The namespace is asked first — RBAC is usually granted per namespace, so one review covers all of
 * its CameraStreams — and only when that is denied the CameraStream itself (a Role with {@code resourceNames}).
 * Answers are kept for {@link #TTL}, so a wall that refreshes costs a few reviews per user and minute, and a
 * revoked RoleBinding takes effect within that time. No answer (API server down) denies and is not kept.
 */
final class ReviewedCameraAccess implements CameraAccess {
  static final Duration TTL = Duration.ofSeconds(30);
  static final int MAX_ENTRIES = 10_000;
  private static final Logger log = LoggerFactory.getLogger(ReviewedCameraAccess.class);

  private record Key(String user, List<String> groups, String namespace, String name) {
  }

  private record Answer(boolean allowed, Instant expires) {
  }

  private final AccessReviewer reviewer;
  private final Clock clock;
  private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

  ReviewedCameraAccess(AccessReviewer reviewer, Clock clock) {
    this.reviewer = reviewer;
    this.clock = clock;
  }

  @Override
  public boolean maySee(Viewer viewer, String namespace, String name) {
    if (viewer.isAnyone()) {
      return false;
    }
    return allowed(viewer, namespace, null) || allowed(viewer, namespace, name);
  }

  private boolean allowed(Viewer viewer, String namespace, String name) {
    Key key = new Key(viewer.user(), List.copyOf(new TreeSet<>(viewer.groups())), namespace, name);
    Instant now = clock.instant();
    Answer known = answers.get(key);
    if (known != null && now.isBefore(known.expires())) {
      return known.allowed();
    }
    boolean allowed;
    try {
      allowed = reviewer.mayGet(viewer, namespace, name);
    } catch (RuntimeException e) {
      log.warn("camera wall: no SubjectAccessReview answer for user {} on {}/{}; denied: {}", viewer.user(),
          namespace, Objects.requireNonNullElse(name, "*"), e.toString());
      return false;
    }
    if (answers.size() >= MAX_ENTRIES) {
      answers.values().removeIf(answer -> !now.isBefore(answer.expires()));
      if (answers.size() >= MAX_ENTRIES) {
        answers.clear();
      }
    }
    answers.put(key, new Answer(allowed, now.plus(TTL)));
    return allowed;
  }
}
