package io.camstream.operator.crd;

import static io.camstream.operator.crd.CrdValidator.Violation.cel;
import static io.camstream.operator.crd.CrdValidator.Violation.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.crd.CrdValidator.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the API server accepts and refuses, decided by the generated CRD alone (schema keywords and CEL rules),
 * so a bad CameraStream never reaches the operator. Each bad case names the exact keyword or rule that rejects it.
 */
class CrdValidationTest {
  private static final String UNIQUE_NAMES = "self.all(c, self.exists_one(d, d.name == c.name))";
  private static final String CREDENTIALS_ONCE =
      "!has(self.credentialsSecretRef) || !self.url.matches('^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@')";
  private static final String EVEN_SIZE =
      "(!has(self.width) || int(self.width) % 2 == 0) && (!has(self.height) || int(self.height) % 2 == 0)";
  private static final String HAS_SPEC = "has(self.spec)";
  private static final String CATCH_ALL = "self != 'all' && self != 'all_others'";
  private static final String NOT_RESERVED = "self.all(c, c.name != 'mediamtx')";
  private static final String PULL_RTSP_ONLY =
      "!has(self.mode) || self.mode != 'pull' || self.source.url.matches('^rtsps?://')";
  private static final String PULL_AUDIO_PASSED_THROUGH = "!has(self.mode) || self.mode != 'pull'"
      + " || !has(self.audio) || self.audio == 'auto' || self.audio == 'copy'";
  private static final String RECORD_NEEDS_RECORDING = "has(self.recording) || !has(self.cameras)"
      + " || !self.cameras.exists(c, has(c.record) && c.record)";
  private static final String RESOURCE_NAME = "self.metadata.name.size() <= 45"
      + " && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')";

  private static final String NODE_PORT_NEEDS_NODE_PORTS =
      "!has(self.webrtcNodePort) || (has(self.serviceType) && self.serviceType != 'ClusterIP')";
  private static final String NODE_ADDRESSES_NEED_NODE_PORT =
      "!has(self.webrtcAnnounceNodeAddresses) || !self.webrtcAnnounceNodeAddresses || has(self.webrtcNodePort)";

  private static final String ICE_CREDENTIALS = "self.url.startsWith('stun:') != has(self.credentialsSecretRef)";

  private static CrdValidator validator;

  @BeforeAll
  static void loadCrd() {
    validator = CrdValidator.forCrd(CrdFiles.GENERATED, CameraStream.VERSION);
  }

  private static final String MINIMAL = """
      apiVersion: camstream.io/v1alpha1
      kind: CameraStream
      metadata: {name: site, namespace: ns}
      spec:
        cameras:
        - name: lobby
          source: {url: testpattern}
      """;

  private static final String FULL = """
      apiVersion: camstream.io/v1alpha1
      kind: CameraStream
      metadata: {name: site, namespace: ns}
      spec:
        cameras:
        - name: lobby
          source:
            url: rtsp://10.0.0.5:554/stream1?user=x@y
            credentialsSecretRef: {name: lobby-cam, usernameKey: user.name, passwordKey: pass_word}
          mode: transcode
          audio: opus
          video: {width: 1280, height: 720, fps: 30, bitrateKbps: 2000}
          nodeSelector: {kubernetes.io/hostname: node-1, camstream.io/usb: "true"}
          resources: {requests: {cpu: 250m, memory: 128Mi}, limits: {cpu: 1, memory: 256Mi}}
        - name: 2nd-floor
          source: {url: "/dev/video0"}
          mode: passthrough
          supplementalGroups: [44, 986]
          tolerations:
          - {key: node-role.kubernetes.io/edge, operator: Exists, effect: NoSchedule}
          - {key: camstream.io/usb, operator: Equal, value: bench, effect: NoExecute, tolerationSeconds: 300}
        - name: dock
          source: {url: "rtsp://admin:secret@10.0.0.9/h264"}
          mode: auto
        - name: gate
          source:
            url: rtsps://10.0.0.7:322/h264
            credentialsSecretRef: {name: gate-cam}
          mode: pull
          audio: copy
          record: false
        recording:
          enabled: true
          retention: 72h
          segmentDuration: 1h
          storage: {size: 50Gi, storageClassName: fast-ssd, reclaimPolicy: Delete}
        mediamtx:
          image: bluenviron/mediamtx:1.20.1
          serviceType: LoadBalancer
          webrtcAdditionalHosts: [203.0.113.7, cams.example.com, "2001:db8::1"]
          webrtcNodePort: 31189
          webrtcAnnounceNodeAddresses: true
          iceServers:
          - url: stun:stun.example.com:3478
          - url: turn:turn.example.com:3478?transport=udp
            credentialsSecretRef: {name: turn, usernameKey: user, passwordKey: pass}
            clientOnly: true
          - url: "turns:[2001:db8::3]:5349"
            credentialsSecretRef: {name: turn}
          readers: authenticated
        streamer:
          image: ghcr.io/camstream/camstream-streamer:0.1.0@sha256:0123abcd
          resources: {requests: {cpu: 500m}}
      """;

  @Test
  void minimalAndFullExamplesAreAccepted() {
    assertThat(validator.validate(MINIMAL)).isEmpty();
    assertThat(validator.validate(FULL)).isEmpty();
  }

  /** The examples users copy (k8s/examples, the dev overlay's demo) must pass the API server's checks. */
  @Test
  void shippedExamplesAreAccepted() throws java.io.IOException {
    List<java.nio.file.Path> files = new ArrayList<>();
    try (var paths = java.nio.file.Files.walk(java.nio.file.Path.of("..", "k8s"))) {
      paths.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !p.toString().contains("node_modules"))
          .forEach(files::add);
    }
    int cameraStreams = 0;
    for (java.nio.file.Path file : files) {
      try (var parser = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().createParser(file.toFile())) {
        var documents = new com.fasterxml.jackson.databind.ObjectMapper().readValues(parser, JsonNode.class);
        while (documents.hasNext()) {
          JsonNode document = documents.next();
          if ("CameraStream".equals(document.path("kind").asText())) {
            cameraStreams++;
            assertThat(validator.validate(document)).as("%s: %s", file, document.path("metadata").path("name"))
                .isEmpty();
          }
        }
      }
    }
    assertThat(cameraStreams).as("CameraStream examples under k8s/").isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtsp://cam/s", "rtsps://cam:322/s", "rtmp://cam/live/s", "rtmps://cam/live/s",
      "http://cam/mjpeg", "https://cam/index.m3u8", "srt://cam:9000?mode=caller", "file:///videos/a.mp4",
      "/videos/a.mp4", "/dev/video0", "testpattern", "testpattern:1280x720", "testpattern:640x480@25",
      "testpattern:640x480@25+tone", "testpattern+tone",
      "rtsp://[2001:db8::5]:554/s", "rtsp://cam/p%20ath"})
  void everySupportedSourceFormIsAccepted(String url) {
    assertThat(validator.validate(withCamera(camera("cam", url)))).isEmpty();
  }

  @Test
  void twoHundredFiftySixUniqueCamerasAreAccepted() {
    assertThat(validator.validate(withCameras(256))).isEmpty();
  }

  // --- camera list ----------------------------------------------------------------------------------------

  @Test
  void emptyCameraListIsRejectedByMinItems() {
    ObjectNode object = object(MINIMAL);
    ((ArrayNode) object.path("spec").path("cameras")).removeAll();
    assertThat(outcome(object)).containsExactly(schema("/spec/cameras", "minItems"));
  }

  @Test
  void missingCameraListIsRejectedAsRequired() {
    ObjectNode object = object(MINIMAL);
    ((ObjectNode) object.get("spec")).remove("cameras");
    assertThat(outcome(object)).containsExactly(schema("/spec", "required"));
  }

  @Test
  void missingSpecIsRejectedByTheRootRule() {
    ObjectNode object = object(MINIMAL);
    object.remove("spec");
    assertThat(outcome(object)).containsExactly(cel("", HAS_SPEC));
  }

  @Test
  void moreThan256CamerasAreRejectedByMaxItems() {
    assertThat(outcome(withCameras(257))).containsExactly(schema("/spec/cameras", "maxItems"));
  }

  @Test
  void duplicateCameraNamesAreRejectedByTheUniquenessRule() {
    JsonNode object = withCamera(camera("lobby", "testpattern"), camera("door", "testpattern"),
        camera("lobby", "rtsp://other/s"));
    assertThat(outcome(object)).containsExactly(cel("/spec/cameras", UNIQUE_NAMES));
    assertThat(validator.validate(object)).extracting(Violation::message)
        .containsExactly("camera names must be unique");
  }

  @Test
  void theMediaServersOwnNameIsReservedForCameras() {
    assertThat(outcome(withCamera(camera("lobby", "testpattern"), camera("mediamtx", "testpattern"))))
        .containsExactly(cel("/spec/cameras", NOT_RESERVED));
  }

  // --- camera names -----------------------------------------------------------------------------------------

  /** MediaMTX reads these path names as {@code ~^.*$}: a camera so named would admit every stream name. */
  @Test
  void mediaMtxsCatchAllPathNamesAreRejectedForCameras() {
    assertThat(outcome(withCamera(camera("all", "testpattern"))))
        .containsExactly(cel("/spec/cameras/0/name", CATCH_ALL));
    assertThat(outcome(withCamera(camera("all_others", "testpattern"))))
        .containsExactlyInAnyOrder(cel("/spec/cameras/0/name", CATCH_ALL), schema("/spec/cameras/0/name", "pattern"));
    assertThat(validator.validate(withCamera(camera("all-cams", "testpattern")))).isEmpty();
    assertThat(validator.validate(withCamera(camera("hall", "testpattern")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Lobby", "-lobby", "lobby-", "lob_by", "lob.by", "lobby\n", "lob by", "lobby;rm",
      "caméra", "../etc"})
  void cameraNameThatIsNotADns1123LabelIsRejectedByPattern(String name) {
    assertThat(outcome(withCamera(camera(name, "testpattern"))))
        .containsExactly(schema("/spec/cameras/0/name", "pattern"));
  }

  @Test
  void cameraNameLongerThan40IsRejectedByMaxLength() {
    assertThat(validator.validate(withCamera(camera("a".repeat(40), "testpattern")))).isEmpty();
    assertThat(outcome(withCamera(camera("a".repeat(41), "testpattern"))))
        .containsExactly(schema("/spec/cameras/0/name", "maxLength"));
  }

  @Test
  void emptyCameraNameIsRejectedByMinLengthAndPattern() {
    assertThat(outcome(withCamera(camera("", "testpattern"))))
        .containsExactlyInAnyOrder(schema("/spec/cameras/0/name", "minLength"),
            schema("/spec/cameras/0/name", "pattern"));
  }

  // --- enums ------------------------------------------------------------------------------------------------

  @Test
  void unknownModeIsRejectedByEnum() {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.put("mode", "fast");
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/mode", "enum"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"aac", "Opus", "on", ""})
  void unknownAudioIsRejectedByEnum(String audio) {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.put("audio", audio);
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/audio", "enum"));
  }

  @ParameterizedTest
  @CsvSource({"serviceType,ExternalName", "serviceType,clusterip", "readers,everyone", "readers,Public"})
  void unknownMediaMtxEnumValueIsRejectedByEnum(String field, String value) {
    ObjectNode object = object(MINIMAL);
    ((ObjectNode) object.get("spec")).putObject("mediamtx").put(field, value);
    assertThat(outcome(object)).containsExactly(schema("/spec/mediamtx/" + field, "enum"));
  }

  // --- video ranges -----------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"fps,0,minimum", "fps,121,maximum", "width,14,minimum", "width,7682,maximum",
      "height,14,minimum", "height,4322,maximum", "bitrateKbps,99,minimum", "bitrateKbps,50001,maximum",
      "fps,-30,minimum"})
  void videoSettingOutOfRangeIsRejected(String field, int value, String keyword) {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.putObject("video").put(field, value);
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/video/" + field, keyword));
  }

  @ParameterizedTest
  @CsvSource({"fps,1", "fps,120", "width,16", "width,7680", "height,4320", "bitrateKbps,100",
      "bitrateKbps,50000"})
  void videoSettingAtTheBoundsIsAccepted(String field, int value) {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.putObject("video").put(field, value);
    assertThat(validator.validate(withCamera(camera))).isEmpty();
  }

  @Test
  void nonIntegerFpsIsRejectedByType() {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.putObject("video").put("fps", "30");
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/video/fps", "type"));
  }

  @Test
  void oddVideoSizeIsRejectedByTheEvenSizeRule() {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.putObject("video").put("width", 1281).put("height", 720);
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec/cameras/0/video", EVEN_SIZE));
  }

  // --- source URL -------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"udp://239.0.0.1:1234", "ftp://cam/x", "javascript:alert(1)", "rtsp:/cam",
      "RTSP://cam/s", "cam.local/stream", "rtsp://cam/a b", "rtsp://cam/x\nrunOnReady: sh -c id",
      "rtsp://cam/s\n", "testpattern:huge", "rtsp://cam/\u00e9", "rtsp://", "pipe:0",
      "concat:/etc/passwd|/etc/shadow"})
  void unsupportedSourceIsRejectedByPattern(String url) {
    assertThat(outcome(withCamera(camera("lobby", url))))
        .containsExactly(schema("/spec/cameras/0/source/url", "pattern"));
  }

  @Test
  void sourceUrlLongerThan2048IsRejectedByMaxLength() {
    String url = "rtsp://cam/" + "a".repeat(2048 - 11);
    assertThat(validator.validate(withCamera(camera("lobby", url)))).isEmpty();
    assertThat(outcome(withCamera(camera("lobby", url + "a"))))
        .containsExactly(schema("/spec/cameras/0/source/url", "maxLength"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtsp://admin:secret@cam/s", "rtsp://admin@cam/s", "rtsps://a:b@[2001:db8::5]/s",
      "http://u:p@cam:8080/mjpeg"})
  void credentialsBothInTheUrlAndBySecretAreRejectedByTheRule(String url) {
    ObjectNode camera = camera("lobby", url);
    ((ObjectNode) camera.get("source")).putObject("credentialsSecretRef").put("name", "lobby-cam");
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec/cameras/0/source", CREDENTIALS_ONCE));
    assertThat(validator.validate(withCamera(camera))).extracting(Violation::message)
        .containsExactly("give camera credentials either in the URL or by credentialsSecretRef, not both");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtsp://cam/s?token=a@b", "rtsp://cam/s#x@y", "/media/me@host/a.mp4"})
  void anAtSignOutsideTheUserInfoIsNotMistakenForCredentials(String url) {
    ObjectNode camera = camera("lobby", url);
    ((ObjectNode) camera.get("source")).putObject("credentialsSecretRef").put("name", "lobby-cam");
    assertThat(validator.validate(withCamera(camera))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"name|Lobby_Cam|pattern", "name|''|minLength", "usernameKey|a/b|pattern",
      "passwordKey|'pass word'|pattern"})
  void badSecretReferenceIsRejected(String field, String value, String keyword) {
    ObjectNode camera = camera("lobby", "rtsp://cam/s");
    ObjectNode ref = ((ObjectNode) camera.get("source")).putObject("credentialsSecretRef");
    ref.put("name", "lobby-cam").put(field, value);
    assertThat(outcome(withCamera(camera)))
        .contains(schema("/spec/cameras/0/source/credentialsSecretRef/" + field, keyword))
        .allMatch(v -> v.path().equals("/spec/cameras/0/source/credentialsSecretRef/" + field));
  }

  // --- everything else that ends up in a pod spec or mediamtx.yml -------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"evil host", "host\nwebrtcICEServers2: x", "a;rm -rf /", "\"quoted\"", "-leading",
      "http://host", "host/path"})
  void webrtcAdditionalHostThatIsNotAHostOrIpIsRejectedByPattern(String host) {
    ObjectNode object = object(MINIMAL);
    ((ObjectNode) object.get("spec")).putObject("mediamtx").putArray("webrtcAdditionalHosts").add("ok.example")
        .add(host);
    assertThat(outcome(object)).containsExactly(schema("/spec/mediamtx/webrtcAdditionalHosts/1", "pattern"));
  }

  @Test
  void tooManyOrTooLongWebrtcAdditionalHostsAreRejected() {
    ObjectNode object = object(MINIMAL);
    ArrayNode hosts = ((ObjectNode) object.get("spec")).putObject("mediamtx").putArray("webrtcAdditionalHosts");
    for (int i = 0; i < 17; i++) {
      hosts.add("10.0.0." + i);
    }
    assertThat(outcome(object)).containsExactly(schema("/spec/mediamtx/webrtcAdditionalHosts", "maxItems"));
    hosts.removeAll().add("a".repeat(254));
    assertThat(outcome(object)).containsExactly(schema("/spec/mediamtx/webrtcAdditionalHosts/0", "maxLength"));
  }

  // --- WebRTC through NAT ------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"NodePort,30000", "NodePort,32767", "LoadBalancer,31189"})
  void webrtcNodePortInTheNodePortRangeIsAccepted(String type, int port) {
    assertThat(validator.validate(withMediaMtx(type, port, null))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"29999,minimum", "32768,maximum", "8189,minimum", "0,minimum", "65535,maximum"})
  void webrtcNodePortOutsideTheNodePortRangeIsRejected(int port, String keyword) {
    assertThat(outcome(withMediaMtx("NodePort", port, null)))
        .containsExactly(schema("/spec/mediamtx/webrtcNodePort", keyword));
  }

  @Test
  void webrtcNodePortNeedsAServiceWithNodePorts() {
    assertThat(outcome(withMediaMtx("ClusterIP", 31189, null)))
        .containsExactly(cel("/spec/mediamtx", NODE_PORT_NEEDS_NODE_PORTS));
    assertThat(outcome(withMediaMtx(null, 31189, null)))
        .containsExactly(cel("/spec/mediamtx", NODE_PORT_NEEDS_NODE_PORTS));
    assertThat(validator.validate(withMediaMtx("ClusterIP", 31189, null))).extracting(Violation::message)
        .singleElement().asString().contains("webrtcNodePort", "NodePort or LoadBalancer");
  }

  @Test
  void announcingNodeAddressesNeedsWebrtcNodePort() {
    assertThat(outcome(withMediaMtx("NodePort", null, true)))
        .containsExactly(cel("/spec/mediamtx", NODE_ADDRESSES_NEED_NODE_PORT));
    assertThat(validator.validate(withMediaMtx("NodePort", 31189, true))).isEmpty();
    assertThat(validator.validate(withMediaMtx("NodePort", null, false))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stun:stun.l.google.com:19302", "stun:10.0.0.1", "turn:turn.example.com",
      "turn:turn.example.com:3478?transport=tcp", "turns:turn.example.com:443?transport=tcp", "turn:[fd00::1]:3478"})
  void iceServerUrlsMediaMtxAndItsIceLibraryAcceptAreAccepted(String url) {
    assertThat(validator.validate(withIceServer(url, !url.startsWith("stun:")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://turn.example.com", "stuns:stun.example.com", "turn:", "turn:host:port",
      "turn:host?transport=sctp", "turn:host?foo=bar", "turn://host:3478", "TURN:host", "turn:host\nx: y",
      "turn:user:pass@host"})
  void iceServerUrlsMediaMtxOrItsIceLibraryRefuseAreRejectedByPattern(String url) {
    assertThat(outcome(withIceServer(url, true))).containsExactly(schema("/spec/mediamtx/iceServers/0/url",
        "pattern"));
  }

  @Test
  void aStunServerWithAQueryIsRejectedByPattern() {
    assertThat(outcome(withIceServer("stun:host?transport=udp", false)))
        .containsExactly(schema("/spec/mediamtx/iceServers/0/url", "pattern"));
  }

  @Test
  void turnNeedsCredentialsAndStunTakesNone() {
    assertThat(outcome(withIceServer("turn:turn.example.com", false)))
        .containsExactly(cel("/spec/mediamtx/iceServers/0", ICE_CREDENTIALS));
    assertThat(outcome(withIceServer("stun:stun.example.com", true)))
        .containsExactly(cel("/spec/mediamtx/iceServers/0", ICE_CREDENTIALS));
  }

  @Test
  void atMostEightIceServers() {
    ObjectNode object = object(MINIMAL);
    ArrayNode servers = ((ObjectNode) object.get("spec")).putObject("mediamtx").putArray("iceServers");
    for (int i = 0; i < 9; i++) {
      servers.addObject().put("url", "stun:stun" + i + ".example.com");
    }
    assertThat(outcome(object)).containsExactly(schema("/spec/mediamtx/iceServers", "maxItems"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"mediamtx|'bluenviron/mediamtx:1.20.1; rm -rf /'",
      "mediamtx|'img\nname'", "streamer|' leading-space'", "streamer|'repo/img:$(id)'"})
  void imageThatIsNotAnImageReferenceIsRejectedByPattern(String section, String image) {
    ObjectNode object = object(MINIMAL);
    ((ObjectNode) object.get("spec")).putObject(section).put("image", image);
    assertThat(outcome(object)).containsExactly(schema("/spec/" + section + "/image", "pattern"));
  }

  @Test
  void badNodeSelectorValueOrTooManyEntriesAreRejected() {
    ObjectNode camera = camera("lobby", "/dev/video0");
    camera.putObject("nodeSelector").put("kubernetes.io/hostname", "node 1");
    assertThat(outcome(withCamera(camera)))
        .containsExactly(schema("/spec/cameras/0/nodeSelector/kubernetes.io~1hostname", "pattern"));
    ObjectNode many = camera.putObject("nodeSelector");
    for (int i = 0; i < 33; i++) {
      many.put("label-" + i, "v");
    }
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/nodeSelector",
        "maxProperties"));
  }

  @Test
  void rootGroupOrTooManyGroupsOrTolerationsAreRejected() {
    ObjectNode camera = camera("usb", "/dev/video0");
    camera.putArray("supplementalGroups").add(44).add(0);
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/supplementalGroups/1",
        "minimum"));
    var groups = camera.putArray("supplementalGroups");
    for (int i = 0; i < 9; i++) {
      groups.add(44);
    }
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/supplementalGroups",
        "maxItems"));
    camera.remove("supplementalGroups");
    var tolerations = camera.putArray("tolerations");
    for (int i = 0; i < 17; i++) {
      tolerations.addObject().put("key", "k" + i).put("operator", "Exists");
    }
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/tolerations", "maxItems"));
    tolerations.removeAll();
    tolerations.addObject().put("key", "edge").put("operatr", "Exists");
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/tolerations/0",
        "additionalProperties"));
  }

  @Test
  void tolerationsFollowThePodSpecRules() {
    ObjectNode camera = camera("usb", "/dev/video0");
    var tolerations = camera.putArray("tolerations");
    tolerations.addObject().put("key", "edge").put("operator", "In");
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/tolerations/0/operator",
        "pattern"));
    tolerations.removeAll();
    tolerations.addObject().put("key", "edge").put("effect", "NoEvict");
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/tolerations/0/effect",
        "pattern"));
    tolerations.removeAll();
    tolerations.addObject().put("key", "bad key").put("operator", "Exists");
    assertThat(outcome(withCamera(camera))).containsExactly(schema("/spec/cameras/0/tolerations/0/key",
        "pattern"));
    tolerations.removeAll();
    tolerations.addObject().put("value", "x");
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec/cameras/0/tolerations/0",
        "(has(self.key) && self.key != '') || (has(self.operator) && self.operator == 'Exists')"));
    tolerations.removeAll();
    tolerations.addObject().put("key", "edge").put("operator", "Exists").put("value", "x");
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec/cameras/0/tolerations/0",
        "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || self.value == ''"));
    tolerations.removeAll();
    tolerations.addObject().put("key", "edge").put("effect", "NoSchedule").put("tolerationSeconds", 60);
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec/cameras/0/tolerations/0",
        "!has(self.tolerationSeconds) || (has(self.effect) && self.effect == 'NoExecute')"));
    tolerations.removeAll();
    tolerations.addObject().put("operator", "Exists");
    assertThat(outcome(withCamera(camera))).as("every taint").isEmpty();
  }

  @Test
  void unknownFieldIsRejectedLikeKubectlStrictFieldValidation() {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.putObject("video").put("fpss", 30);
    assertThat(outcome(withCamera(camera)))
        .containsExactly(schema("/spec/cameras/0/video", "additionalProperties"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1site", "site.example", "Site", "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeee"})
  void resourceNameThatCannotPrefixAServiceNameIsRejectedByTheRootRule(String name) {
    ObjectNode object = object(MINIMAL);
    ((ObjectNode) object.get("metadata")).put("name", name);
    assertThat(outcome(object)).containsExactly(cel("", RESOURCE_NAME));
  }

  @Test
  void resourceNameOf45CharactersIsAccepted() {
    ObjectNode object = object(MINIMAL);
    ((ObjectNode) object.get("metadata")).put("name", "s" + "a".repeat(44));
    assertThat(validator.validate(object)).isEmpty();
  }

  // --- pull and recording -----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"rtsp://10.0.0.7/h264", "rtsps://cam.example:322/s", "rtsp://u:p@cam/s"})
  void pullAcceptsRtspSources(String url) {
    ObjectNode camera = camera("gate", url);
    camera.put("mode", "pull");
    assertThat(validator.validate(withCamera(camera))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"testpattern", "/dev/video0", "http://cam/mjpeg", "rtmp://cam/live", "srt://cam:9000",
      "file:///v/a.mp4"})
  void pullOfAnythingButRtspIsRejectedByTheRule(String url) {
    ObjectNode camera = camera("gate", url);
    camera.put("mode", "pull");
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec/cameras/0", PULL_RTSP_ONLY));
    assertThat(validator.validate(withCamera(camera))).extracting(Violation::message)
        .containsExactly("mode pull: MediaMTX reads rtsp:// and rtsps:// sources only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "copy"})
  void pullPassesTheAudioThrough(String audio) {
    ObjectNode camera = camera("gate", "rtsp://10.0.0.7/h264");
    camera.put("mode", "pull");
    camera.put("audio", audio);
    assertThat(validator.validate(withCamera(camera))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"opus", "off"})
  void pullWithAudioOnlyAStreamerCanDoIsRejectedByTheRule(String audio) {
    ObjectNode camera = camera("gate", "rtsp://10.0.0.7/h264");
    camera.put("mode", "pull");
    camera.put("audio", audio);
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec/cameras/0", PULL_AUDIO_PASSED_THROUGH));
    assertThat(validator.validate(withCamera(camera))).extracting(Violation::message).containsExactly(
        "mode pull: MediaMTX passes the camera's audio through as it is; audio opus and off need a streamer");
    camera.put("mode", "auto");
    assertThat(validator.validate(withCamera(camera))).as("a streamer does it").isEmpty();
  }

  @Test
  void recordingACameraNeedsSpecRecording() {
    ObjectNode camera = camera("lobby", "testpattern");
    camera.put("record", true);
    assertThat(outcome(withCamera(camera))).containsExactly(cel("/spec", RECORD_NEEDS_RECORDING));
    camera.put("record", false);
    assertThat(validator.validate(withCamera(camera))).as("record: false needs nothing").isEmpty();
  }

  private static ObjectNode withRecording(java.util.function.Consumer<ObjectNode> change) {
    ObjectNode object = object(MINIMAL);
    ObjectNode recording = ((ObjectNode) object.get("spec")).putObject("recording");
    recording.putObject("storage").put("size", "50Gi");
    change.accept(recording);
    return object;
  }

  @ParameterizedTest
  @ValueSource(strings = {"72h", "3d", "1d12h", "90m", "1h30m", "1.5h", "30s", "250ms", "2h45m30s"})
  void durationsMediaMtxReadsAreAccepted(String duration) {
    assertThat(validator.validate(withRecording(r -> r.put("retention", duration).put("segmentDuration",
        duration)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3 days", "1w", "72", "-1h", "+1h", "1H", "h", "1d-2h", "1e3s", "forever", "1h\n",
      "1ns"})
  void durationsMediaMtxWouldNotReadAreRejectedByPattern(String duration) {
    assertThat(outcome(withRecording(r -> r.put("retention", duration))))
        .containsExactly(schema("/spec/recording/retention", "pattern"));
    assertThat(outcome(withRecording(r -> r.put("segmentDuration", duration))))
        .containsExactly(schema("/spec/recording/segmentDuration", "pattern"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"50Gi", "500G", "1Ti", "1.5Gi", "1048576"})
  void storageSizesThatAreQuantitiesOfBytesAreAccepted(String size) {
    assertThat(validator.validate(withRecording(r -> ((ObjectNode) r.get("storage")).put("size", size)))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "50GB", "50 Gi", "-1Gi", "1e3", "100m", "50gi", "Gi"})
  void storageSizeThatIsNotAQuantityOfBytesIsRejectedByPattern(String size) {
    assertThat(outcome(withRecording(r -> ((ObjectNode) r.get("storage")).put("size", size))))
        .containsExactly(schema("/spec/recording/storage/size", "pattern"));
  }

  @Test
  void recordingWithoutStorageOrSizeIsRejectedAsRequired() {
    assertThat(outcome(withRecording(r -> r.remove("storage"))))
        .containsExactly(schema("/spec/recording", "required"));
    assertThat(outcome(withRecording(r -> ((ObjectNode) r.get("storage")).remove("size"))))
        .containsExactly(schema("/spec/recording/storage", "required"));
  }

  @ParameterizedTest
  @CsvSource({"reclaimPolicy,Keep,enum", "reclaimPolicy,retain,enum", "storageClassName,Fast_SSD,pattern"})
  void badStorageSettingsAreRejected(String field, String value, String keyword) {
    assertThat(outcome(withRecording(r -> ((ObjectNode) r.get("storage")).put(field, value))))
        .containsExactly(schema("/spec/recording/storage/" + field, keyword));
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  private static List<Violation> outcome(JsonNode object) {
    return validator.validate(object).stream().map(Violation::withoutMessage).toList();
  }

  private static ObjectNode object(String yaml) {
    return (ObjectNode) CrdValidator.readYaml(yaml);
  }

  private static JsonNode withMediaMtx(String serviceType, Integer webrtcNodePort, Boolean announceNodes) {
    ObjectNode object = object(MINIMAL);
    ObjectNode mediamtx = ((ObjectNode) object.get("spec")).putObject("mediamtx");
    if (serviceType != null) {
      mediamtx.put("serviceType", serviceType);
    }
    if (webrtcNodePort != null) {
      mediamtx.put("webrtcNodePort", webrtcNodePort);
    }
    if (announceNodes != null) {
      mediamtx.put("webrtcAnnounceNodeAddresses", announceNodes);
    }
    return object;
  }

  private static JsonNode withIceServer(String url, boolean credentials) {
    ObjectNode object = object(MINIMAL);
    ObjectNode server = ((ObjectNode) object.get("spec")).putObject("mediamtx").putArray("iceServers").addObject();
    server.put("url", url);
    if (credentials) {
      server.putObject("credentialsSecretRef").put("name", "turn");
    }
    return object;
  }

  private static ObjectNode camera(String name, String url) {
    ObjectNode camera = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    camera.put("name", name);
    camera.putObject("source").put("url", url);
    return camera;
  }

  private static JsonNode withCamera(ObjectNode... cameras) {
    ObjectNode object = object(MINIMAL);
    ArrayNode list = ((ObjectNode) object.get("spec")).putArray("cameras");
    for (ObjectNode camera : cameras) {
      list.add(camera);
    }
    return object;
  }

  private static JsonNode withCameras(int count) {
    List<ObjectNode> cameras = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      cameras.add(camera("cam-" + i, "testpattern"));
    }
    return withCamera(cameras.toArray(ObjectNode[]::new));
  }
}
