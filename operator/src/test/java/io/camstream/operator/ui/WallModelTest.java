package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.api.status.CameraUrls;
import io.camstream.operator.health.CameraTraffic;
import io.camstream.operator.health.LiveTraffic;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.ui.model.CameraState;
import io.camstream.operator.ui.model.Wall;
import io.camstream.operator.ui.model.WallCamera;
import io.camstream.operator.ui.model.WallModel;
import io.camstream.operator.ui.model.WallStream;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WallModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the operator's last poll of cameras/site measured: not in the status. */
  private static final LiveTraffic TRAFFIC = new LiveTraffic() {
    @Override
    public Map<String, CameraTraffic> of(String namespace, String cameraStream) {
      return "cameras".equals(namespace) && "site".equals(cameraStream)
          ? Map.of("lobby", new CameraTraffic("lobby", 2_007_300L, 2), "gate", new CameraTraffic("gate", 0L, 1))
          : Map.of();
    }

    @Override
    public long version() {
      return 1;
    }
  };

  @Test
  void showsWhatTheStatusSaysPerCameraStreamAndCamera() throws Exception {
    CameraStream site = site();
    WallStream stream = WallModel.of(List.of(site), TRAFFIC).streams().get(0);

    assertThat(stream.namespace()).isEqualTo("cameras");
    assertThat(stream.name()).isEqualTo("site");
    assertThat(stream.ready()).isEqualTo("False");
    assertThat(stream.readyReason()).isEqualTo("Stalled");
    assertThat(stream.readyCameras()).isEqualTo("1/4");
    assertThat(stream.readers()).isEqualTo("public");
    assertThat(stream.cameras()).extracting(WallCamera::name).containsExactly("lobby", "gate", "dock", "new");
    assertThat(stream.cameras()).extracting(WallCamera::state).containsExactly(CameraState.PUBLISHING,
        CameraState.STALLED, CameraState.OFFLINE, CameraState.UNKNOWN);

    WallCamera lobby = stream.cameras().get(0);
    assertThat(lobby.since()).isEqualTo("2026-11-25T05:27:15Z");
    assertThat(lobby.bitrateKbps()).isEqualTo(2007L);
    assertThat(lobby.codec()).isEqualTo("H264");
    assertThat(lobby.width()).isEqualTo(1280);
    assertThat(lobby.readers()).isEqualTo(2);
    assertThat(lobby.hlsPath()).isEqualTo("hls/cameras/site/lobby/index.m3u8");
    assertThat(lobby.urls().rtsp()).isEqualTo("rtsp://site-mediamtx.cameras.svc:8554/lobby");
    assertThat(lobby.whepPath()).as("WebRTC signalling through the wall").isEqualTo("whep/cameras/site/lobby");
    assertThat(stream.cameras().get(1).since()).as("from the message").isEqualTo("2026-11-25T05:39:22Z");
    assertThat(stream.cameras().get(2).since()).isEqualTo("2026-11-25T05:41:09Z");
    assertThat(stream.cameras().get(3).message()).isEqualTo("no status reported yet");
    WallCamera gate = stream.cameras().get(1);
    assertThat(gate.readers()).as("live, whatever the state").isEqualTo(1);
    assertThat(gate.bitrateKbps()).as("only while publishing").isNull();
    assertThat(stream.cameras().get(2).readers()).as("nothing measured").isNull();

    JsonNode json = JSON.readTree(JSON.writeValueAsString(WallModel.of(List.of(site), TRAFFIC)));
    JsonNode camera = json.at("/streams/0/cameras/0");
    assertThat(camera.path("state").asText()).isEqualTo("publishing");
    assertThat(camera.path("stateLabel").asText()).isEqualTo("Publishing");
    assertThat(camera.path("bitrateKbps").asLong()).isEqualTo(2007);
    assertThat(json.at("/streams/0/cameras/1/state").asText()).isEqualTo("stalled");
    assertThat(json.at("/streams/0/cameras/3").has("bitrateKbps")).as("absent, not null").isFalse();
  }

  @Test
  void readersWithCredentialsAreNotProxied() {
    CameraStream site = site();
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    site.getSpec().setMediamtx(mediamtx);
    WallStream stream = WallModel.of(List.of(site), LiveTraffic.NONE).streams().get(0);
    assertThat(stream.readers()).isEqualTo("authenticated");
    assertThat(stream.cameras()).extracting(WallCamera::hlsPath).containsOnlyNulls();
    assertThat(stream.cameras()).extracting(WallCamera::whepPath).containsOnlyNulls();
    assertThat(stream.cameras().get(0).urls().hls()).as("its URLs are still shown")
        .isEqualTo("http://site-mediamtx.cameras.svc:8888/lobby");
  }

  @Test
  void carriesNoSpecFieldThatCouldHoldASecret() throws Exception {
    CameraStream site = site();
    site.getSpec().getCameras().get(0).getSource().setUrl("rtsp://admin:hunter2@10.0.0.5:554/stream1");
    site.getSpec().getCameras().get(1).getSource().setUrl("rtsp://10.0.0.6/stream?token=s3cr3t-token");
    String json = JSON.writeValueAsString(WallModel.of(List.of(site), LiveTraffic.NONE));
    assertThat(json).doesNotContain("hunter2").doesNotContain("s3cr3t-token").doesNotContain("10.0.0.")
        .doesNotContain("source");
  }

  @Test
  void aCameraStreamWithoutStatusYetIsPending() {
    CameraStream fresh = CameraStreams.of("cameras", "fresh", CameraStreams.testPattern("lobby"));
    Wall wall = WallModel.of(List.of(fresh), LiveTraffic.NONE);
    assertThat(wall.streams().get(0).ready()).isNull();
    assertThat(wall.streams().get(0).readyCameras()).isNull();
    assertThat(wall.streams().get(0).cameras().get(0).state()).isEqualTo(CameraState.UNKNOWN);
  }

  @Test
  void confirmingAndUnknownAreNeitherPublishingNorOffline() {
    CameraStatus confirming = new CameraStatus();
    confirming.setPublishing(false);
    confirming.setMessage("online since 2026-11-25T05:27:15Z; confirming media flow at the next poll");
    assertThat(CameraState.of(confirming)).isEqualTo(CameraState.CONFIRMING);
    CameraStatus unknown = new CameraStatus();
    unknown.setMessage("push health unknown since 2026-11-25T05:27:15Z: MediaMTX control API unreachable");
    assertThat(CameraState.of(unknown)).isEqualTo(CameraState.UNKNOWN);
  }

  static CameraStream site() {
    CameraStream site = CameraStreams.of("cameras", "site", CameraStreams.testPattern("lobby"),
        CameraStreams.testPattern("gate"), CameraStreams.testPattern("dock"), CameraStreams.testPattern("new"));
    CameraStreamStatus status = new CameraStreamStatus();
    status.setReadyCameras("1/4");
    status.getConditions().add(new ConditionBuilder().withType("Ready").withStatus("False").withReason("Stalled")
        .withMessage("1/4 cameras publishing").build());
    CameraStatus lobby = camera("lobby", true, "publishing since 2026-11-25T05:27:15Z");
    lobby.setPublishingSince("2026-11-25T05:27:15Z");
    lobby.setCodec("H264");
    lobby.setWidth(1280);
    lobby.setHeight(720);
    status.getCameras().add(lobby);
    status.getCameras().add(camera("gate", false, "stalled since 2026-11-25T05:39:22Z: online since "
        + "2026-11-25T05:27:15Z but MediaMTX received no media between the last two polls"));
    status.getCameras().add(camera("dock", false, "not publishing since 2026-11-25T05:41:09Z: MediaMTX has no "
        + "publisher on path \"dock\""));
    site.setStatus(status);
    return site;
  }

  private static CameraStatus camera(String name, boolean publishing, String message) {
    CameraStatus camera = new CameraStatus();
    camera.setName(name);
    camera.setPublishing(publishing);
    camera.setMessage(message);
    camera.setUrls(new CameraUrls("http://site-mediamtx.cameras.svc:8889/" + name,
        "http://site-mediamtx.cameras.svc:8888/" + name, "rtsp://site-mediamtx.cameras.svc:8554/" + name));
    return camera;
  }
}
