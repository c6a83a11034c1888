package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rtsp://admin:s3cret@10.0.0.5:554/s|rtsp://***@10.0.0.5:554/s",
      "rtsp://admin@cam/s|rtsp://***@cam/s",
      "rtsp://user:p@ss@cam/s|rtsp://***@cam/s",
      "rtsp://cam/s?token=a@b|rtsp://cam/s?token=a@b",
      "rtsp://cam/s|rtsp://cam/s",
      "testpattern|testpattern",
      "opening rtsp://a:b@x/1 failed, then rtsps://c:d@y/2|opening rtsp://***@x/1 failed, then rtsps://***@y/2"})
  void userInfoIsMasked(String in, String out) {
    assertThat(Redaction.url(in)).isEqualTo(out);
  }

  @Test
  void knownSecretsAreMaskedAnywhere() {
    assertThat(Redaction.secrets("auth failed for pw hunter2 (hunter2)", List.of("hunter2", "")))
        .isEqualTo("auth failed for pw *** (***)");
    assertThat(Redaction.url(null)).isNull();
  }
}
