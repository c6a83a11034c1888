package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check, run by a real Lua 5.1 interpreter in the sandbox Argo CD gives it (no string/math
 * libraries), against sample CameraStream statuses for every branch.
 */
class ArgoCdHealthCheckTest {
  static final String SCRIPT = "k8s/argocd/health-camerastream.lua";
  static final String CM_PATCH = "k8s/argocd/argocd-cm-patch.yaml";
  static final String HEALTH_KEY = "resource.customizations.health.camstream.io_CameraStream";
  static final String HARNESS = "operator/src/test/resources/delivery/argocd-health-harness.lua";
  static final String CASES = "operator/src/test/resources/delivery/argocd-health-cases.lua";
  static final Set<String> TERMINAL_REASONS = Set.of("InvalidSpec", "InvalidCredentials", "SecretNotFound",
      "SecretKeyNotFound", "SecretNotLabelled", "NameConflict", "NodePortInUse", "StorageCannotShrink",
      "StorageClassCannotChange", "StorageCannotGrow", "ReclaimPolicyCannotChange", "NoStorageClass",
      "RecordingsVolumeLost");

  record Outcome(String name, String expected, String actual, String message) {
  }

  static List<Outcome> outcomes;

  @BeforeAll
  static void runEveryCase() {
    String out = RepoFiles.runOk(List.of("lua5.1", HARNESS, SCRIPT, CASES));
    outcomes = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] fields = line.split("\t", 4);
      assertThat(fields).as(line).hasSize(4);
      outcomes.add(new Outcome(fields[0], fields[1], fields[2], fields[3]));
    }
  }

  @Test
  void everySampleGetsTheExpectedHealth() {
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(12);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.actual()).as("%s: %s", o.name(), o.message())
        .isEqualTo(o.expected()));
  }

  @Test
  void everyBranchIsExercised() {
    assertThat(outcomes.stream().map(Outcome::actual).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("Healthy", "Progressing", "Degraded");
    for (String reason : TERMINAL_REASONS) {
      assertThat(outcomes).as(reason).anySatisfy(o -> {
        assertThat(o.actual()).isEqualTo("Degraded");
        assertThat(o.message()).startsWith(reason + ":");
      });
    }
    assertThat(outcomes).anySatisfy(o -> {
      assertThat(o.name()).isEqualTo("no-status");
      assertThat(o.actual()).isEqualTo("Progressing");
    });
    assertThat(outcomes).anySatisfy(o -> {
      assertThat(o.name()).isEqualTo("generation-not-observed");
      assertThat(o.message()).contains("generation 4");
    });
  }

  @Test
  void degradedMessagesCarryTheOperatorsExplanation() {
    assertThat(outcomes.stream().filter(o -> o.name().equals("secret-not-found")).findFirst().orElseThrow()
        .message()).isEqualTo("SecretNotFound: Secret lobby-camera (spec.cameras[0].source.credentialsSecretRef) not found");
  }

  @Test
  void argocdCmPatchCarriesTheSameScript() {
    JsonNode patch = RepoFiles.yamlDocuments(RepoFiles.read(CM_PATCH)).get(0);
    assertThat(patch.at("/metadata/name").asText()).isEqualTo("argocd-cm");
    assertThat(patch.path("data").path(HEALTH_KEY).asText()).isEqualTo(RepoFiles.read(SCRIPT));
  }

  @Test
  void scriptUsesNoLibraryArgoCdWithholds() {
    // Argo CD opens base, table and a safe os only; `("x"):find` or string.* would fail at run time there.
    String code = RepoFiles.read(SCRIPT).lines().filter(l -> !l.trim().startsWith("--"))
        .collect(Collectors.joining("\n"));
    assertThat(code).doesNotContain("string.", "math.", "io.", "require", "os.execute", ":find(", ":match(",
        ":gsub(", ":sub(", ":format(");
  }
}
