package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksPasswordsInUrlsButKeepsTheRest() {
        String text = "Cannot open rtsp://admin:hunter2@10.0.0.5:554/Streaming/101 and rtmp://u:p@x/y";
        assertThat(Redactor.urlsOnly().redact(text))
                .isEqualTo("Cannot open rtsp://admin:***@10.0.0.5:554/Streaming/101 and rtmp://u:***@x/y");
    }

    @Test
    void masksKnownSecretsAnywhereAlsoPercentEncoded() {
        Redactor redactor = Redactor.forSecrets("p@ss:w/rd");
        assertThat(redactor.redact("auth p@ss:w/rd failed; url rtsp://u:p%40ss%3Aw%2Frd@h/x"))
                .doesNotContain("p@ss:w/rd").doesNotContain("p%40ss%3Aw%2Frd");
    }

    @Test
    void masksSecretQueryParameters() {
        assertThat(Redactor.urlsOnly().redact("srt://h:9000?streamid=cam&passphrase=verysecret1&latency=20"))
                .isEqualTo("srt://h:9000?streamid=cam&passphrase=***&latency=20");
    }

    @Test
    void injectedCredentialsAreEncodedAndReplaceExistingOnes() {
        Credentials credentials = new Credentials("op", "a@b:c/d");
        assertThat(credentials.injectInto("rtsp://old:old@cam:554/s?x=1")).isEqualTo("rtsp://op:a%40b%3Ac%2Fd@cam:554/s?x=1");
        assertThat(credentials.toString()).doesNotContain("a@b:c/d");
        assertThat(Credentials.of(null, "")).isEqualTo(Optional.empty());
    }
}
