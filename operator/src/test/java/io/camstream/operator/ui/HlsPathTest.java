package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HlsPathTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "index.m3u8", "video1_stream.m3u8", "audio2_stream.m3u8", "main_stream.m3u8",
      "5f0c1a2b3c4d_video1_init.mp4", "5f0c1a2b3c4d_video1_seg17.mp4", "5f0c1a2b3c4d_main_seg3.ts",
      "5f0c1a2b3c4d_video1_part120.mp4", "5f0c1a2b3c4d_audio2_part9.mp4"})
  void acceptsTheFileNamesMediaMtxServes(String file) {
    HlsPath path = HlsPath.parse("/hls/cameras/site/lobby/" + file, null).orElseThrow();
    assertThat(path.namespace()).isEqualTo("cameras");
    assertThat(path.name()).isEqualTo("site");
    assertThat(path.camera()).isEqualTo("lobby");
    assertThat(path.file()).isEqualTo(file);
    assertThat(path.upstreamPath()).isEqualTo("/lobby/" + file);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/hls/cameras/site/lobby/", "/hls/cameras/site/lobby", "/hls/cameras/site/index.m3u8",
      "/hls/cameras/site/lobby/extra/index.m3u8", "/hls/cameras/site/../lobby/index.m3u8",
      "/hls/cameras/site/lobby/../index.m3u8", "/hls/cameras/site/lobby/%2e%2e%2findex.m3u8",
      "/hls/cameras/site/lob%62y/index.m3u8", "/hls/cameras/site/lobby/index.m3u8/",
      "/hls/cameras//lobby/index.m3u8", "/hls/Cameras/site/lobby/index.m3u8", "/hls/cameras/Site/lobby/index.m3u8",
      "/hls/cameras/site/-lobby/index.m3u8", "/hls/cameras/1site/lobby/index.m3u8",
      "/hls/cameras/site/lobby/index.html", "/hls/cameras/site/lobby/hls.min.js", "/hls/cameras/site/lobby/whep",
      "/hls/cameras/site/lobby/video1_stream.m3u8.bak", "/hls/cameras/site/lobby/stream.m3u8",
      "/hls/cameras/site/lobby/5F0C1A2B3C4D_video1_init.mp4", "/hls/cameras/site/lobby/5f0c_video1_init.mp4",
      "/hls/cameras/site/lobby/5f0c1a2b3c4d_video1_part1.ts", "/hls/cameras/site/lobby/gap.mp4",
      "/hls/cameras/site/lobby\\index.m3u8", "/api/wall", "/", "/hls/"})
  void refusesAnythingElse(String rawPath) {
    assertThat(HlsPath.parse(rawPath, null)).as(rawPath).isEmpty();
  }

  @Test
  void refusesOverlongNames() {
    String label64 = "a".repeat(64);
    assertThat(HlsPath.parse("/hls/" + label64 + "/site/lobby/index.m3u8", null)).isEmpty();
    assertThat(HlsPath.parse("/hls/cameras/" + label64 + "/lobby/index.m3u8", null)).isEmpty();
    assertThat(HlsPath.parse("/hls/cameras/site/" + label64 + "/index.m3u8", null)).isEmpty();
    assertThat(HlsPath.parse("/hls/" + "a".repeat(63) + "/site/lobby/index.m3u8", null)).isPresent();
  }

  @Test
  void keepsOnlyTheLowLatencyDirectives() {
    HlsPath path = HlsPath.parse("/hls/cameras/site/lobby/video1_stream.m3u8",
        "_HLS_msn=42&_HLS_part=3&_HLS_skip=YES&jwt=stolen&u=http://evil/").orElseThrow();
    assertThat(path.query()).isEqualTo("_HLS_msn=42&_HLS_part=3&_HLS_skip=YES");
    assertThat(path.upstreamPath()).isEqualTo("/lobby/video1_stream.m3u8?_HLS_msn=42&_HLS_part=3&_HLS_skip=YES");
    assertThat(HlsPath.parse("/hls/cameras/site/lobby/index.m3u8", "foo=bar").orElseThrow().upstreamPath())
        .isEqualTo("/lobby/index.m3u8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"_HLS_msn=-1", "_HLS_msn=4x", "_HLS_part=", "_HLS_skip=no", "_HLS_msn=1%26a=b",
      "_HLS_msn=12345678901234567890"})
  void refusesMalformedDirectives(String query) {
    assertThat(HlsPath.parse("/hls/cameras/site/lobby/video1_stream.m3u8", query)).as(query).isEmpty();
  }
}
