package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.MediaMtxCredentials.User;
import io.camstream.operator.testing.CameraStreams;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Usernames MediaMTX would refuse (and exit on, on a hot reload) are caught before the config is written. */
class MediaMtxCredentialsCheckTest {
  private static final CameraStream SITE = CameraStreams.of("ns", "site", testPattern("lobby"));

  @Test
  void usernamesInMediaMtxsCharactersPass() {
    assertThat(MediaMtxCredentialsCheck.check(SITE, users("camstream-publisher", "camstream-api", null))).isEmpty();
    assertThat(MediaMtxCredentialsCheck.check(SITE, users("pub!$()*+.;<=>[]^_-{}@#&", "API9", "viewer")))
        .as("every character MediaMTX allows").isEmpty();
    assertThat(MediaMtxCredentialsCheck.check(SITE, users("p".repeat(256), "api", null))).as("the longest").isEmpty();
  }

  @Test
  void aUsernameMediaMtxWouldRefuseNamesTheSecretKeyNeverTheValue() {
    assertInvalid(users("pub lisher", "api", null), "publisher-username", "pub lisher");
    assertInvalid(users("publisher", "api:x", null), "api-username", "api:x");
    assertInvalid(users("publisher", "api", "read/er"), "reader-username", "read/er");
    assertInvalid(users("", "api", null), "publisher-username", null);
    assertInvalid(users("p".repeat(257), "api", null), "publisher-username", "p".repeat(257));
  }

  @Test
  void theAnonymousUserCannotBeOneOfCamstreamsUsers() {
    assertThat(MediaMtxCredentialsCheck.check(SITE, users("publisher", "api", "any")))
        .singleElement().satisfies(problem -> {
          assertThat(problem.reason()).isEqualTo("InvalidCredentials");
          assertThat(problem.message()).startsWith(
              "Secret \"site-mediamtx-credentials\" key \"reader-username\": \"any\" is MediaMTX's anonymous user");
        });
    assertThat(MediaMtxCredentialsCheck.check(SITE, users("publisher", "api", "anyone"))).isEmpty();
  }

  @Test
  void everyUserNeedsItsOwnName() {
    assertThat(MediaMtxCredentialsCheck.check(SITE, users("cam", "api", "cam"))).singleElement().satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo("InvalidCredentials");
      assertThat(problem.message()).startsWith("Secret \"site-mediamtx-credentials\" key \"reader-username\" holds"
          + " the same username as key \"publisher-username\"");
    });
  }

  @Test
  void anHlsCdnSecretMediaMtxWouldRefuseNamesItsKeyNeverTheValue() {
    User publisher = new User("publisher", "secret-1");
    User api = new User("api", "secret-2");
    assertThat(MediaMtxCredentialsCheck.check(SITE, new MediaMtxCredentials(publisher, api, Optional.empty(),
        Optional.of("AbC123!$()*+.;<=>[]^_-{}@#&")))).isEmpty();
    for (String bad : new String[] {"cdn secret", "cdn:secret", "", "s".repeat(257), "caméra"}) {
      assertThat(MediaMtxCredentialsCheck.check(SITE, new MediaMtxCredentials(publisher, api, Optional.empty(),
          Optional.of(bad)))).as(bad).singleElement().satisfies(problem -> {
            assertThat(problem.reason()).isEqualTo("InvalidCredentials");
            assertThat(problem.message()).startsWith("Secret \"site-mediamtx-credentials\" key \"hls-cdn-secret\":"
                + " MediaMTX's hlsCDNSecret is 1 to 256 of letters, digits");
            if (!bad.isEmpty()) {
              assertThat(problem.message()).doesNotContain(bad);
            }
          });
    }
  }

  private static void assertInvalid(MediaMtxCredentials credentials, String key, String value) {
    assertThat(MediaMtxCredentialsCheck.check(SITE, credentials)).as(key).singleElement().satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo("InvalidCredentials");
      assertThat(problem.message()).startsWith("Secret \"site-mediamtx-credentials\" key \"" + key + "\": a MediaMTX"
          + " username is 1 to 256 of letters, digits");
      if (value != null) {
        assertThat(problem.message()).doesNotContain(value);
      }
    });
  }

  private static MediaMtxCredentials users(String publisher, String api, String reader) {
    return new MediaMtxCredentials(new User(publisher, "secret-1"), new User(api, "secret-2"),
        Optional.ofNullable(reader).map(name -> new User(name, "secret-3")));
  }
}
