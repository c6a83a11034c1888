package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.camera;
import static io.camstream.operator.testing.CameraStreams.pulled;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.webrtc.WebRtcSettings;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A reconcile whose inputs did not change matches by the hashes remembered from the last build, building nothing;
 * any change of what the desired state is built from builds it again.
 */
class DesiredStateMemoTest {
  private final MediaMtxCredentials credentials = CredentialsResolver.resolve(site(), Map.of(),
      PasswordGenerator.secureRandom());
  private final DesiredStateMemo memo = new DesiredStateMemo((namespace, name) -> true);

  private static CameraStream site() {
    CameraStream site = CameraStreams.of("cameras", "site", camera("lobby", "rtsp://10.0.0.1:554/lobby"),
        camera("gate", "rtsp://10.0.0.2:554/gate"), pulled("yard", "rtsp://10.0.0.3:554/yard"));
    site.getMetadata().setUid("0b6b0a55-uid");
    site.getMetadata().setResourceVersion("100");
    return site;
  }

  private DesiredStateInputs inputs(CameraStream cameraStream) {
    return inputs(cameraStream, credentials, RecordingsVolumeUse.AS_SPECIFIED);
  }

  private static DesiredStateInputs inputs(CameraStream cameraStream, MediaMtxCredentials credentials,
      RecordingsVolumeUse recordings) {
    return DesiredStateInputs.of(cameraStream, OperatorDefaults.standard(), credentials,
        WebRtcSettings.fromSpec(cameraStream), Map.of(), Map.of(), recordings);
  }

  private LazyDesiredState builtOnce(CameraStream cameraStream) {
    LazyDesiredState first = memo.desire(cameraStream, inputs(cameraStream));
    first.state();
    return first;
  }

  @Test
  void equalInputsGiveTheHashesOfTheLastBuildWithoutBuilding() {
    LazyDesiredState first = builtOnce(site());

    // the next reconcile: the status and resourceVersion moved, nothing the desired state is built from did
    CameraStream later = site();
    later.getMetadata().setResourceVersion("205");
    later.setStatus(new CameraStreamStatus());
    LazyDesiredState second = memo.desire(later, inputs(later));

    assertThat(second.hashes()).isEqualTo(first.hashes());
    assertThat(second.isBuilt()).isFalse();
    assertThat(second.paths()).isEqualTo(first.state().paths());
    assertThat(second.credentials()).isEqualTo(credentials);
  }

  @Test
  void theHashesAreThoseTheBuiltObjectsAreStampedWith() {
    LazyDesiredState desired = builtOnce(site());
    DesiredState state = desired.state();

    assertThat(desired.hashes().streamers()).containsExactly("site-lobby", "site-gate");
    state.all().forEach(object -> assertThat(desired.hashes().of(object))
        .contains(DesiredStateHash.stamped(object)));
    assertThat(desired.hashes().of(state.streamers().get("lobby")))
        .isNotEqualTo(desired.hashes().of(state.streamers().get("gate")));
    // built again from equal inputs: the same bytes, the same hashes (the memo relies on it)
    assertThat(DesiredHashes.of(inputs(site()).build(site()))).isEqualTo(desired.hashes());
  }

  @Test
  void anyChangedInputBuildsAgain() {
    builtOnce(site());

    assertRebuilt(site -> {
      site.getSpec().getCameras().get(0).getSource().setUrl("rtsp://10.0.0.9:554/lobby");
      return site;
    });
    assertRebuilt(site -> {
      site.getMetadata().setLabels(Map.of("team", "security"));
      return site;
    });
    assertRebuilt(site -> {
      site.getMetadata().setUid("another-uid");
      return site;
    });
    CameraStream site = site();
    assertThat(buildsForHashes(memo.desire(site, inputs(site, CredentialsResolver.resolve(site, Map.of(),
        PasswordGenerator.secureRandom()), RecordingsVolumeUse.AS_SPECIFIED)))).isTrue();
    site.getSpec().setRecording(CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN));
    assertThat(buildsForHashes(memo.desire(site, inputs(site, credentials,
        new RecordingsVolumeUse(false, Optional.empty()))))).isTrue();
  }

  private void assertRebuilt(UnaryOperator<CameraStream> change) {
    CameraStream changed = change.apply(site());
    LazyDesiredState desired = memo.desire(changed, inputs(changed));
    assertThat(buildsForHashes(desired)).as("hashes after a change come from a new build").isTrue();
    // and the memo now holds the changed state's hashes: asked again with the original, it builds once more
    builtOnce(site());
  }

  @Test
  void theCameraStreamsNoLongerWatchedAreForgottenOnlyOnceTheMemoHasGrown() {
    DesiredStateMemo forgetful = new DesiredStateMemo((namespace, name) -> name.startsWith("kept-"));
    for (int i = 0; i < 32; i++) {
      remember(forgetful, "kept-" + i);
      remember(forgetful, "gone-" + i);
    }
    assertThat(forgetful.size()).as("nothing dropped while 64 or fewer are remembered").isEqualTo(64);

    remember(forgetful, "gone-32");
    assertThat(forgetful.size()).as("past 64, those no longer watched are dropped").isEqualTo(32);
    assertThat(buildsForHashes(forgetful.desire(site("kept-0"), inputs(site("kept-0"))))).isFalse();
    assertThat(buildsForHashes(forgetful.desire(site("gone-0"), inputs(site("gone-0"))))).isTrue();

    // the next pruning waits until the memo has doubled past what it kept, plus 64: not one scan per reconcile
    for (int i = 100; i < 190; i++) {
      remember(forgetful, "gone-" + i);
    }
    assertThat(forgetful.size()).isEqualTo(32 + 1 + 90);
  }

  private static CameraStream site(String name) {
    return CameraStreams.of("cameras", name, camera("lobby", "rtsp://10.0.0.1:554/lobby"));
  }

  private void remember(DesiredStateMemo memo, String name) {
    CameraStream site = site(name);
    memo.desire(site, inputs(site)).state();
  }

  private static boolean buildsForHashes(LazyDesiredState desired) {
    desired.hashes();
    return desired.isBuilt();
  }

  @Test
  void theInputsNeverShowTheirCredentials() {
    assertThat(inputs(site()).toString()).startsWith("DesiredStateInputs[")
        .doesNotContain(credentials.publisher().password(), credentials.api().password());
  }
}
