package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a camera's streamer does with its audio; the streamer gets the value as CAMSTREAM_AUDIO. Browsers play Opus
 * and G.711 over WebRTC, AAC and Opus over LL-HLS; RTSP readers take anything. A camera MediaMTX pulls itself
 * ({@code mode: pull}) has no streamer: MediaMTX passes its audio through as it is, so only {@code auto} and
 * {@code copy} mean anything there.
 */
public enum AudioMode {
  /** Opus and 8 kHz mono G.711 copied, AAC and everything else transcoded to Opus 48 kHz. */
  @JsonProperty("auto")
  AUTO("auto"),
  /** The camera's audio as it is. */
  @JsonProperty("copy")
  COPY("copy"),
  /** Opus for every reader: G.711 transcoded too (LL-HLS plays no G.711). */
  @JsonProperty("opus")
  OPUS("opus"),
  /** Video only. */
  @JsonProperty("off")
  OFF("off");

  private final String value;

  AudioMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** Whether MediaMTX, pulling the camera itself, does this (it passes audio through, it never transcodes). */
  public boolean pullable() {
    return this == AUTO || this == COPY;
  }

  /** The camera's audio mode, {@code auto} when unset. */
  public static AudioMode of(CameraSpec camera) {
    return camera.getAudio() == null ? AUTO : camera.getAudio();
  }
}
