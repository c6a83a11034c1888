package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewedCameraAccessTest {
  private final List<String> asked = new ArrayList<>();
  private boolean apiDown;

  /** alice may get everything in "lobby"; the group guards only yard/gate. */
  private final AccessReviewer rbac = (viewer, namespace, name) -> {
    asked.add(viewer.user() + " " + namespace + "/" + (name == null ? "*" : name));
    if (apiDown) {
      throw new IllegalStateException("connection refused");
    }
    if ("alice".equals(viewer.user()) && "lobby".equals(namespace)) {
      return true;
    }
    return viewer.groups().contains("guards") && "yard".equals(namespace) && "gate".equals(name);
  };

  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T06:00:00Z"));
  private final ReviewedCameraAccess access = new ReviewedCameraAccess(rbac, clock);

  @Test
  void asksTheNamespaceFirstThenTheCameraStream() {
    Viewer alice = Viewer.user("alice", List.of());
    Viewer bob = Viewer.user("bob", List.of("guards"));
    assertThat(access.maySee(alice, "lobby", "site")).isTrue();
    assertThat(access.maySee(alice, "lobby", "hall")).isTrue();
    assertThat(access.maySee(bob, "yard", "gate")).isTrue();
    assertThat(access.maySee(bob, "yard", "dock")).isFalse();
    assertThat(asked).containsExactly("alice lobby/*", "bob yard/*", "bob yard/gate", "bob yard/dock");
  }

  @Test
  void keepsAnswersForTheirTtlPerUserAndGroups() {
    Viewer alice = Viewer.user("alice", List.of("a", "b"));
    access.maySee(alice, "yard", "dock");
    access.maySee(Viewer.user("alice", List.of("b", "a")), "yard", "dock");
    assertThat(asked).as("same user and groups, in any order").hasSize(2);
    access.maySee(Viewer.user("alice", List.of("a")), "yard", "dock");
    assertThat(asked).as("other groups, another question").hasSize(4);
    clock.advance(ReviewedCameraAccess.TTL.minusMillis(1));
    access.maySee(alice, "yard", "dock");
    assertThat(asked).hasSize(4);
    clock.advance(Duration.ofMillis(1));
    access.maySee(alice, "yard", "dock");
    assertThat(asked).as("expired").hasSize(6);
  }

  @Test
  void noAnswerDeniesAndIsNotKept() {
    Viewer alice = Viewer.user("alice", List.of());
    apiDown = true;
    assertThat(access.maySee(alice, "lobby", "site")).isFalse();
    apiDown = false;
    assertThat(access.maySee(alice, "lobby", "site")).isTrue();
  }

  @Test
  void nobodyInParticularSeesNothingInProxyMode() {
    assertThat(access.maySee(Viewer.anyone("10.0.0.1"), "lobby", "site")).isFalse();
    assertThat(asked).isEmpty();
  }

  @Test
  void theReviewCarriesSystemAuthenticatedBesidesTheProxysGroups() {
    assertThat(KubernetesAccessReviewer.groups(Viewer.user("alice", List.of("devs"))))
        .containsExactly("devs", "system:authenticated");
    assertThat(Set.copyOf(KubernetesAccessReviewer.groups(Viewer.user("alice", List.of("system:authenticated")))))
        .hasSize(1);
  }
}
