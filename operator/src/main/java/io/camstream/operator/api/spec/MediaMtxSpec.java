package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Size;
import java.util.List;

public class MediaMtxSpec {
  @Size(max = 512)
  private String image;

  private ServiceType serviceType = ServiceType.CLUSTER_IP;

  /** Addresses browsers use to reach the WebRTC port, added to MediaMTX's ICE candidates. */
  @Size(max = 16)
  private List<String> webrtcAdditionalHosts;

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
