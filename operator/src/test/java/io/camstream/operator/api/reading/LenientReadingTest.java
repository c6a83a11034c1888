package io.camstream.operator.api.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.UnreadableSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the client makes of stored CameraStreams this operator version cannot fully read. */
class LenientReadingTest {
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private CameraStream read(String spec, String status) {
    return serialization.unmarshal("{\"apiVersion\":\"camstream.io/v1alpha1\",\"kind\":\"CameraStream\","
        + "\"metadata\":{\"name\":\"site\",\"namespace\":\"ns\"},\"spec\":" + spec
        + (status == null ? "" : ",\"status\":" + status) + "}", CameraStream.class);
  }

  private CameraStream read(String spec) {
    return read(spec, null);
  }

  @Test
  void aReadableSpecIsReadAsUsual() {
    CameraStream cameraStream = read("{\"cameras\":[{\"name\":\"lobby\",\"source\":{\"url\":\"testpattern\"},"
        + "\"mode\":\"passthrough\"}]}");
    assertThat(cameraStream.getSpec()).isNotInstanceOf(UnreadableSpec.class);
    assertThat(cameraStream.getSpec().getCameras().get(0).getMode()).isEqualTo(StreamMode.PASSTHROUGH);
    assertThat(cameraStream.getSpec().getIgnoredFields()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown enum value | {"cameras":[{"name":"a","source":{"url":"testpattern"},"mode":"teleport"}]} | cannot read spec.cameras[0].mode: "teleport" is not one of auto, transcode, passthrough, pull
      string for integer | {"cameras":[{"name":"a","source":{"url":"testpattern"},"video":{"fps":"thirty"}}]} | cannot read spec.cameras[0].video.fps: "thirty" is not an integer
      list for object    | {"cameras":[{"name":"a","source":["testpattern"]}]} | cannot read spec.cameras[0].source: ["testpattern"] is not an object
      object for list    | {"cameras":{"name":"a"}} | cannot read spec.cameras: {"name":"a"} is not a list
      number for string  | {"cameras":[{"name":["a"],"source":{"url":"testpattern"}}]} | cannot read spec.cameras[0].name: ["a"] is not a string
      scalar spec        | "cameras" | cannot read spec: "cameras" is not an object
      bad quantity       | {"cameras":[{"name":"a","source":{"url":"testpattern"},"resources":{"limits":{"cpu":[1]}}}]} | cannot read spec.cameras[0].resources.limits.cpu: [1] is not valid here
      """)
  void anUnreadableSpecNamesTheFieldAndTheValue(String what, String spec, String message) {
    CameraStream cameraStream = read(spec);
    assertThat(cameraStream.getSpec()).isInstanceOfSatisfying(UnreadableSpec.class, unreadable -> {
      assertThat(unreadable.problem()).isEqualTo(message);
      assertThat(unreadable.getCameras()).as("nothing to build from").isEmpty();
    });
    assertThat(cameraStream.getMetadata().getName()).isEqualTo("site");
  }

  @Test
  void writtenBackAnUnreadableSpecIsTheStoredJson() {
    String spec = "{\"cameras\":[{\"name\":\"a\",\"source\":{\"url\":\"testpattern\"},\"mode\":\"teleport\"}]}";
    CameraStream cameraStream = read(spec);
    assertThat(serialization.asJson(cameraStream.getSpec())).isEqualTo(spec);
    assertThat(serialization.clone(cameraStream).getSpec()).isInstanceOf(UnreadableSpec.class);
  }

  @Test
  void credentialsInAnUnreadableValueAreMasked() {
    assertThat(((UnreadableSpec) read("{\"cameras\":[{\"name\":\"a\",\"source\":"
        + "[\"rtsp://admin:s3cret@cam/x\"]}]}").getSpec()).problem())
        .contains("rtsp://***@cam/x").doesNotContain("s3cret").doesNotContain("admin");
    assertThat(((UnreadableSpec) read("{\"cameras\":[{\"name\":\"a\",\"source\":"
        + "[{\"url\":\"rtsp://cam/x\",\"password\":\"s3cret\"}]}]}").getSpec()).problem())
        .contains("\"password\":\"***\"").doesNotContain("s3cret");
    assertThat(((UnreadableSpec) read("{\"cameras\":[{\"name\":\"a\",\"source\":{\"url\":\"testpattern\"}}],"
        + "\"mediamtx\":{\"readers\":{\"password\":\"s3cret\"}}}").getSpec()).problem())
        .doesNotContain("s3cret");
  }

  @Test
  void aLongValueIsShortened() {
    String longName = "x".repeat(500);
    assertThat(((UnreadableSpec) read("{\"cameras\":[{\"name\":[\"" + longName + "\"]}]}").getSpec()).problem())
        .hasSizeLessThan(200).endsWith("... is not a string");
  }

  @Test
  void unknownFieldsAreLeftOutAndListed() {
    CameraStream cameraStream = read("{\"cameras\":[{\"name\":\"a\",\"source\":{\"url\":\"testpattern\","
        + "\"retry\":3},\"zoom\":2}],\"analytics\":{\"enabled\":true}}");
    assertThat(cameraStream.getSpec()).isNotInstanceOf(UnreadableSpec.class);
    assertThat(cameraStream.getSpec().getCameras().get(0).getName()).isEqualTo("a");
    assertThat(cameraStream.getSpec().getIgnoredFields()).containsExactlyInAnyOrder("spec.cameras[0].source.retry",
        "spec.cameras[0].zoom", "spec.analytics");
  }

  @Test
  void aStatusThisVersionCannotReadIsTreatedAsAbsent() {
    String spec = "{\"cameras\":[{\"name\":\"a\",\"source\":{\"url\":\"testpattern\"}}]}";
    assertThat(read(spec, "{\"observedGeneration\":\"latest\"}").getStatus()).isNull();
    assertThat(read(spec, "{\"observedGeneration\":3,\"recordings\":[]}").getStatus().getObservedGeneration())
        .isEqualTo(3L);
  }
}
