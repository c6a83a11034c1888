package io.camstream.operator.security;

import static io.camstream.operator.testing.CameraStreams.camera;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.StreamerDefaultsSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.validation.SpecProblem;
import io.camstream.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the reconciler refuses before writing anything, with the exact reason and the field named: what the CRD
 * cannot express (quantities, label keys) and what it can, for API servers running without the schema.
 */
class SpecValidatorBadInputTest {

  private static Optional<SpecProblem> validate(Consumer<CameraStream> change) {
    CameraStream cameraStream = CameraStreams.of("ns", "site", testPattern("lobby"));
    change.accept(cameraStream);
    return SpecValidator.validate(cameraStream);
  }

  private static void assertInvalid(Optional<SpecProblem> problem, String field) {
    assertThat(problem).hasValueSatisfying(p -> {
      assertThat(p.reason()).isEqualTo(SpecProblem.INVALID_SPEC);
      assertThat(p.message()).startsWith(field);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "1.5.2", "-1", "250 m", "1Ki1", "2 cores"})
  void aResourceThatIsNotAQuantityIsInvalidSpec(String quantity) {
    assertInvalid(validate(cs -> cs.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToLimits("cpu", new Quantity(quantity)).build())), "spec.cameras[0].resources.limits[cpu]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"250m", "1", "1.5", "256Mi", "1Gi", "1e3", "0.5", "100k"})
  void kubernetesQuantitiesAreAccepted(String quantity) {
    assertThat(validate(cs -> cs.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(quantity)).addToLimits("squat.ai/video", new Quantity("1")).build())))
        .isEmpty();
  }

  @Test
  void aResourceKeyThatIsNotAResourceNameIsInvalidSpec() {
    assertInvalid(validate(cs -> {
      StreamerDefaultsSpec streamer = new StreamerDefaultsSpec();
      streamer.setResources(new ResourceRequirementsBuilder().addToRequests("cpu power!", new Quantity("1"))
          .build());
      cs.getSpec().setStreamer(streamer);
    }), "spec.streamer.resources.requests");
  }

  @ParameterizedTest
  @CsvSource({"width,1281,width", "width,8,width", "height,4322,height", "fps,0,fps", "fps,121,fps",
      "bitrateKbps,99,bitrateKbps", "bitrateKbps,50001,bitrateKbps", "height,721,height"})
  void videoOutsideTheCrdsRangesIsInvalidSpec(String field, int value, String named) {
    assertInvalid(validate(cs -> {
      VideoSpec video = new VideoSpec();
      switch (field) {
        case "width" -> video.setWidth(value);
        case "height" -> video.setHeight(value);
        case "fps" -> video.setFps(value);
        default -> video.setBitrateKbps(value);
      }
      cs.getSpec().getCameras().get(0).setVideo(video);
    }), "spec.cameras[0].video." + named);
  }

  @Test
  void credentialsInTheUrlAndBySecretIsInvalidSpecButAnAtInTheQueryIsNot() {
    assertInvalid(validate(cs -> cs.getSpec().getCameras().set(0, withSecret("rtsp://u:p@cam/s"))),
        "spec.cameras[0].source");
    assertThat(validate(cs -> cs.getSpec().getCameras().set(0, withSecret("rtsp://cam/s?token=a@b")))).isEmpty();
  }

  @Test
  void theInvalidSpecMessageNeverEchoesASourceUrl() {
    String url = "rtsp://admin:hunter2-secret@cam/a b";
    Optional<SpecProblem> problem = validate(cs -> cs.getSpec().getCameras().set(0, camera("lobby", url)));
    assertInvalid(problem, "spec.cameras[0].source.url");
    assertThat(problem.get().message()).doesNotContain("hunter2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a..b", "-host", "host-", "evil host", "1.2.3.4;x", "::g"})
  void aWebrtcHostTheCrdWouldRefuseIsInvalidSpec(String host) {
    assertInvalid(validate(cs -> {
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setWebrtcAdditionalHosts(List.of("ok.example", host));
      cs.getSpec().setMediamtx(mediamtx);
    }), "spec.mediamtx.webrtcAdditionalHosts[1]");
  }

  private static CameraSpec withSecret(String url) {
    CameraSpec camera = camera("lobby", url);
    SecretCredentialsRef ref = new SecretCredentialsRef();
    ref.setName("cam");
    camera.getSource().setCredentialsSecretRef(ref);
    return camera;
  }
}
