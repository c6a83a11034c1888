package io.camstream.operator.desired;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * What the operator fills in when a CameraStream leaves it out: images and resources; and who its
 * NetworkPolicy lets reach the media server's API and metrics.
 *
 * @param streamerImage used unless {@code spec.streamer.image} is set
 * @param mediaMtxImage used unless {@code spec.mediamtx.image} is set
 * @param streamerResources used unless a camera or {@code spec.streamer} sets resources
 * @param mediaMtxResources the media server's requests and limits
 * @param networkPolicy the operator's pods and the metrics scrapers, for NetworkPolicy {@code <name>-mediamtx}
 */
public record OperatorDefaults(String streamerImage, String mediaMtxImage, ResourceRequirements streamerResources,
    ResourceRequirements mediaMtxResources, NetworkPolicySettings networkPolicy) {
  public static final String STREAMER_IMAGE = "ghcr.io/camstream/camstream-streamer:0.1.0";
  public static final String MEDIAMTX_IMAGE = "bluenviron/mediamtx:1.20.1";

  public static OperatorDefaults standard() {
    return withImages(STREAMER_IMAGE, MEDIAMTX_IMAGE);
  }

  public static OperatorDefaults withImages(String streamerImage, String mediaMtxImage) {
    // A 720p30 H.264 transcode needs about one core; passthrough far less. Memory covers FFmpeg's buffers.
    ResourceRequirements streamer = new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("250m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("cpu", new Quantity("2"))
        .addToLimits("memory", new Quantity("768Mi"))
        .build();
    ResourceRequirements mediaMtx = new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("128Mi"))
        .addToLimits("cpu", new Quantity("2"))
        .addToLimits("memory", new Quantity("1Gi"))
        .build();
    return new OperatorDefaults(streamerImage, mediaMtxImage, streamer, mediaMtx, NetworkPolicySettings.defaults());
  }

  public OperatorDefaults withNetworkPolicy(NetworkPolicySettings settings) {
    return new OperatorDefaults(streamerImage, mediaMtxImage, streamerResources, mediaMtxResources, settings);
  }
}
