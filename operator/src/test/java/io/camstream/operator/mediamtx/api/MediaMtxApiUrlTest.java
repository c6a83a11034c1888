package io.camstream.operator.mediamtx.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaMtxApiUrlTest {

  @Test
  void defaultReachesTheInClusterService() {
    assertThat(MediaMtxApiUrl.resolve(null, "site", "ns")).hasToString("http://site-mediamtx-internal.ns.svc:9997");
  }

  @Test
  void templateFillsNameAndNamespace() {
    assertThat(MediaMtxApiUrl.resolve("http://127.0.0.1:19997/{namespace}/{name}", "site", "video"))
        .hasToString("http://127.0.0.1:19997/video/site");
  }

  @Test
  void rejectsNonHttpAndCredentialsInTheUrl() {
    assertThatThrownBy(() -> MediaMtxApiUrl.resolve("ftp://{name}:9997", "site", "ns"))
        .hasMessageContaining("CAMSTREAM_MEDIAMTX_API_URL");
    assertThatThrownBy(() -> MediaMtxApiUrl.resolve("http://user:pw@{name}:9997", "site", "ns"))
        .hasMessageContaining("must not carry credentials").hasMessageNotContaining("pw@");
  }
}
