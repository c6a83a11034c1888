package io.camstream.operator.ui.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A camera's WebRTC, HLS and RTSP addresses, as its status reports them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WallUrls(String webrtc, String hls, String rtsp) {
}
