package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.OperatorSettings;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

/** With leader election on, the operator reconciles only after it holds the Lease. */
class LeaderElectionTest {

  @Test
  void theLeaderHoldsTheLeaseAndReconciles() {
    try (OperatorTestHarness harness = OperatorTestHarness.builder()
        .env(OperatorSettings.LEADER_ELECTION, "true")
        .env(OperatorSettings.LEASE_NAMESPACE, "camstream-system")
        .start()) {
      String ns = harness.newNamespace();
      harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
      harness.awaitDeployment(ns, "site-lobby");

      await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> {
        Lease lease = harness.client().leases().inNamespace("camstream-system")
            .withName(OperatorSettings.DEFAULT_LEASE_NAME).get();
        assertThat(lease).isNotNull();
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
      });
    }
  }
}
