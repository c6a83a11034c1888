package io.camstream.operator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.testing.MediaMtxReference;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get cams} prints {@code NAME READY STATUS AGE} (NAME, then the CRD's printer columns in their
 * order), and every sample in the docs shows exactly that.
 */
class PrinterColumnsDocTest {

  @Test
  void kubectlGetSamplesMatchTheGeneratedPrinterColumns() throws Exception {
    List<String> header = new ArrayList<>(List.of("NAME"));
    try (InputStream crd = getClass().getClassLoader().getResourceAsStream(OperatorTestHarness.CRD_RESOURCE)) {
      CustomResourceDefinition definition = new KubernetesSerialization().unmarshal(crd,
          CustomResourceDefinition.class);
      definition.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
          .map(CustomResourceColumnDefinition::getName).map(n -> n.toUpperCase(Locale.ROOT)).forEach(header::add);
    }
    assertThat(header).containsExactly("NAME", "READY", "STATUS", "AGE");

    Path root = MediaMtxReference.repositoryRoot();
    List<String> samples = new ArrayList<>();
    for (Path doc : List.of(root.resolve("README.md"), root.resolve("docs/user-guide.md"))) {
      if (!Files.exists(doc)) {
        continue;
      }
      for (String line : Files.readAllLines(doc)) {
        List<String> words = List.of(line.trim().split("\\s+"));
        if (words.size() == header.size() && words.get(0).equals("NAME") && words.containsAll(header)) {
          samples.add(doc.getFileName() + ": " + line);
          assertThat(words).as(doc.getFileName() + ": " + line).isEqualTo(header);
        }
      }
    }
    assertThat(samples).as("README shows kubectl get cams").isNotEmpty();
  }
}
