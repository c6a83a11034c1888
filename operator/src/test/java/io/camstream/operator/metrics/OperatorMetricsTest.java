package io.camstream.operator.metrics;

import static io.camstream.operator.metrics.CameraStreamSampleTest.camera;
import static io.camstream.operator.metrics.CameraStreamSampleTest.ready;
import static io.camstream.operator.metrics.CameraStreamSampleTest.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  @Test
  void oneScrapeHasTheJvmTheComponentsAndTheCameraStreamsAsOfNow() {
    List<CameraStream> watched = new ArrayList<>();
    OperatorMetrics metrics = OperatorMetrics.create(() -> List.copyOf(watched));
    Counter.builder("camstream.example").register(metrics.registry()).increment();
    assertThat(metrics.scrape()).contains("jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes",
        "process_uptime_seconds", "jvm_threads_live", "system_cpu_count", "camstream_example_total 1.0").doesNotContain("camstream_camerastream_cameras{");

    watched.add(site(List.of(camera("lobby", true)), ready("True", "Ready")));
    assertThat(metrics.scrape()).contains(
        "camstream_camerastream_cameras{camerastream=\"site\",namespace=\"cameras\"} 3");
  }
}
