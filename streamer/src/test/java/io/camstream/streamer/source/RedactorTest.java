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

    /** FFmpeg may echo a URL it built, where the password only appears percent-encoded and not as user-info. */
    @Test
    void masksThePercentEncodedFormOutsideUserInfo() {
        Redactor redactor = Redactor.forSecrets("p@ss w/rd");
        assertThat(redactor.redact("GET http://cam/snapshot?auth=p%40ss%20w%2Frd returned 401"))
                .isEqualTo("GET http://cam/snapshot?auth=*** returned 401");
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() {
        Redactor redactor = Redactor.forSecrets("abc", "abcdef");
        assertThat(redactor.redact("token abcdef, key abc")).isEqualTo("token ***, key ***");
    }

    /** An unset or blank password must not turn every space of a log line into the mask. */
    @Test
    void blankSecretsMaskNothing() {
        String line = "Connection to rtsp://cam.local/s failed: Connection refused";
        assertThat(Redactor.forSecrets(null, "", " ", "\t").redact(line)).isEqualTo(line);
        assertThat(Redactor.forSecrets(null, "", " ").redact(null)).isNull();
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
