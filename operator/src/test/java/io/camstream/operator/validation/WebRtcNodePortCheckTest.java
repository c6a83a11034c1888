package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxServiceBuilder;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebRtcNodePortCheckTest {

  @Test
  void anotherCameraStreamsServiceHoldingThePortBlocksWithReasonNamingFieldAndResource() {
    CameraStream mine = claiming("cams", "mine", 31189, "2024-05-01T00:00:00Z");
    CameraStream theirs = claiming("other", "theirs", 31189, "2024-06-01T00:00:00Z");
    var problem = WebRtcNodePortCheck.check(mine, List.of(MediaMtxServiceBuilder.build(theirs)), List.of(mine, theirs));
    assertThat(problem).get().satisfies(p -> {
      assertThat(p.reason()).isEqualTo("NodePortInUse");
      assertThat(p.message()).contains("spec.mediamtx.webrtcNodePort", "31189", "Service other/theirs-mediamtx",
          "CameraStream other/theirs");
    });
  }

  @Test
  void anAllocatedNodePortOfAnyCamstreamServiceCountsToo() {
    CameraStream mine = claiming("cams", "mine", 30888, "2024-05-01T00:00:00Z");
    Service theirs = MediaMtxServiceBuilder.build(CameraStreams.of("other", "theirs", testPattern("a")));
    theirs.getMetadata().setLabels(Labels.mediaMtx(CameraStreams.of("other", "theirs", testPattern("a"))));
    theirs.getSpec().getPorts().get(1).setNodePort(30888);
    assertThat(WebRtcNodePortCheck.check(mine, List.of(theirs), List.of(mine))).get()
        .satisfies(p -> assertThat(p.message()).contains("Service other/theirs-mediamtx"));
  }

  @Test
  void theHolderKeepsItsPortEvenAgainstAnOlderClaim() {
    CameraStream older = claiming("a", "older", 31189, "2024-01-01T00:00:00Z");
    CameraStream holder = claiming("b", "holder", 31189, "2024-02-01T00:00:00Z");
    List<Service> services = List.of(MediaMtxServiceBuilder.build(holder));
    assertThat(WebRtcNodePortCheck.check(holder, services, List.of(older, holder))).isEmpty();
    assertThat(WebRtcNodePortCheck.check(older, services, List.of(older, holder))).get()
        .satisfies(p -> assertThat(p.message()).contains("Service b/holder-mediamtx"));
  }

  @Test
  void betweenClaimsNotYetAppliedTheOlderCameraStreamWins() {
    CameraStream older = claiming("a", "older", 31189, "2024-01-01T00:00:00Z");
    CameraStream newer = claiming("b", "newer", 31189, "2024-02-01T00:00:00Z");
    assertThat(WebRtcNodePortCheck.check(older, List.of(), List.of(older, newer))).isEmpty();
    assertThat(WebRtcNodePortCheck.check(newer, List.of(), List.of(older, newer))).get()
        .satisfies(p -> assertThat(p.message()).contains("CameraStream a/older", "Service a/older-mediamtx"));
  }

  /** Only the API server's refusal of this very port is NodePortInUse; any other failure keeps the error policy. */
  @Test
  void theApiServersRefusalOfTheClaimedPortIsNodePortInUse() {
    CameraStream mine = claiming("cams", "mine", 31189, "2024-05-01T00:00:00Z");
    var refused = new AggregatedOperatorException("workflow failed", Map.of("mediamtx-service",
        rejection(422, "Service \"mine-mediamtx\" is invalid: spec.ports[3].nodePort: Invalid value: 31189: provided"
            + " port is already allocated")));
    assertThat(WebRtcNodePortCheck.refusedByApiServer(mine, refused)).get().satisfies(p -> {
      assertThat(p.reason()).isEqualTo("NodePortInUse");
      assertThat(p.message()).contains("spec.mediamtx.webrtcNodePort", "31189", "Service cams/mine-mediamtx");
    });

    assertThat(WebRtcNodePortCheck.refusedByApiServer(mine, rejection(422, "Service \"mine-mediamtx\" is invalid:"
        + " spec.ports[0].nodePort: Invalid value: 31190: provided port is already allocated"))).isEmpty();
    assertThat(WebRtcNodePortCheck.refusedByApiServer(mine, rejection(409, "Invalid value: 31189: provided port is"
        + " already allocated"))).isEmpty();
    assertThat(WebRtcNodePortCheck.refusedByApiServer(mine, new IllegalStateException("boom"))).isEmpty();
    CameraStream unclaimed = CameraStreams.of("cams", "plain", testPattern("a"));
    assertThat(WebRtcNodePortCheck.refusedByApiServer(unclaimed, refused)).isEmpty();
  }

  private static KubernetesClientException rejection(int code, String message) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Test
  void differentPortsOrNoClaimPass() {
    CameraStream mine = claiming("a", "mine", 31189, "2024-02-01T00:00:00Z");
    CameraStream other = claiming("a", "other", 31190, "2024-01-01T00:00:00Z");
    CameraStream none = CameraStreams.of("a", "none", testPattern("x"));
    assertThat(WebRtcNodePortCheck.check(mine, List.of(MediaMtxServiceBuilder.build(other)), List.of(mine, other)))
        .isEmpty();
    assertThat(WebRtcNodePortCheck.check(none, List.of(MediaMtxServiceBuilder.build(mine)), List.of(mine, none)))
        .isEmpty();
  }

  private static CameraStream claiming(String namespace, String name, int port, String created) {
    CameraStream cs = CameraStreams.of(namespace, name, testPattern("lobby"));
    cs.getMetadata().setCreationTimestamp(created);
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setServiceType(ServiceType.NODE_PORT);
    mediamtx.setWebrtcNodePort(port);
    cs.getSpec().setMediamtx(mediamtx);
    return cs;
  }
}
