package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void masksUserInfoOfEveryUrl() {
        String text = "Could not open 'rtsp://admin:s3cret@10.0.0.5:554/stream' then 'rtsps://u@h/x' and http://h/y";
        assertThat(SecretRedactor.none().redact(text)).isEqualTo(
                "Could not open 'rtsp://***@10.0.0.5:554/stream' then 'rtsps://***@h/x' and http://h/y");
    }

    @Test
    void masksKnownSecretsAnywhereAlsoPercentEncoded() {
        SecretRedactor redactor = new SecretRedactor(List.of("p@ss word/1", "short"));
        assertThat(redactor.redact("password p@ss word/1 or p%40ss%20word%2F1; short; shorter"))
                .isEqualTo("password *** or ***; ***; ***er");
    }

    @Test
    void nullAndEmptySecretsAreIgnored() {
        SecretRedactor redactor = new SecretRedactor(java.util.Arrays.asList(null, "", "x1y2"));
        assertThat(redactor.redact(null)).isEmpty();
        assertThat(redactor.redact("a x1y2 b")).isEqualTo("a *** b");
    }
}
