package io.camstream.operator.security;

import static io.camstream.operator.testing.CameraStreams.camera;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.StreamerDefaultsSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.validation.SpecProblem;
import io.camstream.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
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

  private static List<SpecProblem> validate(Consumer<CameraStream> change) {
    CameraStream cameraStream = CameraStreams.of("ns", "site", testPattern("lobby"));
    change.accept(cameraStream);
    return SpecValidator.validate(cameraStream);
  }

  private static void assertInvalid(List<SpecProblem> problem, String field) {
    assertThat(problem).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo(SpecProblem.INVALID_SPEC);
      assertThat(p.message()).startsWith(field);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "1.5.2", "-1", "250 m", "1Ki1", "2 cores"})
  void aResourceThatIsNotAQuantityIsInvalidSpec(String quantity) {
    assertInvalid(validate(cs -> cs.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToLimits("cpu", new Quantity(quantity)).build())), "spec.cameras[0].resources.limits.cpu");
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
    List<SpecProblem> problem = validate(cs -> cs.getSpec().getCameras().set(0, camera("lobby", url)));
    assertInvalid(problem, "spec.cameras[0].source.url");
    assertThat(problem.get(0).message()).doesNotContain("hunter2");
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

  // --- pull and recording -----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"testpattern", "/dev/video0", "http://cam/mjpeg", "rtmp://cam/live",
      "rtsp://admin@cam/s", "rtsp://:pw@cam/s", "rtsp://a:b@c@cam/s", "rtsp://cam/s#frag", "rtsp://cam/%zz",
      "rtsp://cam:port/s", "rtsp://cam_1/s", "rtsp://[::1/s", "rtsp:///s", "rtsp://cam:5x4/s"})
  void aPulledSourceMediaMtxCouldNotReadIsInvalidSpecWithoutEchoingIt(String url) {
    List<SpecProblem> problem = validate(cs -> cs.getSpec().getCameras().set(0,
        CameraStreams.pulled("gate", url)));
    assertThat(problem).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo(SpecProblem.INVALID_SPEC);
      assertThat(p.message()).startsWith("spec.cameras[0].source.url").doesNotContain("admin", "pw@");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtsp://10.0.0.7/h264", "rtsp://10.0.0.7:554", "rtsps://cam.example:322/s?ch=1&sub=0",
      "rtsp://admin:p%40ss@cam/s", "rtsp://[2001:db8::5]:554/s", "rtsp://cam/s?token=a@b", "rtsp://cam/p%20ath"})
  void pulledRtspSourcesAreAccepted(String url) {
    assertThat(validate(cs -> cs.getSpec().getCameras().set(0, CameraStreams.pulled("gate", url)))).isEmpty();
  }

  @Test
  void recordingACameraWithoutSpecRecordingIsInvalidSpecNamingTheCamera() {
    assertInvalid(validate(cs -> {
      cs.getSpec().getCameras().add(testPattern("dock"));
      cs.getSpec().getCameras().get(1).setRecord(true);
    }), "spec.cameras[1].record");
    assertThat(validate(cs -> cs.getSpec().getCameras().get(0).setRecord(false))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"retention,3 days,spec.recording.retention", "segmentDuration,1w,spec.recording.segmentDuration",
      "segmentDuration,25h,spec.recording.segmentDuration", "segmentDuration,2d,spec.recording.segmentDuration",
      "segmentDuration,500ms,spec.recording.segmentDuration", "segmentDuration,0s,spec.recording.segmentDuration",
      "retention,30m,spec.recording.retention", "retention,0s,spec.recording.retention",
      "retention,-1h,spec.recording.retention"})
  void recordingDurationsMediaMtxWouldRefuseAreInvalidSpec(String field, String value, String named) {
    assertInvalid(validate(cs -> {
      RecordingSpec recording = CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN);
      if (field.equals("retention")) {
        recording.setRetention(value);
      } else {
        recording.setSegmentDuration(value);
      }
      cs.getSpec().setRecording(recording);
    }), named);
  }

  @ParameterizedTest
  @CsvSource({"72h,1h", "3d,1d", "24h,24h", "1d12h,90m", "10m,1s"})
  void recordingDurationsMediaMtxAcceptsPass(String retention, String segment) {
    assertThat(validate(cs -> {
      RecordingSpec recording = CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN);
      recording.setRetention(retention);
      recording.setSegmentDuration(segment);
      cs.getSpec().setRecording(recording);
    })).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "0", "0Gi", "50GB", "-1Gi", "1e3", "100m", ""})
  void aStorageSizeThatIsNotAPositiveQuantityOfBytesIsInvalidSpec(String size) {
    assertInvalid(validate(cs -> cs.getSpec().setRecording(CameraStreams.recording(size, ReclaimPolicy.RETAIN))),
        "spec.recording.storage.size");
  }

  @Test
  void recordingWithoutStorageOrWithABadStorageClassIsInvalidSpec() {
    assertInvalid(validate(cs -> {
      RecordingSpec recording = CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN);
      recording.setStorage(null);
      cs.getSpec().setRecording(recording);
    }), "spec.recording.storage");
    assertInvalid(validate(cs -> {
      RecordingSpec recording = CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN);
      recording.getStorage().setStorageClassName("Fast SSD");
      cs.getSpec().setRecording(recording);
    }), "spec.recording.storage.storageClassName");
  }

  private static CameraSpec withSecret(String url) {
    CameraSpec camera = camera("lobby", url);
    SecretCredentialsRef ref = new SecretCredentialsRef();
    ref.setName("cam");
    camera.getSource().setCredentialsSecretRef(ref);
    return camera;
  }
}
