package io.camstream.operator.testing.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values as apimachinery's resource.Quantity prints them (its quantity_test.go and kubectl get -o yaml). */
class CanonicalQuantityTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "0.5, 500m", "1000m, 1", "1500m, 1500m", "100m, 100m", "1, 1", "2000, 2k", "1500, 1500", "0, 0",
      "0m, 0", "0Mi, 0", "1024Mi, 1Gi", "1536Mi, 1536Mi", "1.5Gi, 1536Mi", "512Mi, 512Mi", "0.5Ki, 512",
      "1Ki, 1Ki", "2048Ki, 2Mi", "100M, 100M", "1000M, 1G", "1e3, 1e3", "1E6, 1e6", "12e6, 12e6", "2.5, 2500m",
      "0.1, 100m", "1.0, 1", "10k, 10k", "1000k, 1M", "64Mi, 64Mi", "1Gi, 1Gi", "1000Mi, 1000Mi"})
  void canonicalForms(String given, String stored) {
    assertThat(CanonicalQuantity.canonical(given)).isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0.0001, 1m", "1.0001, 1001m", "100u, 1m", "1n, 1m", "250m, 250m"})
  void resourceListsAreRoundedUpToMilli(String given, String stored) {
    assertThat(CanonicalQuantity.canonicalInResourceList(given)).isEqualTo(stored);
  }

  @ParameterizedTest
  @CsvSource({"abc", "1Xi", "1.2.3", "''"})
  void malformedQuantitiesAreRejected(String given) {
    assertThatThrownBy(() -> CanonicalQuantity.canonical(given))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantities must match");
  }
}
