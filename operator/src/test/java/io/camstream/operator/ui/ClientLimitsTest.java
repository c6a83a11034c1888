package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientLimitsTest {
  @Test
  void oneClientCannotTakeMoreThanItsShareAndReturnsItsPlaces() {
    ClientLimits limits = new ClientLimits(2, 5);
    ClientLimits.Permit first = limits.tryAcquire("a");
    ClientLimits.Permit second = limits.tryAcquire("a");
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(limits.tryAcquire("a")).as("a's third").isNull();
    assertThat(limits.tryAcquire("b")).as("b has its own share").isNotNull();
    first.close();
    first.close();
    assertThat(limits.held("a")).as("closing twice returns one place").isEqualTo(1);
    assertThat(limits.tryAcquire("a")).isNotNull();
  }

  @Test
  void everybodyTogetherIsBoundedToo() {
    ClientLimits limits = new ClientLimits(2, 3);
    List<ClientLimits.Permit> held = new ArrayList<>();
    for (String client : List.of("a", "b", "c")) {
      held.add(limits.tryAcquire(client));
    }
    assertThat(held).doesNotContainNull();
    assertThat(limits.tryAcquire("d")).isNull();
    assertThat(limits.total()).isEqualTo(3);
    held.forEach(ClientLimits.Permit::close);
    assertThat(limits.total()).isZero();
    assertThat(limits.held("a")).isZero();
  }
}
