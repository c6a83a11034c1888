package io.camstream.operator.webrtc;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.PortStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebRTC through NAT on the real operator: the test plays the cloud's load-balancer controller (setting the
 * Service's {@code status.loadBalancer}), the API server's node-port allocator and the nodes, and reads what
 * MediaMTX would be told (its config) and what users see (the status).
 */
class WebRtcExternalAccessOperatorTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();
  private static OperatorTestHarness harness;

  @BeforeAll
  static void start() {
    // Per-resource reconcile counters tell when the operator has handled an event that must change nothing.
    harness = OperatorTestHarness.builder()
        .configure(overrider -> overrider.withMetrics(
            MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(METRICS).build()))
        .start();
    harness.client().nodes().resource(node("node-a", "InternalIP", "10.0.0.1", "ExternalIP", "198.51.100.1"))
        .create();
    harness.client().nodes().resource(node("node-b", "InternalIP", "10.0.0.2")).create();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void theLoadBalancersAddressIsAnnouncedAndShownWithinOneReconcile() throws Exception {
    String ns = harness.newNamespace();
    harness.create(site(ns, "site", m -> {
      m.setServiceType(ServiceType.LOAD_BALANCER);
      m.setWebrtcAdditionalHosts(List.of("cams.example.com"));
    }));
    harness.awaitDeployment(ns, "site-mediamtx");
    CameraStream pending = harness.awaitCameraStream(ns, "site",
        cs -> "LoadBalancerPending".equals(reason(cs, "ExternalAddressAssigned")));
    assertThat(condition(pending, "ExternalAddressAssigned").getStatus()).isEqualTo("False");
    assertThat(pending.getStatus().getCameras().get(0).getUrls().getWebrtc())
        .as("no external URL before the load balancer has an address")
        .isEqualTo("http://site-mediamtx." + ns + ".svc:8889/lobby");
    assertThat(config(ns)).containsEntry("webrtcAdditionalHosts", List.of("cams.example.com"));

    setLoadBalancerIngress(ns, ip("203.0.113.7"), hostname("lb.example.net"));

    CameraStream assigned = harness.awaitCameraStream(ns, "site",
        cs -> "LoadBalancerAddressAssigned".equals(reason(cs, "ExternalAddressAssigned")));
    // The status is written after the workflow in the same reconcile: the config is already there.
    assertThat(config(ns)).containsEntry("webrtcAdditionalHosts",
        List.of("203.0.113.7", "cams.example.com", "lb.example.net"));
    assertThat(assigned.getStatus().getCameras().get(0).getUrls()).satisfies(urls -> {
      assertThat(urls.getWebrtc()).isEqualTo("http://lb.example.net:8889/lobby");
      assertThat(urls.getHls()).isEqualTo("http://lb.example.net:8888/lobby/index.m3u8");
      assertThat(urls.getRtsp()).isEqualTo("rtsp://lb.example.net:8554/lobby");
    });
    assertThat(condition(assigned, "ExternalAddressAssigned").getMessage()).contains("203.0.113.7",
        "lb.example.net");
  }

  /**
   * MediaMTX drops every WebRTC viewer when its announced hosts change: the same set, however the load balancer or
   * the user orders it and whatever else changes in the Service's status, must not touch the file.
   */
  @Test
  void theSameAddressesInAnotherOrderOrWithStatusNoiseWriteNothing() throws Exception {
    String ns = harness.newNamespace();
    harness.create(site(ns, "site", m -> {
      m.setServiceType(ServiceType.LOAD_BALANCER);
      m.setWebrtcAdditionalHosts(List.of("cams.example.com", "10.1.0.9"));
    }));
    harness.awaitDeployment(ns, "site-mediamtx");
    harness.awaitCameraStream(ns, "site", cs -> reason(cs, "ExternalAddressAssigned") != null);
    setLoadBalancerIngress(ns, ip("203.0.113.7"), ip("203.0.113.8"), hostname("lb.example.net"));
    harness.awaitCameraStream(ns, "site",
        cs -> "LoadBalancerAddressAssigned".equals(reason(cs, "ExternalAddressAssigned")));
    awaitQuiet(ns);
    String configVersion = configSecret(ns).getMetadata().getResourceVersion();
    String statusBefore = YAML.writeValueAsString(harness.get(ns, "site").getStatus());
    long mark = harness.server().requests().mark();
    double reconciles = reconciles(ns);

    // Reordered, one address twice, one host name in capitals: the same set.
    setLoadBalancerIngress(ns, hostname("LB.example.net"), ip("203.0.113.8"), ip("203.0.113.7"),
        ip("203.0.113.8"));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> reconciles(ns) > reconciles);
    awaitQuiet(ns);
    // Status noise: what a cloud controller adds besides the addresses (ipMode, ports, conditions).
    double reconcilesBeforeNoise = reconciles(ns);
    harness.client().services().inNamespace(ns).withName("site-mediamtx").editStatus(service -> {
      service.getStatus().getLoadBalancer().getIngress().forEach(ingress -> {
        ingress.setIpMode(ingress.getIp() == null ? null : "VIP");
        ingress.setPorts(List.of(new PortStatusBuilder().withPort(8189).withProtocol("UDP").build()));
      });
      service.getStatus().setConditions(List.of(new ConditionBuilder().withType("LoadBalancerProvisioned")
          .withStatus("True").withReason("Ready").withMessage("").withLastTransitionTime("2026-01-01T00:00:00Z")
          .build()));
      return service;
    });
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> reconciles(ns) > reconcilesBeforeNoise);
    awaitQuiet(ns);

    assertThat(configSecret(ns).getMetadata().getResourceVersion()).isEqualTo(configVersion);
    assertThat(harness.operatorRequestsSince(mark).writes().describe()).as("the operator's writes").isEmpty();
    assertThat(YAML.writeValueAsString(harness.get(ns, "site").getStatus())).isEqualTo(statusBefore);

    // The user's own list reordered (and in capitals): a new generation, the same file.
    harness.edit(ns, "site", cs -> cs.getSpec().getMediamtx().setWebrtcAdditionalHosts(
        List.of("10.1.0.9", "CAMS.example.com")));
    harness.awaitCameraStream(ns, "site", cs -> cs.getStatus().getObservedGeneration() != null
        && cs.getStatus().getObservedGeneration().equals(cs.getMetadata().getGeneration()));
    awaitQuiet(ns);
    assertThat(configSecret(ns).getMetadata().getResourceVersion()).isEqualTo(configVersion);
    assertThat(harness.operatorRequestsSince(mark).writes().filter(r -> !"camerastreams/status".equals(r.resource()))
        .describe()).as("the operator's writes but the observed generation").isEmpty();

    // A really new address is written at once.
    setLoadBalancerIngress(ns, ip("203.0.113.7"), ip("203.0.113.9"));
    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(config(ns))
        .containsEntry("webrtcAdditionalHosts", List.of("10.1.0.9", "203.0.113.7", "203.0.113.9",
            "cams.example.com")));
  }

  @Test
  void inNodePortModeTheServiceNodePortAndMediaMtxsIceListenerAgreeOnUdpAndTcp() throws Exception {
    String ns = harness.newNamespace();
    harness.create(site(ns, "site", m -> {
      m.setServiceType(ServiceType.NODE_PORT);
      m.setWebrtcNodePort(30555);
      m.setWebrtcAnnounceNodeAddresses(true);
    }));
    Deployment mediaMtx = harness.awaitDeployment(ns, "site-mediamtx");
    Service service = awaitService(ns, "site-mediamtx");
    Map<String, Object> config = config(ns);

    List<ContainerPort> containerPorts = mediaMtx.getSpec().getTemplate().getSpec().getContainers().get(0)
        .getPorts();
    List<String> ice = new ArrayList<>();
    for (ServicePort port : service.getSpec().getPorts()) {
      if (!port.getName().startsWith("webrtc-ice")) {
        continue;
      }
      ContainerPort target = containerPorts.stream().filter(c -> c.getName().equals(port.getTargetPort().getStrVal()))
          .findFirst().orElseThrow();
      String listener = (String) config.get("UDP".equals(port.getProtocol()) ? "webrtcLocalUDPAddress"
          : "webrtcLocalTCPAddress");
      assertThat(target.getProtocol()).isEqualTo(port.getProtocol());
      assertThat(port.getNodePort()).as("node port %s", port.getName()).isEqualTo(target.getContainerPort())
          .isEqualTo(Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1)));
      ice.add(port.getProtocol() + " " + port.getNodePort());
    }
    assertThat(ice).containsExactlyInAnyOrder("UDP 30555", "TCP 30555");
    assertThat(config).containsEntry("webrtcAdditionalHosts", List.of("10.0.0.2", "198.51.100.1"));

    // The API server allocated the other node ports; the status shows where outside browsers go.
    Map<String, Integer> allocated = new java.util.HashMap<>();
    service.getSpec().getPorts().forEach(port -> allocated.put(port.getName(), port.getNodePort()));
    assertThat(allocated).containsKeys("webrtc", "hls", "rtsp").doesNotContainValue(null);
    CameraStream reachable = harness.awaitCameraStream(ns, "site",
        cs -> "NodeAddressesAnnounced".equals(reason(cs, "ExternalAddressAssigned")));
    assertThat(reachable.getStatus().getCameras().get(0).getUrls()).satisfies(urls -> {
      assertThat(urls.getWebrtc()).isEqualTo("http://10.0.0.2:" + allocated.get("webrtc") + "/lobby");
      assertThat(urls.getHls()).isEqualTo("http://10.0.0.2:" + allocated.get("hls") + "/lobby/index.m3u8");
      assertThat(urls.getRtsp()).isEqualTo("rtsp://10.0.0.2:" + allocated.get("rtsp") + "/lobby");
    });
    assertThat(condition(reachable, "ExternalAddressAssigned").getMessage())
        .contains("HLS " + allocated.get("hls"), "30555");
    assertThat(awaitService(ns, "site-mediamtx").getSpec().getPorts())
        .filteredOn(p -> p.getName().startsWith("webrtc-ice")).extracting(ServicePort::getNodePort)
        .containsOnly(30555);

    // A node joins: its address is announced.
    harness.client().nodes().resource(node("node-" + ns, "ExternalIP", "198.51.100.77")).create();
    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(config(ns))
        .extracting(c -> c.get("webrtcAdditionalHosts")).asList().contains("198.51.100.77"));

    // Its kubelet's heartbeats (conditions, capacity) change no address: nothing is reconciled.
    awaitQuiet(ns);
    double reconciles = reconciles(ns);
    for (int beat = 0; beat < 3; beat++) {
      String time = "2026-01-01T00:00:0" + beat + "Z";
      String cpu = String.valueOf(4 + beat);
      harness.client().nodes().withName("node-" + ns).editStatus(node -> {
        node.getStatus().setConditions(List.of(new NodeConditionBuilder().withType("Ready").withStatus("True")
            .withLastHeartbeatTime(time).withLastTransitionTime("2026-01-01T00:00:00Z").build()));
        node.getStatus().setCapacity(Map.of("cpu", new Quantity(cpu)));
        return node;
      });
    }
    // A change that does reconcile, to know the heartbeats before it were handled.
    harness.client().nodes().resource(node("node-b-" + ns, "InternalIP", "10.0.0.99")).create();
    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(config(ns))
        .extracting(c -> c.get("webrtcAdditionalHosts")).asList().contains("10.0.0.99"));
    awaitQuiet(ns);
    assertThat(reconciles(ns)).as("reconciles: the new node's only").isEqualTo(reconciles + 1);
  }

  @Test
  void aNodePortAnotherCameraStreamHoldsStopsTheSecondBeforeAnythingIsWritten() {
    String ns = harness.newNamespace();
    harness.create(site(ns, "first", m -> {
      m.setServiceType(ServiceType.NODE_PORT);
      m.setWebrtcNodePort(30600);
    }));
    awaitService(ns, "first-mediamtx");
    harness.create(site(ns, "second", m -> {
      m.setServiceType(ServiceType.NODE_PORT);
      m.setWebrtcNodePort(30600);
    }));
    CameraStream blocked = harness.awaitCameraStream(ns, "second",
        cs -> "NodePortInUse".equals(reason(cs, "Ready")));
    assertThat(condition(blocked, "Ready").getMessage()).contains("spec.mediamtx.webrtcNodePort", "30600",
        "Service " + ns + "/first-mediamtx", "CameraStream " + ns + "/first");
    assertThat(harness.client().services().inNamespace(ns).withName("second-mediamtx").get()).isNull();
    assertThat(harness.client().secrets().inNamespace(ns).withName("second-mediamtx-config").get()).isNull();
    assertThat(harness.client().secrets().inNamespace(ns).withName("second-mediamtx-credentials").get()).isNull();
    assertThat(harness.deployment(ns, "second-mediamtx")).isNull();
    assertThat(harness.deployment(ns, "second-lobby")).isNull();

    harness.edit(ns, "second", cs -> cs.getSpec().getMediamtx().setWebrtcNodePort(30601));
    // The API server gives every port of a NodePort Service a node port; the ICE ports get the one asked for.
    assertThat(awaitService(ns, "second-mediamtx").getSpec().getPorts())
        .filteredOn(p -> p.getName().startsWith("webrtc-ice")).extracting(ServicePort::getNodePort)
        .containsOnly(30601);
  }

  /**
   * A node port another program's Service holds (which the operator does not see) is refused by the API server: the
   * Service is written before MediaMTX's config, so MediaMTX keeps listening on the port its Service still exposes,
   * and the status names the field at once.
   */
  @Test
  void aNodePortAForeignServiceHoldsIsReportedAndMediaMtxKeepsItsPort() throws Exception {
    String ns = harness.newNamespace();
    harness.create(site(ns, "site", m -> {
      m.setServiceType(ServiceType.NODE_PORT);
      m.setWebrtcNodePort(30700);
      m.setWebrtcAdditionalHosts(List.of("cams.example.com"));
    }));
    harness.awaitCameraStream(ns, "site", cs -> "HostsListed".equals(reason(cs, "ExternalAddressAssigned")));
    Service foreign = harness.client().services().inNamespace(ns).resource(new ServiceBuilder()
        .withNewMetadata().withName("turn-relay").endMetadata()
        .withNewSpec().withType("NodePort").addToSelector("app", "turn-relay")
          .addNewPort().withName("turn").withProtocol("UDP").withPort(3478).withNodePort(30701).endPort()
        .endSpec().build()).create();
    String configVersion = configSecret(ns).getMetadata().getResourceVersion();

    harness.edit(ns, "site", cs -> cs.getSpec().getMediamtx().setWebrtcNodePort(30701));

    CameraStream refused = harness.awaitCameraStream(ns, "site", cs -> "NodePortInUse".equals(reason(cs, "Ready")));
    assertThat(condition(refused, "Ready").getMessage()).contains("spec.mediamtx.webrtcNodePort", "30701",
        "Service " + ns + "/site-mediamtx");
    assertThat(configSecret(ns).getMetadata().getResourceVersion()).as("the config").isEqualTo(configVersion);
    assertThat(config(ns)).containsEntry("webrtcLocalUDPAddress", ":30700")
        .containsEntry("webrtcLocalTCPAddress", ":30700");
    assertThat(awaitService(ns, "site-mediamtx").getSpec().getPorts())
        .filteredOn(p -> p.getName().startsWith("webrtc-ice")).extracting(ServicePort::getNodePort)
        .containsOnly(30700);
    assertThat(harness.deployment(ns, "site-mediamtx").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getPorts()).extracting(ContainerPort::getContainerPort).contains(30700).doesNotContain(30701);

    // The other program lets go of the port; a retry or the next change takes it.
    harness.client().resource(foreign).delete();
    harness.edit(ns, "site", cs -> cs.getSpec().getMediamtx().setWebrtcAdditionalHosts(
        List.of("cams.example.com", "cams2.example.com")));
    await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(config(ns))
        .containsEntry("webrtcLocalUDPAddress", ":30701").containsEntry("webrtcLocalTCPAddress", ":30701"));
    assertThat(awaitService(ns, "site-mediamtx").getSpec().getPorts())
        .filteredOn(p -> p.getName().startsWith("webrtc-ice")).extracting(ServicePort::getNodePort)
        .containsOnly(30701);
    harness.awaitCameraStream(ns, "site", cs -> !"NodePortInUse".equals(reason(cs, "Ready")));
  }

  private static CameraStream site(String ns, String name, Consumer<MediaMtxSpec> mediamtx) {
    CameraStream site = CameraStreams.of(ns, name, testPattern("lobby"));
    MediaMtxSpec spec = new MediaMtxSpec();
    mediamtx.accept(spec);
    site.getSpec().setMediamtx(spec);
    return site;
  }

  private static Node node(String name, String... typeAndAddress) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().endStatus();
    for (int i = 0; i < typeAndAddress.length; i += 2) {
      node.editStatus().addNewAddress().withType(typeAndAddress[i]).withAddress(typeAndAddress[i + 1]).endAddress()
          .endStatus();
    }
    return node.build();
  }

  private static LoadBalancerIngress ip(String ip) {
    return new LoadBalancerIngressBuilder().withIp(ip).build();
  }

  private static LoadBalancerIngress hostname(String hostname) {
    return new LoadBalancerIngressBuilder().withHostname(hostname).build();
  }

  /** Plays the cloud controller: the load balancer's addresses, in its order. */
  private static void setLoadBalancerIngress(String ns, LoadBalancerIngress... ingress) {
    awaitService(ns, "site-mediamtx");
    harness.client().services().inNamespace(ns).withName("site-mediamtx").editStatus(service -> {
      service.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
          .withIngress(ingress).endLoadBalancer().build());
      return service;
    });
  }

  private static Service awaitService(String ns, String name) {
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        harness.client().services().inNamespace(ns).withName(name).get() != null);
    return harness.client().services().inNamespace(ns).withName(name).get();
  }

  /** The Secret holding the mediamtx.yml MediaMTX reads. */
  private static Secret configSecret(String ns) {
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get() != null);
    return harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(String ns) throws Exception {
    return YAML.readValue(MediaMtxConfigSecretBuilder.yaml(configSecret(ns)), Map.class);
  }

  private static double reconciles(String ns) {
    return METRICS.find("operator.sdk.reconciliations.success").tag("namespace", ns).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  /** Waits until the operator has stopped reconciling this namespace's CameraStream for a while. */
  private static void awaitQuiet(String ns) {
    double[] last = {-1};
    long[] since = {System.nanoTime()};
    await().atMost(OperatorTestHarness.TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
      double now = reconciles(ns);
      if (now != last[0]) {
        last[0] = now;
        since[0] = System.nanoTime();
        return false;
      }
      return System.nanoTime() - since[0] > TimeUnit.SECONDS.toNanos(2);
    });
  }

  private static Condition condition(CameraStream cs, String type) {
    return cs.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  private static String reason(CameraStream cs, String type) {
    if (cs.getStatus() == null || cs.getStatus().getConditions() == null) {
      return null;
    }
    return cs.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
        .map(Condition::getReason).orElse(null);
  }
}
