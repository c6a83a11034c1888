package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaMtxDeploymentBuilderTest {
  private static final OperatorDefaults DEFAULTS = OperatorDefaults.standard();

  @Test
  void oneReplicaOfThePinnedImageReadingTheConfigDirectory() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Deployment deployment = MediaMtxDeploymentBuilder.build(site, DEFAULTS);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(deployment.getMetadata().getName()).isEqualTo("site-mediamtx");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(container.getImage()).isEqualTo("bluenviron/mediamtx:1.20.1");
    assertThat(container.getArgs()).containsExactly("/config/mediamtx.yml");
    assertThat(container.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/config"))
        .singleElement().satisfies(mount -> {
          assertThat(mount.getSubPath()).as("subPath mounts are never refreshed").isNull();
          assertThat(mount.getReadOnly()).isTrue();
        });
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getSecret() != null).singleElement().satisfies(v -> {
          assertThat(v.getSecret().getSecretName()).isEqualTo("site-mediamtx-config");
          assertThat(v.getSecret().getItems()).as("items would pin file names; the directory is what reloads")
              .isNullOrEmpty();
        });
    assertThat(container.getReadinessProbe().getTcpSocket()).isNotNull();
    assertThat(container.getLivenessProbe().getTcpSocket()).isNotNull();
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getPorts()).extracting(p -> p.getContainerPort() + "/" + p.getProtocol())
        .containsExactlyInAnyOrder("8554/TCP", "8888/TCP", "8889/TCP", "8189/UDP", "8189/TCP", "9997/TCP", "9998/TCP");
  }

  /**
   * MediaMTX's RTSP server logs an INFO line on every connection open and close; its HTTP servers (HLS, API, metrics)
   * log requests at debug level only. Probes must hit the quiet ones, or every probe writes two lines.
   */
  @Test
  void probesConnectOnlyToMediaMtxsQuietHttpListeners() {
    Container container = MediaMtxDeploymentBuilder.build(CameraStreams.of("ns", "site", testPattern("lobby")),
        OperatorDefaults.standard()).getSpec().getTemplate().getSpec().getContainers().get(0);
    for (var probe : java.util.List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
      assertThat(probe.getExec()).isNull();
      int port = probe.getTcpSocket() != null ? probe.getTcpSocket().getPort().getIntVal()
          : probe.getHttpGet().getPort().getIntVal();
      assertThat(port).isNotEqualTo(MediaMtxPorts.RTSP).isIn(MediaMtxPorts.HLS, MediaMtxPorts.API,
          MediaMtxPorts.METRICS);
    }
    assertThat(container.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(MediaMtxPorts.HLS);
  }

  @Test
  void thePodTemplateDoesNotDependOnCamerasOrAccessSettings() {
    CameraStream one = CameraStreams.of("ns", "site", testPattern("lobby"));
    CameraStream three = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern("garage"),
        testPattern("dock"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    mediamtx.setWebrtcAdditionalHosts(List.of("192.0.2.1"));
    three.getSpec().setMediamtx(mediamtx);
    assertThat(MediaMtxDeploymentBuilder.build(three, DEFAULTS)).isEqualTo(MediaMtxDeploymentBuilder.build(one, DEFAULTS));
    assertThat(MediaMtxDeploymentBuilder.build(three, DEFAULTS).getSpec().getTemplate().getMetadata()
        .getAnnotations()).isNullOrEmpty();
  }

  @Test
  void pulledCamerasAndPerCameraRecordingLeaveThePodTemplateAlone() {
    CameraStream pushed = CameraStreams.of("ns", "site", testPattern("lobby"));
    CameraStream pulled = CameraStreams.of("ns", "site", testPattern("lobby"),
        CameraStreams.pulledWithSecret("gate", "rtsp://cam/s", "gate-cam"));
    assertThat(MediaMtxDeploymentBuilder.build(pulled, DEFAULTS)).isEqualTo(MediaMtxDeploymentBuilder.build(pushed,
        DEFAULTS));

    pushed.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    pulled.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    pulled.getSpec().getRecording().setEnabled(false);
    pulled.getSpec().getCameras().get(1).setRecord(true);
    pulled.getSpec().getRecording().setRetention("72h");
    assertThat(MediaMtxDeploymentBuilder.build(pulled, DEFAULTS)).isEqualTo(MediaMtxDeploymentBuilder.build(pushed,
        DEFAULTS));
  }

  @Test
  void recordingMountsTheClaimAndOpensThePlaybackPort() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.DELETE));
    Deployment deployment = MediaMtxDeploymentBuilder.build(site, DEFAULTS);
    var pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getStrategy().getType()).as("never two pods on one ReadWriteOnce volume")
        .isEqualTo("Recreate");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement()
        .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("site-recordings"));
    assertThat(container.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/recordings")).singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE));
    assertThat(container.getPorts()).filteredOn(p -> p.getContainerPort() == 9996).singleElement()
        .satisfies(p -> assertThat(p.getName()).isEqualTo("playback"));
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(PodSecurity.USER_ID);
    assertThat(pod.getSecurityContext().getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
    assertThat(MediaMtxServiceBuilder.build(site).getSpec().getPorts()).filteredOn(p -> p.getPort() == 9996)
        .singleElement().satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("playback"));

    CameraStream without = CameraStreams.of("ns", "site", testPattern("lobby"));
    assertThat(MediaMtxDeploymentBuilder.build(without, DEFAULTS).getSpec().getTemplate().getSpec().getVolumes())
        .noneMatch(v -> v.getPersistentVolumeClaim() != null);
    assertThat(MediaMtxServiceBuilder.build(without).getSpec().getPorts()).noneMatch(p -> p.getPort() == 9996);
  }

  /** A claim that cannot bind is not mounted: the pod would wait for it, and every camera with it. */
  @Test
  void recordingWithTheClaimNotMountedRunsWithoutItAndKeepsThePlaybackPort() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.DELETE));
    var pod = MediaMtxDeploymentBuilder.build(site, DEFAULTS, false).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).noneMatch(v -> v.getPersistentVolumeClaim() != null);
    assertThat(pod.getContainers().get(0).getVolumeMounts()).noneMatch(m -> m.getMountPath().equals("/recordings"));
    assertThat(pod.getSecurityContext().getFsGroupChangePolicy()).isNull();
    assertThat(pod.getContainers().get(0).getPorts()).anyMatch(p -> p.getContainerPort() == 9996);
    assertThat(MediaMtxDeploymentBuilder.build(site, DEFAULTS, true)).isEqualTo(MediaMtxDeploymentBuilder.build(
        site, DEFAULTS));
  }

  @Test
  void theImageCanBeOverriddenPerStream() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setImage("registry.example.com/mediamtx:1.20.1");
    site.getSpec().setMediamtx(mediamtx);
    assertThat(MediaMtxDeploymentBuilder.build(site, DEFAULTS).getSpec().getTemplate().getSpec().getContainers()
        .get(0).getImage()).isEqualTo("registry.example.com/mediamtx:1.20.1");
  }

  @Test
  void theViewerServiceCarriesOnlyViewerPortsWithTheRequestedType() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Service clusterIp = MediaMtxServiceBuilder.build(site);
    assertThat(clusterIp.getMetadata().getName()).isEqualTo("site-mediamtx");
    assertThat(clusterIp.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(clusterIp.getSpec().getPorts()).extracting(p -> p.getPort() + "/" + p.getProtocol())
        .containsExactlyInAnyOrder("8554/TCP", "8888/TCP", "8889/TCP", "8189/UDP", "8189/TCP");
    assertThat(clusterIp.getSpec().getSelector())
        .isEqualTo(MediaMtxDeploymentBuilder.build(site, DEFAULTS).getSpec().getSelector().getMatchLabels());
    assertTargetsAreContainerPorts(clusterIp);

    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setServiceType(ServiceType.LOAD_BALANCER);
    site.getSpec().setMediamtx(mediamtx);
    Service loadBalancer = MediaMtxServiceBuilder.build(site);
    assertThat(loadBalancer.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(loadBalancer.getSpec().getPorts()).extracting(ServicePort::getPort)
        .as("a public load balancer never carries the control API or metrics").doesNotContain(9997, 9998);
  }

  @Test
  void theControlApiAndMetricsAreOnlyOnAClusterIpInternalService() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    for (ServiceType type : ServiceType.values()) {
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setServiceType(type);
      site.getSpec().setMediamtx(mediamtx);
      Service internal = MediaMtxInternalServiceBuilder.build(site);
      assertThat(internal.getMetadata().getName()).isEqualTo("site-mediamtx-internal");
      assertThat(internal.getSpec().getType()).as("with serviceType %s", type).isEqualTo("ClusterIP");
      assertThat(internal.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort() + "/" + p.getProtocol())
          .containsExactlyInAnyOrder("api:9997/TCP", "metrics:9998/TCP");
      assertThat(internal.getSpec().getSelector())
          .isEqualTo(MediaMtxDeploymentBuilder.build(site, DEFAULTS).getSpec().getSelector().getMatchLabels());
      assertTargetsAreContainerPorts(internal);
    }
  }

  /** Target ports are the container's named ports, so a Service and the container can never drift apart. */
  private static void assertTargetsAreContainerPorts(Service service) {
    List<String> containerPorts = MediaMtxDeploymentBuilder.ports(CameraStreams.of("ns", "site", testPattern("lobby")))
        .stream().map(p -> p.getName()).toList();
    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getTargetPort)
        .allSatisfy(target -> assertThat(containerPorts).contains(target.getStrVal()));
  }

  @Test
  void webrtcNodePortIsTheIcePortEverywhereUdpAndTcp() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setServiceType(ServiceType.NODE_PORT);
    mediamtx.setWebrtcNodePort(31189);
    site.getSpec().setMediamtx(mediamtx);

    Service service = MediaMtxServiceBuilder.build(site);
    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getPorts()).filteredOn(p -> p.getNodePort() != null)
        .extracting(p -> p.getName() + " " + p.getPort() + "/" + p.getProtocol() + " node " + p.getNodePort())
        .containsExactlyInAnyOrder("webrtc-ice-udp 31189/UDP node 31189", "webrtc-ice-tcp 31189/TCP node 31189");
    // Every other node port is the API server's to allocate; the API and metrics are on no node port at all.
    assertThat(service.getSpec().getPorts()).filteredOn(p -> p.getNodePort() == null).extracting(ServicePort::getName)
        .containsExactlyInAnyOrder("rtsp", "hls", "webrtc");

    Container container = MediaMtxDeploymentBuilder.build(site, DEFAULTS).getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    assertThat(container.getPorts()).filteredOn(p -> p.getName().startsWith("webrtc-ice"))
        .extracting(p -> p.getName() + " " + p.getContainerPort() + "/" + p.getProtocol())
        .containsExactlyInAnyOrder("webrtc-ice-udp 31189/UDP", "webrtc-ice-tcp 31189/TCP");
    // What the Service forwards to (by name) is what MediaMTX listens on (by number, in its config).
    var config = MediaMtxConfigBuilder.build(site, MediaMtxConfigBuilderTest.CREDENTIALS);
    assertThat(config).containsEntry("webrtcLocalUDPAddress", ":31189").containsEntry("webrtcLocalTCPAddress", ":31189");

    var policy = MediaMtxNetworkPolicyBuilder.build(site, NetworkPolicySettings.defaults());
    assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts())
        .extracting(p -> p.getPort().getIntVal() + "/" + p.getProtocol())
        .contains("31189/UDP", "31189/TCP").doesNotContain("8189/UDP", "8189/TCP");
  }

  @Test
  void aLoadBalancerCanPinTheIceNodePortToo() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setServiceType(ServiceType.LOAD_BALANCER);
    mediamtx.setWebrtcNodePort(30100);
    site.getSpec().setMediamtx(mediamtx);
    assertThat(MediaMtxServiceBuilder.build(site).getSpec().getPorts()).filteredOn(p -> p.getNodePort() != null)
        .extracting(p -> p.getPort() + "/" + p.getProtocol() + ":" + p.getNodePort())
        .containsExactlyInAnyOrder("30100/UDP:30100", "30100/TCP:30100");
  }

  @Test
  void theNetworkPolicyOpensTheApiOnlyToTheOperator() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    var policy = MediaMtxNetworkPolicyBuilder.build(site, NetworkPolicySettings.defaults());
    assertThat(policy.getMetadata().getName()).isEqualTo("site-mediamtx");
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(MediaMtxDeploymentBuilder.build(site, DEFAULTS).getSpec().getSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress()).filteredOn(rule -> rule.getPorts().stream()
        .anyMatch(p -> p.getPort().getIntVal() == MediaMtxPorts.API)).singleElement().satisfies(rule -> {
          assertThat(rule.getPorts()).hasSize(1);
          assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector()
              .getMatchLabels()).isEqualTo(NetworkPolicySettings.DEFAULT_OPERATOR_POD_LABELS));
        });
  }
}
