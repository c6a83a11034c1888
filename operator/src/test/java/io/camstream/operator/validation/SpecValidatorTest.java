package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.AudioMode;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.api.spec.StreamerDefaultsSpec;
import io.camstream.operator.api.spec.UnreadableSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.desired.CameraCredentials;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

  @Test
  void aValidSpecPasses() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"),
        CameraStreams.rtspCameraWithSecret("door", "rtsp://10.0.0.9:554/live", "door-cam"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setWebrtcAdditionalHosts(List.of("cams.example.com", "192.0.2.7", "2001:db8::7"));
    site.getSpec().setMediamtx(mediamtx);
    assertThat(SpecValidator.validate(site)).isEmpty();
  }

  @Test
  void everyMistakeIsReportedAtOnceInFieldOrderEachFieldOnce() {
    CameraStream site = CameraStreams.of("ns", "9lives", testPattern("lobby"), testPattern("lobby"),
        CameraStreams.camera("door", "ftp://nope"));
    site.getSpec().getCameras().get(0).setVideo(video(17, 9, 0, 100));
    site.getSpec().getCameras().get(1).setRecord(true);
    site.getSpec().setMediamtx(mediamtx(m -> {
      m.setImage("not an image");
      m.setWebrtcAdditionalHosts(List.of("ok.example", "bad host", "-x"));
      m.setIceServers(List.of(ice("stun:stun.example.com", "turn"), ice("turn:turn.example.com", null)));
    }));

    assertThat(SpecValidator.validate(site)).allSatisfy(p -> assertThat(p.reason()).isEqualTo("InvalidSpec"))
        .extracting(p -> p.message().substring(0, p.message().indexOf(' '))).containsExactly(
            "metadata.name",
            "spec.cameras[0].video.width",
            "spec.cameras[0].video.height",
            "spec.cameras[0].video.fps",
            "spec.cameras[1].name",
            "spec.cameras[2].source.url",
            "spec.cameras[1].record",
            "spec.mediamtx.image",
            "spec.mediamtx.webrtcAdditionalHosts[1]",
            "spec.mediamtx.webrtcAdditionalHosts[2]",
            "spec.mediamtx.iceServers[0].credentialsSecretRef:",
            "spec.mediamtx.iceServers[1].credentialsSecretRef");
  }

  @Test
  void recordingsMistakesAreReportedTogetherButRetentionIsOnlyComparedWithAValidSegment() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording("lots", ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().setSegmentDuration("25h");
    site.getSpec().getRecording().setRetention("1h");
    site.getSpec().getRecording().getStorage().setStorageClassName("Fast_SSD");
    assertThat(SpecValidator.validate(site)).extracting(SpecProblem::message).containsExactly(
        "spec.recording.segmentDuration must be between 1s and 24h (MediaMTX's limit)",
        "spec.recording.storage.size must be a positive quantity of bytes such as 50Gi or 500G",
        "spec.recording.storage.storageClassName must be a StorageClass name");

    site.getSpec().getRecording().setSegmentDuration("2h");
    site.getSpec().getRecording().setRetention("soon");
    site.getSpec().getRecording().setStorage(null);
    assertThat(SpecValidator.validate(site)).extracting(SpecProblem::message).containsExactly(
        "spec.recording.retention must be a duration such as 72h, 3d or 1d12h (units d, h, m, s, ms)",
        "spec.recording.storage is required: it sizes the PersistentVolumeClaim the recordings are kept on");

    site.getSpec().getRecording().setSegmentDuration("often");
    site.getSpec().getRecording().setRetention("1s");
    assertThat(SpecValidator.validate(site)).extracting(SpecProblem::message).containsExactly(
        "spec.recording.segmentDuration must be a duration such as 1h, 30m or 90s (units d, h, m, s, ms)",
        "spec.recording.storage is required: it sizes the PersistentVolumeClaim the recordings are kept on");
  }

  @Test
  void whatTheOtherChecksLeaveOutIsCheckedToo() {
    assertInvalid(cs -> {
      StreamerDefaultsSpec streamer = new StreamerDefaultsSpec();
      streamer.setImage("not an image");
      cs.getSpec().setStreamer(streamer);
    }, "spec.streamer.image");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(
        java.util.Arrays.asList(ice("stun:stun.example.com", null), null)))), "spec.mediamtx.iceServers[1]");

    CameraStream unreadable = CameraStreams.of("ns", "site");
    unreadable.setSpec(new UnreadableSpec(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
        "spec.cameras[0].fps: 30.5 is not an integer"));
    assertThat(SpecValidator.validate(unreadable)).singleElement()
        .isEqualTo(SpecProblem.invalidSpec("spec.cameras[0].fps: 30.5 is not an integer"));
  }

  @Test
  void aStorageClassIsAClassNameOfAtMost253Characters() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().getStorage().setStorageClassName("fast-ssd");
    assertThat(SpecValidator.validate(site)).isEmpty();
    site.getSpec().getRecording().getStorage().setStorageClassName("s".repeat(253));
    assertThat(SpecValidator.validate(site)).as("the longest").isEmpty();
    site.getSpec().getRecording().getStorage().setStorageClassName("s".repeat(254));
    assertThat(SpecValidator.validate(site)).extracting(SpecProblem::message)
        .containsExactly("spec.recording.storage.storageClassName must be a StorageClass name");
  }

  @Test
  void namesTheOffendingFieldForEachRuleTheSchemaCannotOrMayNotEnforce() {
    assertInvalid(cs -> cs.getMetadata().setName("9lives"), "metadata.name");
    assertInvalid(cs -> cs.getMetadata().setName("a".repeat(55)), "metadata.name");
    assertInvalid(cs -> cs.getSpec().setCameras(new ArrayList<>()), "spec.cameras");
    assertInvalid(cs -> cs.getSpec().getCameras().add(testPattern("mediamtx")), "spec.cameras[1].name");
    assertInvalid(cs -> cs.getSpec().getCameras().add(testPattern("all")), "spec.cameras[1].name");
    assertInvalid(cs -> cs.getSpec().getCameras().add(testPattern("all_others")), "spec.cameras[1].name");
    assertInvalid(cs -> cs.getSpec().getCameras().add(testPattern("lobby")), "spec.cameras[1].name");
    assertInvalid(cs -> cs.getSpec().getCameras().add(testPattern("Bad_Name")), "spec.cameras[1].name");
    assertInvalid(cs -> cs.getSpec().getCameras().add(null), "spec.cameras[1]");
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).setSource(null), "spec.cameras[0].source");
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).getSource().setUrl("gopher://x"),
        "spec.cameras[0].source.url");
    assertInvalid(cs -> cs.getSpec().getCameras().add(
        CameraStreams.rtspCameraWithSecret("door", "rtsp://admin:pw@10.0.0.9/live", "door-cam")),
        "spec.cameras[1].source");
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).setNodeSelector(Map.of("kubernetes.io/hostname", "a b")),
        "spec.cameras[0].nodeSelector");
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).setTolerations(List.of(
        StreamerPodFieldsTest.toleration("edge", "In", null, null, null))),
        "spec.cameras[0].tolerations[0].operator");
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).setSupplementalGroups(List.of(0L)),
        "spec.cameras[0].supplementalGroups[0]");
    assertInvalid(cs -> {
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setWebrtcAdditionalHosts(List.of("ok.example.com", "bad host\nx: y"));
      cs.getSpec().setMediamtx(mediamtx);
    }, "spec.mediamtx.webrtcAdditionalHosts[1]");
    assertInvalid(cs -> {
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setImage("bluenviron/mediamtx:1.20.1; rm -rf /");
      cs.getSpec().setMediamtx(mediamtx);
    }, "spec.mediamtx.image");
  }

  @Test
  void aPulledCameraCanOnlyHaveItsAudioPassedThrough() {
    for (AudioMode audio : AudioMode.values()) {
      CameraStream site = CameraStreams.of("ns", "site", pulled("gate", audio));
      if (audio == AudioMode.AUTO || audio == AudioMode.COPY) {
        assertThat(SpecValidator.validate(site)).as(audio.value()).isEmpty();
      } else {
        assertThat(SpecValidator.validate(site)).as(audio.value()).singleElement()
            .satisfies(problem -> assertThat(problem.message()).isEqualTo("spec.cameras[0].audio: " + audio.value()
                + " needs a streamer; with mode pull MediaMTX passes the camera's audio through as it is (auto or"
                + " copy)"));
      }
    }
    for (AudioMode audio : AudioMode.values()) {
      CameraSpec pushed = testPattern("lobby");
      pushed.setAudio(audio);
      assertThat(SpecValidator.validate(CameraStreams.of("ns", "site", pushed))).as(audio.value()).isEmpty();
    }
  }

  private static CameraSpec pulled(String name, AudioMode audio) {
    CameraSpec camera = testPattern(name);
    camera.getSource().setUrl("rtsp://10.0.0.7/h264");
    camera.setMode(StreamMode.PULL);
    camera.setAudio(audio);
    return camera;
  }

  @Test
  void videoSettingsAreAcceptedAcrossTheirWholeRangeAndRefusedOutsideIt() {
    assertThat(SpecValidator.validate(withVideo(1280, 720, 25, 2000))).as("a usual camera").isEmpty();
    assertThat(SpecValidator.validate(withVideo(16, 16, 1, 100))).as("every minimum").isEmpty();
    assertThat(SpecValidator.validate(withVideo(7680, 4320, 120, 50_000))).as("every maximum").isEmpty();
    assertThat(SpecValidator.validate(withVideo(null, null, null, null))).as("nothing set").isEmpty();

    assertVideoInvalid(withVideo(14, 720, 25, 2000), "spec.cameras[0].video.width must be between 16 and 7680");
    assertVideoInvalid(withVideo(7682, 720, 25, 2000), "spec.cameras[0].video.width must be between 16 and 7680");
    assertVideoInvalid(withVideo(1281, 720, 25, 2000), "spec.cameras[0].video.width must be even");
    assertVideoInvalid(withVideo(1280, 14, 25, 2000), "spec.cameras[0].video.height must be between 16 and 4320");
    assertVideoInvalid(withVideo(1280, 4322, 25, 2000), "spec.cameras[0].video.height must be between 16 and 4320");
    assertVideoInvalid(withVideo(1280, 721, 25, 2000), "spec.cameras[0].video.height must be even");
    assertVideoInvalid(withVideo(1280, 720, 0, 2000), "spec.cameras[0].video.fps must be between 1 and 120");
    assertVideoInvalid(withVideo(1280, 720, 121, 2000), "spec.cameras[0].video.fps must be between 1 and 120");
    assertVideoInvalid(withVideo(1280, 720, 25, 99), "spec.cameras[0].video.bitrateKbps must be between 100");
    assertVideoInvalid(withVideo(1280, 720, 25, 50_001), "spec.cameras[0].video.bitrateKbps must be between 100");
    assertThat(SpecValidator.validate(withVideo(1280, 720, 15, 2001))).as("odd fps and bitrate are fine").isEmpty();
  }

  @Test
  void aCameraSecretReferenceNamesASecretAndValidKeys() {
    assertThat(SpecValidator.validate(withDoorSecretRef(ref -> {
      ref.setName("door-cam.v2");
      ref.setUsernameKey("user_name");
      ref.setPasswordKey("pass.word-1");
    }))).as("names and keys Kubernetes accepts").isEmpty();
    assertThat(SpecValidator.validate(withDoorSecretRef(ref -> ref.setPasswordKey(""))))
        .as("an empty key means the default").isEmpty();

    for (String name : List.of("Door-Cam", "-door", "door_cam", "a".repeat(254))) {
      assertInvalid(cs -> cs.getSpec().getCameras().add(secretRefCamera(ref -> ref.setName(name))),
          "spec.cameras[1].source.credentialsSecretRef.name");
    }
    assertInvalid(cs -> cs.getSpec().getCameras().add(secretRefCamera(ref -> ref.setName(null))),
        "spec.cameras[1].source.credentialsSecretRef.name");
    assertInvalid(cs -> cs.getSpec().getCameras().add(secretRefCamera(ref -> ref.setUsernameKey("user name"))),
        "spec.cameras[1].source.credentialsSecretRef.usernameKey");
    assertInvalid(cs -> cs.getSpec().getCameras().add(secretRefCamera(ref -> ref.setPasswordKey("pass/word"))),
        "spec.cameras[1].source.credentialsSecretRef.passwordKey");
    assertInvalid(cs -> cs.getSpec().getCameras().add(secretRefCamera(ref -> ref.setPasswordKey("k".repeat(254)))),
        "spec.cameras[1].source.credentialsSecretRef.passwordKey");
    assertThat(SpecValidator.validate(withDoorSecretRef(ref -> ref.setPasswordKey("k".repeat(253)))))
        .as("the longest key").isEmpty();
  }

  @Test
  void listsStayWithinTheirLimits() {
    List<String> sixteen = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      sixteen.add("host-" + i + ".example.com");
    }
    assertThat(SpecValidator.validate(withMediaMtx(m -> m.setWebrtcAdditionalHosts(sixteen)))).isEmpty();
    List<String> seventeen = new ArrayList<>(sixteen);
    seventeen.add("one-too-many.example.com");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setWebrtcAdditionalHosts(seventeen))),
        "spec.mediamtx.webrtcAdditionalHosts: at most 16");

    CameraStream full = CameraStreams.of("ns", "site");
    for (int i = 0; i < CameraStreamSpec.MAX_CAMERAS; i++) {
      full.getSpec().getCameras().add(testPattern("cam-" + i));
    }
    assertThat(SpecValidator.validate(full)).as("exactly the most cameras").isEmpty();
    full.getSpec().getCameras().add(testPattern("one-too-many"));
    assertThat(SpecValidator.validate(full)).singleElement().satisfies(problem ->
        assertThat(problem.message()).startsWith("spec.cameras: at most " + CameraStreamSpec.MAX_CAMERAS));

    assertThat(SpecValidator.validate(withMediaMtx(m -> m.setIceServers(
        java.util.Collections.nCopies(MediaMtxSpec.MAX_ICE_SERVERS, ice("stun:stun.example.com", null))))))
        .as("exactly the most ICE servers").isEmpty();
  }

  @Test
  void theLongestNameThatStillFitsEveryDerivedNameIsAccepted() {
    assertThat(SpecValidator.validate(CameraStreams.of("ns", "a".repeat(SpecValidator.MAX_NAME_LENGTH),
        testPattern("lobby")))).isEmpty();
    assertInvalid(cs -> cs.getMetadata().setName("a".repeat(SpecValidator.MAX_NAME_LENGTH + 1)), "metadata.name");
    assertInvalid(cs -> cs.getMetadata().setName(null), "metadata.name");
    assertInvalid(cs -> cs.setSpec(null), "spec is required");
  }

  @Test
  void aNodeSelectorHoldsValidLabelKeysAndValues() {
    Map<String, String> valid = new java.util.LinkedHashMap<>();
    valid.put("kubernetes.io/hostname", "edge-1");
    valid.put("example.com/" + "k".repeat(63), "v".repeat(63));
    valid.put("zone", "");
    assertThat(SpecValidator.validate(withNodeSelector(valid))).as("the longest value, an empty one").isEmpty();

    for (String key : List.of("bad key", "-zone", "Example.com/zone", "example.com/", "a/b/c")) {
      assertThat(SpecValidator.validate(withNodeSelector(Map.of(key, "edge-1")))).as(key)
          .singleElement().satisfies(problem -> assertThat(problem.message())
              .isEqualTo("spec.cameras[0].nodeSelector has a key that is not a valid label key"));
    }
    Map<String, String> nullKey = new java.util.HashMap<>();
    nullKey.put(null, "edge-1");
    assertThat(SpecValidator.validate(withNodeSelector(nullKey))).isNotEmpty();
    for (String value : List.of("v".repeat(64), "-edge", "edge 1")) {
      assertThat(SpecValidator.validate(withNodeSelector(Map.of("zone", value)))).as(value)
          .singleElement().satisfies(problem -> assertThat(problem.message())
              .isEqualTo("spec.cameras[0].nodeSelector[zone] is not a valid label value"));
    }
    Map<String, String> nullValue = new java.util.HashMap<>();
    nullValue.put("zone", null);
    assertThat(SpecValidator.validate(withNodeSelector(nullValue))).isNotEmpty();
  }

  @Test
  void imagesAndResourcesAreWhatTheDeploymentWriteAccepts() {
    assertThat(SpecValidator.validate(withMediaMtx(m -> m.setImage("registry.example.com:5000/mediamtx:1.20.1"))))
        .isEmpty();
    assertThat(SpecValidator.validate(withMediaMtx(m -> m.setImage("")))).as("empty: the default").isEmpty();
    String longest = "r/" + "a".repeat(510);
    assertThat(SpecValidator.validate(withMediaMtx(m -> m.setImage(longest)))).isEmpty();
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setImage(longest + "a"))), "spec.mediamtx.image");

    CameraStream resources = CameraStreams.of("ns", "site", testPattern("lobby"));
    resources.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("250m")).addToLimits("squat.ai/video", new Quantity("1"))
        .addToLimits("memory", new Quantity("256Mi")).build());
    assertThat(SpecValidator.validate(resources)).isEmpty();
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("lots")).build()), "spec.cameras[0].resources.requests.cpu must be a quantity");
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToLimits("bad name!", new Quantity("1")).build()), "spec.cameras[0].resources.limits has a key");
    assertInvalid(cs -> cs.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToLimits("memory", new Quantity("1" + "0".repeat(64))).build()),
        "spec.cameras[0].resources.limits.memory must be a quantity");
    assertThat(SpecValidator.validate(withResources("1" + "0".repeat(63)))).as("64 characters").isEmpty();
  }

  @Test
  void iceServerSecretKeysAreValidSecretKeys() {
    assertThat(SpecValidator.validate(withMediaMtx(m -> m.setIceServers(List.of(iceWithKeys("user", "pass"))))))
        .isEmpty();
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(List.of(iceWithKeys("us er", null))))),
        "spec.mediamtx.iceServers[0].credentialsSecretRef.usernameKey");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(List.of(iceWithKeys(null, "pa/ss"))))),
        "spec.mediamtx.iceServers[0].credentialsSecretRef.passwordKey");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(List.of(
        ice("turn:turn.example.com", "a".repeat(254)))))), "spec.mediamtx.iceServers[0].credentialsSecretRef.name");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(
        java.util.Collections.nCopies(MediaMtxSpec.MAX_ICE_SERVERS + 1, ice("stun:stun.example.com", null))))),
        "spec.mediamtx.iceServers: at most");
  }

  @Test
  void recordingSegmentsAreOneSecondToADayAndRetentionHoldsAtLeastOne() {
    assertThat(SpecValidator.validate(withRecording("1s", "1s"))).as("the shortest segment, kept once").isEmpty();
    assertThat(SpecValidator.validate(withRecording("24h", "72h"))).as("the longest segment").isEmpty();
    assertInvalid(cs -> cs.getSpec().setRecording(recording("999ms", "1h")), "spec.recording.segmentDuration must"
        + " be between 1s and 24h");
    assertInvalid(cs -> cs.getSpec().setRecording(recording("24h1s", "72h")), "spec.recording.segmentDuration must"
        + " be between 1s and 24h");
    assertInvalid(cs -> cs.getSpec().setRecording(recording("1h", "59m")), "spec.recording.retention must be at"
        + " least");
  }

  @Test
  void webrtcNodePortIsInTheNodePortRangeOnAServiceWithNodePorts() {
    assertThat(SpecValidator.validate(withMediaMtx(m -> {
      m.setServiceType(ServiceType.NODE_PORT);
      m.setWebrtcNodePort(31189);
      m.setWebrtcAnnounceNodeAddresses(true);
    }))).isEmpty();
    assertThat(SpecValidator.validate(withMediaMtx(m -> {
      m.setServiceType(ServiceType.LOAD_BALANCER);
      m.setWebrtcNodePort(30000);
    }))).isEmpty();
    for (int outside : new int[] {29999, 32768, 8189, -1}) {
      assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> {
        m.setServiceType(ServiceType.NODE_PORT);
        m.setWebrtcNodePort(outside);
      })), "spec.mediamtx.webrtcNodePort");
    }
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setWebrtcNodePort(31189))),
        "spec.mediamtx.webrtcNodePort");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> {
      m.setServiceType(ServiceType.NODE_PORT);
      m.setWebrtcAnnounceNodeAddresses(true);
    })), "spec.mediamtx.webrtcAnnounceNodeAddresses");
  }

  @Test
  void iceServersAreStunWithoutCredentialsOrTurnWithThem() {
    assertThat(SpecValidator.validate(withMediaMtx(m -> m.setIceServers(List.of(
        ice("stun:stun.example.com:3478", null), ice("turn:turn.example.com?transport=tcp", "turn"),
        ice("turns:turn.example.com:5349", "turn")))))).isEmpty();
    for (String url : List.of("http://turn.example.com", "stuns:x", "turn:host:port", "turn:host?transport=x",
        "turn:a b", "turn:host\nwebrtc: false")) {
      assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(List.of(ice(url, "turn"))))),
          "spec.mediamtx.iceServers[0].url");
    }
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(List.of(
        ice("stun:stun.example.com", null), ice("turn:turn.example.com", null))))),
        "spec.mediamtx.iceServers[1].credentialsSecretRef");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(List.of(
        ice("stun:stun.example.com", "turn"))))), "spec.mediamtx.iceServers[0].credentialsSecretRef");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(List.of(
        ice("turn:turn.example.com", "Not_A_Secret"))))), "spec.mediamtx.iceServers[0].credentialsSecretRef.name");
    assertInvalid(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(
        java.util.Collections.nCopies(9, ice("stun:stun.example.com", null))))), "spec.mediamtx.iceServers");
  }

  @Test
  void messagesNeverEchoASourceUrlWithItsCredentials() {
    CameraStream site = CameraStreams.of("ns", "site", CameraStreams.camera("door", "rtsp://admin:hunter2@bad url"));
    assertThat(SpecValidator.validate(site)).singleElement().satisfies(problem ->
        assertThat(problem.message()).doesNotContain("hunter2"));
  }

  @Test
  void cameraSecretsMustBeOptedInExistAndHoldTheKeysOrTheCameraIsHeld() {
    CameraSpec door = CameraStreams.rtspCameraWithSecret("door", "rtsp://10.0.0.9/live", "door-cam");
    door.getSource().getCredentialsSecretRef().setPasswordKey("pw");
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), door);
    var withoutPw = new SecretBuilder().withNewMetadata().withName("door-cam").endMetadata()
        .addToData("username", "YQ==").addToData("password", "Yg==").build();

    CameraSecrets missing = CameraSecretsCheck.check(site, name -> Optional.empty(), name -> Optional.empty());
    assertThat(missing.credentials()).isEmpty();
    assertThat(missing.problems()).containsOnlyKeys("door").hasEntrySatisfying("door", problem -> {
      assertThat(problem.reason()).isEqualTo("SecretNotFound");
      assertThat(problem.message()).contains("spec.cameras[1].source.credentialsSecretRef.name", "door-cam");
    });

    CameraSecrets unlabelled = CameraSecretsCheck.check(site, name -> Optional.empty(),
        name -> Optional.of(withoutPw));
    assertThat(unlabelled.problems()).hasEntrySatisfying("door", problem -> {
      assertThat(problem.reason()).isEqualTo("SecretNotLabelled");
      assertThat(problem.message()).contains("kubectl label secret door-cam -n ns camstream.io/camera-credentials=true")
          .doesNotContain("YQ==", "Yg==");
    });

    CameraSecrets noKey = CameraSecretsCheck.check(site, name -> Optional.of(withoutPw), name -> {
      throw new AssertionError("a Secret in the cache is never read from the API server");
    });
    assertThat(noKey.problems()).hasEntrySatisfying("door", problem -> {
      assertThat(problem.reason()).isEqualTo("SecretKeyNotFound");
      assertThat(problem.message()).contains("passwordKey", "\"pw\"").doesNotContain("YQ==", "Yg==");
    });

    var complete = new SecretBuilder(withoutPw).addToData("pw", "Yg==").build();
    CameraSecrets usable = CameraSecretsCheck.check(site, name -> Optional.of(complete), name -> Optional.empty());
    assertThat(usable.problems()).isEmpty();
    assertThat(usable.credentials()).containsOnlyKeys("door");
    assertThat(usable.credentials().get("door")).isEqualTo(new CameraCredentials("a", "b"));
    assertThat(usable.credentials().get("door").toString()).doesNotContain("b]");
  }

  @Test
  void onlyObjectsOwnedByThisCameraStreamAreNotConflicts() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getMetadata().setUid("uid-site");
    HasMetadata foreign = new DeploymentBuilder().withNewMetadata().withName("site-lobby").endMetadata().build();
    HasMetadata ours = new DeploymentBuilder().withNewMetadata().withName("site-lobby").addNewOwnerReference()
        .withUid("uid-site").endOwnerReference().endMetadata().build();

    assertThat(NameConflictCheck.check(site, List.of())).isEmpty();
    assertThat(NameConflictCheck.check(site, List.of(ours))).isEmpty();
    assertThat(NameConflictCheck.check(site, List.of(foreign)))
        .singleElement().satisfies(problem -> {
          assertThat(problem.reason()).isEqualTo("NameConflict");
          assertThat(problem.message()).contains("Deployment \"site-lobby\"", "namespace ns");
        });
  }

  @Test
  void anObjectOwnedByAnotherCameraStreamIsAConflictToo() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getMetadata().setUid("uid-site");
    HasMetadata neighbours = new DeploymentBuilder().withNewMetadata().withName("site-lobby").addNewOwnerReference()
        .withKind("CameraStream").withName("site-lobby-x").withUid("uid-other").endOwnerReference().endMetadata()
        .build();
    HasMetadata ourConfig = new SecretBuilder().withNewMetadata().withName("site-mediamtx-config")
        .addNewOwnerReference().withUid("uid-other").endOwnerReference()
        .addNewOwnerReference().withUid("uid-site").endOwnerReference().endMetadata().build();

    assertThat(NameConflictCheck.check(site, List.of(ourConfig, neighbours)))
        .as("the second object is another CameraStream's").singleElement().satisfies(problem ->
            assertThat(problem.message()).startsWith("Deployment \"site-lobby\" already exists in namespace ns"));
    assertThat(NameConflictCheck.isOwnedBy(ourConfig, site)).as("one of several owners").isTrue();

    CameraStream notYetCreated = CameraStreams.of("ns", "site", testPattern("lobby"));
    assertThat(NameConflictCheck.isOwnedBy(ourConfig, notYetCreated)).as("an owner without a uid owns nothing")
        .isFalse();
  }

  private static CameraStream withNodeSelector(Map<String, String> nodeSelector) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().getCameras().get(0).setNodeSelector(nodeSelector);
    return site;
  }

  private static CameraStream withResources(String memoryLimit) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToLimits("memory", new Quantity(memoryLimit)).build());
    return site;
  }

  private static RecordingSpec recording(String segment, String retention) {
    RecordingSpec recording = CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN);
    recording.setSegmentDuration(segment);
    recording.setRetention(retention);
    return recording;
  }

  private static CameraStream withRecording(String segment, String retention) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(recording(segment, retention));
    return site;
  }

  private static IceServerSpec iceWithKeys(String usernameKey, String passwordKey) {
    IceServerSpec server = ice("turn:turn.example.com", "turn");
    server.getCredentialsSecretRef().setUsernameKey(usernameKey);
    server.getCredentialsSecretRef().setPasswordKey(passwordKey);
    return server;
  }

  private static CameraStream withVideo(Integer width, Integer height, Integer fps, Integer bitrateKbps) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().getCameras().get(0).setVideo(video(width, height, fps, bitrateKbps));
    return site;
  }

  private static VideoSpec video(Integer width, Integer height, Integer fps, Integer bitrateKbps) {
    VideoSpec video = new VideoSpec();
    video.setWidth(width);
    video.setHeight(height);
    video.setFps(fps);
    video.setBitrateKbps(bitrateKbps);
    return video;
  }

  private static void assertVideoInvalid(CameraStream site, String message) {
    assertThat(SpecValidator.validate(site)).as(message).singleElement().satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo("InvalidSpec");
      assertThat(problem.message()).startsWith(message);
    });
  }

  private static CameraSpec secretRefCamera(Consumer<SecretCredentialsRef> change) {
    CameraSpec door = CameraStreams.rtspCameraWithSecret("door", "rtsp://10.0.0.9:554/live", "door-cam");
    change.accept(door.getSource().getCredentialsSecretRef());
    return door;
  }

  private static CameraStream withDoorSecretRef(Consumer<SecretCredentialsRef> change) {
    return CameraStreams.of("ns", "site", testPattern("lobby"), secretRefCamera(change));
  }

  private static IceServerSpec ice(String url, String secret) {
    return CameraStreams.iceServer(url, secret);
  }

  private static MediaMtxSpec mediamtx(Consumer<MediaMtxSpec> change) {
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    change.accept(mediamtx);
    return mediamtx;
  }

  private static CameraStream withMediaMtx(Consumer<MediaMtxSpec> change) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setMediamtx(mediamtx(change));
    return site;
  }

  private static void assertInvalid(Consumer<CameraStream> change, String field) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    change.accept(site);
    assertThat(SpecValidator.validate(site)).as(field).singleElement().satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo("InvalidSpec");
      assertThat(problem.message()).startsWith(field);
    });
  }
}
