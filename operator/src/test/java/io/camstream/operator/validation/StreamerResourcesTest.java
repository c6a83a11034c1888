package io.camstream.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A streamer's requests and limits as the API server judges a container's: what it accepts gives no problem, what
 * it refuses gives exactly the problems listed, each naming its field.
 */
class StreamerResourcesTest {
  private static final String FIELD = "spec.cameras[2].resources";

  static Stream<Arguments> table() {
    return Stream.of(
        row("nothing set", null, null, List.of()),
        row("requests below limits", Map.of("cpu", "250m", "memory", "256Mi"), Map.of("cpu", "2", "memory", "1Gi"),
            List.of()),
        row("a request equal to its limit, written differently", Map.of("cpu", "500m"), Map.of("cpu", "0.5"),
            List.of()),
        row("requests without limits, limits without requests", Map.of("cpu", "1"), Map.of("memory", "1Gi"),
            List.of()),
        row("an extended resource as a limit only (its request defaults to it)", Map.of(),
            Map.of("squat.ai/video", "1"), List.of()),
        row("an extended resource requested and limited equally", Map.of("nvidia.com/gpu", "2"),
            Map.of("nvidia.com/gpu", "2"), List.of()),
        row("ephemeral storage and a kubernetes.io resource may be overcommitted",
            Map.of("ephemeral-storage", "1Gi", "example.kubernetes.io/thing", "1"),
            Map.of("ephemeral-storage", "2Gi"), List.of()),
        row("hugepages in whole pages with memory", Map.of("memory", "1Gi", "hugepages-2Mi", "8Mi"),
            Map.of("memory", "1Gi", "hugepages-2Mi", "8Mi"), List.of()),
        row("a request above its limit", Map.of("cpu", "2"), Map.of("cpu", "1"),
            List.of(FIELD + ".requests.cpu 2 is more than its limit 1 (" + FIELD + ".limits.cpu): Kubernetes refuses"
                + " a request above its limit")),
        row("a memory request above its limit in other units", Map.of("memory", "1Gi"), Map.of("memory", "1000Mi"),
            List.of(FIELD + ".requests.memory 1Gi is more than its limit 1000Mi (" + FIELD + ".limits.memory):"
                + " Kubernetes refuses a request above its limit")),
        row("an extended resource requested without a limit", Map.of("nvidia.com/gpu", "1"), Map.of(),
            List.of(FIELD + ".requests[\"nvidia.com/gpu\"] needs a limit of the same amount (" + FIELD
                + ".limits[\"nvidia.com/gpu\"]): an extended resource such as nvidia.com/gpu cannot be"
                + " overcommitted")),
        row("an extended resource requested below its limit", Map.of("nvidia.com/gpu", "1"),
            Map.of("nvidia.com/gpu", "2"),
            List.of(FIELD + ".requests[\"nvidia.com/gpu\"] 1 must equal its limit 2 (" + FIELD
                + ".limits[\"nvidia.com/gpu\"]): an extended resource such as nvidia.com/gpu cannot be"
                + " overcommitted")),
        row("an extended resource in part of a unit", Map.of(), Map.of("nvidia.com/gpu", "500m"),
            List.of(FIELD + ".limits[\"nvidia.com/gpu\"] 500m must be a whole number: nvidia.com/gpu is counted in"
                + " units")),
        row("an unqualified name that is no standard resource", Map.of(), Map.of("gpu", "1"),
            List.of(FIELD + ".limits.gpu: \"gpu\" is not a resource Kubernetes knows for containers (cpu, memory,"
                + " ephemeral-storage, hugepages-<size>); a device or other extended resource needs its vendor's"
                + " prefix, e.g. nvidia.com/gpu")),
        row("a name that is no resource name at all", Map.of("cpu power!", "1"), Map.of(),
            List.of(FIELD + ".requests has a key that is not a resource name")),
        row("a value that is no quantity, or a negative one", Map.of("cpu", "lots"), Map.of("memory", "-1Gi"),
            List.of(FIELD + ".limits.memory must be a quantity such as 250m, 2 or 256Mi",
                FIELD + ".requests.cpu must be a quantity such as 250m, 2 or 256Mi")),
        row("hugepages without cpu or memory", Map.of("hugepages-2Mi", "4Mi"), Map.of("hugepages-2Mi", "4Mi"),
            List.of(FIELD + ": hugepages need a cpu or memory request or limit as well")),
        row("hugepages in part of a page, requested below their limit", Map.of("memory", "1Gi", "hugepages-2Mi", "2Mi"),
            Map.of("hugepages-2Mi", "3Mi"),
            List.of(FIELD + ".limits.hugepages-2Mi 3Mi must be a whole number of 2Mi pages",
                FIELD + ".requests.hugepages-2Mi 2Mi must equal its limit 3Mi (" + FIELD + ".limits.hugepages-2Mi):"
                    + " hugepages cannot be overcommitted")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void problemsOf(String what, Map<String, String> requests, Map<String, String> limits, List<String> expected) {
    // sorted by name, so a row's messages come in a known order (limits first, as the validator reads them)
    ResourceRequirements resources = requests == null && limits == null ? null
        : CameraStreams.resources(new TreeMap<>(requests), new TreeMap<>(limits));

    assertThat(StreamerResources.problems(FIELD, resources)).as(what).containsExactlyElementsOf(expected);
  }

  private static Arguments row(String what, Map<String, String> requests, Map<String, String> limits,
      List<String> expected) {
    return Arguments.of(what, requests, limits, expected);
  }

}
