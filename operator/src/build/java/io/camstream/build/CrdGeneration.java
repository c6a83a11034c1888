package io.camstream.build;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build step, run at {@code process-classes} by the operator's pom (Java's single-file launcher, so it never ships in
 * the jar): generates the CRD of each custom resource class with fabric8's {@link CRDGenerator}, like the
 * crd-generator-maven-plugin, but keeps the printer columns in the order the class declares its
 * {@link AdditionalPrinterColumn} annotations. The generator sorts them by JSON path, which makes
 * {@code kubectl get} print {@code NAME AGE STATUS READY}; users expect {@code NAME READY STATUS AGE}.
 *
 * <p>Arguments: the output directory, then the fully qualified custom resource classes.
 */
public final class CrdGeneration {
  private CrdGeneration() {
  }

  public static void main(String[] args) throws ClassNotFoundException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: CrdGeneration <output directory> <custom resource class>...");
    }
    File output = new File(args[0]);
    if (!output.isDirectory() && !output.mkdirs()) {
      throw new IllegalStateException("cannot create " + output);
    }
    List<Class<? extends HasMetadata>> resources = new ArrayList<>();
    for (String name : Arrays.asList(args).subList(1, args.length)) {
      resources.add(Class.forName(name).asSubclass(HasMetadata.class));
    }
    int generated = new CRDGenerator()
        .inOutputDir(output)
        .forCRDVersions("v1")
        .customResourceClasses(resources)
        .withPostProcessor(new DeclaredColumnOrder(resources))
        .generate();
    if (generated != resources.size()) {
      throw new IllegalStateException("generated " + generated + " CRDs for " + resources.size() + " classes");
    }
    System.out.println("CrdGeneration: " + generated + " CRD(s) in " + output);
  }

  /** Orders each version's printer columns as the custom resource class declares them. */
  private record DeclaredColumnOrder(List<Class<? extends HasMetadata>> resources) implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      if (crd instanceof CustomResourceDefinition definition) {
        List<String> declared = declaredJsonPaths(definition.getSpec().getNames().getKind());
        for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
          List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
          if (columns != null) {
            columns.sort(Comparator.comparingInt(column -> position(declared, column.getJsonPath())));
          }
        }
      }
      return crd;
    }

    private List<String> declaredJsonPaths(String kind) {
      return resources.stream()
          .filter(resource -> HasMetadata.getKind(resource).equals(kind))
          .flatMap(resource -> Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class)))
          .map(AdditionalPrinterColumn::jsonPath)
          .toList();
    }

    private static int position(List<String> declared, String jsonPath) {
      int index = declared.indexOf(jsonPath);
      // columns from field annotations (@PrinterColumn) follow the declared ones, in the generator's order
      return index < 0 ? declared.size() : index;
    }
  }
}
