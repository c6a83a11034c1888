package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.testing.CameraStreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Least privilege as MediaMTX would enforce it, read from the generated mediamtx.yml through a model of
 * MediaMTX's internal authentication: who may publish, read, call the API, scrape metrics.
 */
class MediaMtxPermissionsTest {
  private static final List<String> ACTIONS = List.of("publish", "read", "playback", "api", "metrics", "pprof");
  private static final List<String> CAMERAS = List.of("lobby", "door");
  private static final List<String> FOREIGN_PATHS = List.of("", "other", "lobby2", "lobb", "lobby/x", "~.*",
      "site-lobby");

  private final PasswordGenerator passwords = PasswordGenerator.secureRandom();

  private DesiredState desired(ReaderAccess readers) {
    CameraStream cameraStream = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"),
        CameraStreams.testPattern("door"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(readers);
    cameraStream.getSpec().setMediamtx(mediamtx);
    return DesiredState.of(cameraStream, OperatorDefaults.standard(), Map.of(), passwords);
  }

  private static MediaMtxAuthModel model(DesiredState desired) {
    return MediaMtxAuthModel.of(desired.mediaMtxYaml());
  }

  @Test
  void onlyThePublisherPublishesAndOnlyToThisResourcesCameraPaths() {
    DesiredState desired = desired(ReaderAccess.PUBLIC);
    MediaMtxAuthModel model = model(desired);
    MediaMtxCredentials.User publisher = desired.credentials().publisher();
    for (String camera : CAMERAS) {
      assertThat(model.may(publisher.username(), publisher.password(), "publish", camera)).isTrue();
      assertThat(model.anonymousMay("publish", camera)).isFalse();
      assertThat(model.may(publisher.username(), publisher.password() + "x", "publish", camera)).isFalse();
      assertThat(model.may(publisher.username(), "", "publish", camera)).isFalse();
      MediaMtxCredentials.User api = desired.credentials().api();
      assertThat(model.may(api.username(), api.password(), "publish", camera)).as("API user").isFalse();
    }
    for (String path : FOREIGN_PATHS) {
      assertThat(model.may(publisher.username(), publisher.password(), "publish", path)).as(path).isFalse();
    }
    assertThat(model.may(publisher.username(), publisher.password(), "api", "")).isFalse();
  }

  @Test
  void onlyTheApiUserUsesTheApi() {
    DesiredState desired = desired(ReaderAccess.AUTHENTICATED);
    MediaMtxAuthModel model = model(desired);
    MediaMtxCredentials.User api = desired.credentials().api();
    MediaMtxCredentials.User reader = desired.credentials().reader().orElseThrow();
    MediaMtxCredentials.User publisher = desired.credentials().publisher();
    assertThat(model.may(api.username(), api.password(), "api", "")).isTrue();
    assertThat(model.anonymousMay("api", "")).isFalse();
    assertThat(model.may(api.username(), publisher.password(), "api", "")).isFalse();
    assertThat(model.may(reader.username(), reader.password(), "api", "")).isFalse();
    assertThat(model.may(publisher.username(), publisher.password(), "api", "")).isFalse();
  }

  @Test
  void publicReadersNeedNoCredentialsButOnlyForTheCameraPaths() {
    MediaMtxAuthModel model = model(desired(ReaderAccess.PUBLIC));
    for (String camera : CAMERAS) {
      assertThat(model.anonymousMay("read", camera)).isTrue();
    }
    for (String path : FOREIGN_PATHS) {
      assertThat(model.anonymousMay("read", path)).as(path).isFalse();
    }
  }

  @Test
  void authenticatedReadersReallyNeedTheReaderCredentials() {
    DesiredState desired = desired(ReaderAccess.AUTHENTICATED);
    MediaMtxAuthModel model = model(desired);
    MediaMtxCredentials.User reader = desired.credentials().reader().orElseThrow();
    for (String camera : CAMERAS) {
      assertThat(model.anonymousMay("read", camera)).isFalse();
      assertThat(model.may(reader.username(), reader.password(), "read", camera)).isTrue();
      assertThat(model.may(reader.username(), "wrong", "read", camera)).isFalse();
      assertThat(model.may("someone", reader.password(), "read", camera)).isFalse();
      assertThat(model.may(reader.username(), reader.password(), "publish", camera)).isFalse();
    }
    for (String path : FOREIGN_PATHS) {
      assertThat(model.may(reader.username(), reader.password(), "read", path)).as(path).isFalse();
    }
    assertThat(desired(ReaderAccess.PUBLIC).credentials().reader()).as("no reader user when public").isEmpty();
  }

  @Test
  void metricsAreReadableByTheScraperWithoutCredentials() {
    for (ReaderAccess readers : ReaderAccess.values()) {
      assertThat(model(desired(readers)).anonymousMay("metrics", "")).isTrue();
    }
  }

  /** Recordings need exactly the rights the live stream needs: public, or the reader user. */
  @Test
  void playbackOfRecordingsFollowsReaders() {
    for (ReaderAccess readers : ReaderAccess.values()) {
      DesiredState desired = recorded(readers);
      MediaMtxAuthModel model = model(desired);
      MediaMtxCredentials.User publisher = desired.credentials().publisher();
      MediaMtxCredentials.User api = desired.credentials().api();
      for (String camera : CAMERAS) {
        assertThat(model.anonymousMay("playback", camera)).as("%s anonymous", readers)
            .isEqualTo(model.anonymousMay("read", camera)).isEqualTo(readers == ReaderAccess.PUBLIC);
        desired.credentials().reader().ifPresent(reader -> {
          assertThat(model.may(reader.username(), reader.password(), "playback", camera)).isTrue();
          assertThat(model.may(reader.username(), "wrong", "playback", camera)).isFalse();
        });
        if (readers == ReaderAccess.AUTHENTICATED) {
          assertThat(model.may(publisher.username(), publisher.password(), "playback", camera)).isFalse();
          assertThat(model.may(api.username(), api.password(), "playback", camera)).isFalse();
        }
      }
      // a camera removed from the spec keeps its recordings until retention: any camera-shaped name may be played
      // back (the volume holds this CameraStream's recordings only); nothing else
      assertThat(model.anonymousMay("playback", "removed-camera")).isEqualTo(readers == ReaderAccess.PUBLIC);
      for (String path : List.of("", "lobby/x", "~.*", "../lobby", "Lobby")) {
        assertThat(model.anonymousMay("playback", path)).as(path).isFalse();
        desired.credentials().reader().ifPresent(reader ->
            assertThat(model.may(reader.username(), reader.password(), "playback", path)).as(path).isFalse());
      }
    }
  }

  private DesiredState recorded(ReaderAccess readers) {
    CameraStream cameraStream = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"),
        CameraStreams.pulled("door", "rtsp://cam/s"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(readers);
    cameraStream.getSpec().setMediamtx(mediamtx);
    cameraStream.getSpec().setRecording(CameraStreams.recording("10Gi",
        io.camstream.operator.api.spec.ReclaimPolicy.RETAIN));
    return DesiredState.of(cameraStream, OperatorDefaults.standard(), Map.of(), passwords);
  }

  @Test
  void nobodyGetsPprofOrPlaybackWithoutRecordingAndNoUserHasAWildcard() {
    for (ReaderAccess readers : ReaderAccess.values()) {
      DesiredState desired = desired(readers);
      MediaMtxAuthModel model = model(desired);
      List<MediaMtxCredentials.User> all = new java.util.ArrayList<>(List.of(desired.credentials().publisher(),
          desired.credentials().api()));
      desired.credentials().reader().ifPresent(all::add);
      for (MediaMtxCredentials.User user : all) {
        assertThat(model.may(user.username(), user.password(), "pprof", "")).isFalse();
        assertThat(model.may(user.username(), user.password(), "playback", "lobby")).isFalse();
      }
      assertThat(model.anonymousMay("pprof", "")).isFalse();
      for (MediaMtxAuthModel.User user : model.users()) {
        assertThat(user.ips()).as("no IP-based back door (MediaMTX's default localhost admin)").isEmpty();
        for (MediaMtxAuthModel.Permission p : user.permissions()) {
          assertThat(p.action()).isIn(ACTIONS);
          if (List.of("publish", "read").contains(p.action())) {
            assertThat(p.path()).as("%s of %s", p.action(), user.user()).isIn(CAMERAS);
          }
        }
      }
    }
  }

  @Test
  void configHoldsOnlyHashedPasswords() {
    DesiredState desired = desired(ReaderAccess.AUTHENTICATED);
    String yaml = desired.mediaMtxYaml();
    MediaMtxAuthModel model = MediaMtxAuthModel.of(yaml);
    for (MediaMtxAuthModel.User user : model.users()) {
      if ("any".equals(user.user())) {
        assertThat(user.pass()).isEmpty();
      } else {
        assertThat(user.pass()).matches("^sha256:[A-Za-z0-9+/]{43}=$");
      }
    }
    for (String password : List.of(desired.credentials().publisher().password(),
        desired.credentials().api().password(), desired.credentials().reader().orElseThrow().password())) {
      assertThat(yaml).doesNotContain(password);
      assertThat(desired.configSecret().toString()).doesNotContain(password);
    }
    assertThat(model.config().get("rtspAuthMethods")).as("hashed credentials need Basic auth on RTSP")
        .isIn(null, List.of("basic"));
  }
}
