package io.camstream.operator.mediamtx.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiFailureTextTest {

  @Test
  void namesTheHostAndPortButNeverTheUserInfo() {
    assertThat(ApiFailureText.hostOf(URI.create("http://api:secret@site-mediamtx-internal:9997/v3/paths/list")))
        .isEqualTo("site-mediamtx-internal:9997");
    assertThat(ApiFailureText.hostOf(URI.create("https://mediamtx.example.com/v3"))).isEqualTo("mediamtx.example.com");
  }

  @Test
  void quotesMediaMtxsOwnErrorTextBounded() {
    assertThat(ApiFailureText.serverErrorSuffix("{\"status\":\"error\",\"error\":\" path not found \"}"))
        .isEqualTo(": path not found");
    String suffix = ApiFailureText.serverErrorSuffix("{\"status\":\"error\",\"error\":\"" + "x".repeat(5000) + "\"}");
    assertThat(suffix).hasSize(2 + 200 + 1).endsWith("…");
  }

  @Test
  void anythingButMediaMtxsErrorSchemaAddsNothing() {
    assertThat(ApiFailureText.serverErrorSuffix(null)).isEmpty();
    assertThat(ApiFailureText.serverErrorSuffix("  ")).isEmpty();
    assertThat(ApiFailureText.serverErrorSuffix("<html>bad gateway</html>")).isEmpty();
    assertThat(ApiFailureText.serverErrorSuffix("{\"status\":\"error\",\"error\":\"\"}")).isEmpty();
  }
}
