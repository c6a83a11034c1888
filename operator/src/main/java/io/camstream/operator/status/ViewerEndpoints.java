package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraUrls;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.ResourceNames;

/**
 * Where viewers reach one CameraStream's MediaMTX, one base URL per protocol; a camera's URL is the base plus
 * {@code /<camera>}, and for HLS its playlist {@code /<camera>/index.m3u8}: what players (VLC, ffplay, hls.js,
 * Safari) open — {@code /<camera>} is only MediaMTX's HTML page. In-cluster (the Service's DNS name) unless an
 * external address is known.
 */
public record ViewerEndpoints(String webrtc, String hls, String rtsp) {
  /** MediaMTX's HLS playlist of a path (its multivariant playlist; the media playlists are relative to it). */
  public static final String HLS_PLAYLIST = "index.m3u8";


  public static ViewerEndpoints inCluster(CameraStream cameraStream) {
    return at(ResourceNames.mediaMtxHost(cameraStream), MediaMtxPorts.WEBRTC, MediaMtxPorts.HLS, MediaMtxPorts.RTSP);
  }

  /** @param host a DNS name or an IP address; an IPv6 address is bracketed, as URLs need */
  public static ViewerEndpoints at(String host, int webrtcPort, int hlsPort, int rtspPort) {
    String authority = host.contains(":") ? "[" + host + "]" : host;
    return new ViewerEndpoints("http://" + authority + ":" + webrtcPort, "http://" + authority + ":" + hlsPort,
        "rtsp://" + authority + ":" + rtspPort);
  }

  public CameraUrls urls(String camera) {
    return new CameraUrls(webrtc + "/" + camera, hls + "/" + camera + "/" + HLS_PLAYLIST, rtsp + "/" + camera);
  }
}
