package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@ValidationRule(value = MediaMtxSpec.NODE_PORT_NEEDS_NODE_PORTS,
    message = "webrtcNodePort needs serviceType NodePort or LoadBalancer: a ClusterIP Service has no node ports",
    reason = "FieldValueInvalid", fieldPath = ".webrtcNodePort")
@ValidationRule(value = MediaMtxSpec.NODE_ADDRESSES_NEED_NODE_PORT,
    message = "webrtcAnnounceNodeAddresses needs webrtcNodePort: browsers reach MediaMTX on the nodes only at the port"
        + " it listens on", reason = "FieldValueInvalid", fieldPath = ".webrtcAnnounceNodeAddresses")
public class MediaMtxSpec {
  /** A DNS name, an IPv4 address or an IPv6 address (at least one colon); nothing MediaMTX would misparse. */
  public static final String HOST_PATTERN =
      "^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*|[0-9a-fA-F.]*:[0-9a-fA-F:.]*)$";
  public static final int HOST_MAX_LENGTH = 253;
  public static final int MAX_ADDITIONAL_HOSTS = 16;
  /** Kubernetes' default node-port range ({@code --service-node-port-range}). */
  public static final int MIN_NODE_PORT = 30000;
  public static final int MAX_NODE_PORT = 32767;
  public static final int MAX_ICE_SERVERS = 8;
  static final String NODE_PORT_NEEDS_NODE_PORTS =
      "!has(self.webrtcNodePort) || (has(self.serviceType) && self.serviceType != 'ClusterIP')";
  static final String NODE_ADDRESSES_NEED_NODE_PORT =
      "!has(self.webrtcAnnounceNodeAddresses) || !self.webrtcAnnounceNodeAddresses || has(self.webrtcNodePort)";

  @Pattern(ContainerImage.PATTERN)
  @Size(min = 1, max = ContainerImage.MAX_LENGTH)
  private String image;

  private ServiceType serviceType = ServiceType.CLUSTER_IP;

  /** Addresses browsers use to reach the WebRTC port, added to MediaMTX's ICE candidates. */
  @Size(max = MAX_ADDITIONAL_HOSTS)
  private List<@Pattern(HOST_PATTERN) @Size(min = 1, max = HOST_MAX_LENGTH) String> webrtcAdditionalHosts;

  /**
   * MediaMTX's WebRTC ICE port (UDP and TCP), also the Service's node port for it: browsers reach a node at this
   * port, and MediaMTX announces the port it listens on, so both must be the same number.
   */
  @Min(MIN_NODE_PORT)
  @Max(MAX_NODE_PORT)
  private Integer webrtcNodePort;

  /** Announce every node's ExternalIP (else InternalIP) address to browsers, besides webrtcAdditionalHosts. */
  private Boolean webrtcAnnounceNodeAddresses;

  /** STUN and TURN servers for browsers that cannot reach MediaMTX directly. */
  @Size(max = MAX_ICE_SERVERS)
  private List<IceServerSpec> iceServers;

  private ReaderAccess readers = ReaderAccess.PUBLIC;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ServiceType getServiceType() {
    return serviceType;
  }

  public void setServiceType(ServiceType serviceType) {
    this.serviceType = serviceType;
  }

  public List<String> getWebrtcAdditionalHosts() {
    return webrtcAdditionalHosts;
  }

  public void setWebrtcAdditionalHosts(List<String> webrtcAdditionalHosts) {
    this.webrtcAdditionalHosts = webrtcAdditionalHosts;
  }

  public ReaderAccess getReaders() {
    return readers;
  }

  public void setReaders(ReaderAccess readers) {
    this.readers = readers;
  }

  public Integer getWebrtcNodePort() {
    return webrtcNodePort;
  }

  public void setWebrtcNodePort(Integer webrtcNodePort) {
    this.webrtcNodePort = webrtcNodePort;
  }

  public Boolean getWebrtcAnnounceNodeAddresses() {
    return webrtcAnnounceNodeAddresses;
  }

  public void setWebrtcAnnounceNodeAddresses(Boolean webrtcAnnounceNodeAddresses) {
    this.webrtcAnnounceNodeAddresses = webrtcAnnounceNodeAddresses;
  }


  public List<IceServerSpec> getIceServers() {
    return iceServers;
  }

  public void setIceServers(List<IceServerSpec> iceServers) {
    this.iceServers = iceServers;
  }
}
