package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void eitherPartAloneIsACredential() {
        assertThat(Credentials.of("viewer", null)).contains(new Credentials("viewer", ""));
        assertThat(Credentials.of(null, "token")).contains(new Credentials("", "token"));
        assertThat(Credentials.of("", "")).isEqualTo(Optional.empty());
        assertThat(Credentials.of(null, null)).isEqualTo(Optional.empty());
    }

    @Test
    void aUsernameWithoutPasswordGoesInWithoutColon() {
        assertThat(new Credentials("viewer", "").injectInto("rtsp://cam/s")).isEqualTo("rtsp://viewer@cam/s");
    }

    @Test
    void theAuthorityEndsAtPathQueryOrFragmentOrTheEnd() {
        Credentials credentials = new Credentials("u", "p");
        assertThat(credentials.injectInto("rtsp://cam:554")).isEqualTo("rtsp://u:p@cam:554");
        assertThat(credentials.injectInto("http://cam?snap=1")).isEqualTo("http://u:p@cam?snap=1");
        assertThat(credentials.injectInto("http://cam#live")).isEqualTo("http://u:p@cam#live");
        assertThat(credentials.injectInto("srt://cam:9000?streamid=a/b@c")).isEqualTo("srt://u:p@cam:9000?streamid=a/b@c");
    }

    @Test
    void needsASchemeAndHostUrl() {
        assertThatThrownBy(() -> new Credentials("u", "p").injectInto("/dev/video0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme://host");
    }

    @Test
    void printsTheUsernameButNeverThePassword() {
        assertThat(new Credentials("viewer", "hunter2")).hasToString("Credentials[username=viewer, password=***]");
        assertThat(new Credentials("viewer", "")).hasToString("Credentials[username=viewer, password=]");
    }
}
