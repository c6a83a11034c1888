package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

public class MediaMtxSpec {
  /** A DNS name, an IPv4 address or an IPv6 address (at least one colon); nothing MediaMTX would misparse. */
  public static final String HOST_PATTERN =
      "^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*|[0-9a-fA-F.]*:[0-9a-fA-F:.]*)$";
  public static final int HOST_MAX_LENGTH = 253;
  public static final int MAX_ADDITIONAL_HOSTS = 16;

  @Pattern(ContainerImage.PATTERN)
  @Size(min = 1, max = ContainerImage.MAX_LENGTH)
  private String image;

  private ServiceType serviceType = ServiceType.CLUSTER_IP;

  /** Addresses browsers use to reach the WebRTC port, added to MediaMTX's ICE candidates. */
  @Size(max = MAX_ADDITIONAL_HOSTS)
  private List<@Pattern(HOST_PATTERN) @Size(min = 1, max = HOST_MAX_LENGTH) String> webrtcAdditionalHosts;

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
}
