package io.camstream.operator.ui.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One tile: a camera's health and where to watch it. Only what {@code status} already shows and the camera's live
 * readers and bitrate, nothing from the spec but the camera's name (a source URL may carry credentials).
 *
 * @param since when the current state began (RFC 3339), when known
 * @param bitrateKbps what MediaMTX received between its last two polls, while publishing
 * @param readers the path's readers at the last poll
 * @param hlsPath the wall's proxy path of the camera's HLS playlist, relative to the page; absent when the proxy will
 *                not serve it (readers need credentials)
 * @param whepPath the wall's WHEP endpoint of the camera (signalling through the wall, media straight from MediaMTX),
 *                 relative to the page; absent like {@code hlsPath}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WallCamera(String name, CameraState state, String stateLabel, String since, String message,
    Long bitrateKbps, String codec, Integer width, Integer height, Integer readers, WallUrls urls, String hlsPath,
    String whepPath) {
}
