package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.operator.desired.PasswordGenerator;
import org.junit.jupiter.api.Test;

class MediaMtxPasswordHashTest {

  /** Reference values: python3 -c "import hashlib,base64; print(base64.b64encode(hashlib.sha256(b'...').digest()))". */
  @Test
  void hashIsSha256Base64AsMediaMtxComputesIt() {
    assertThat(MediaMtxPasswordHash.sha256("password"))
        .isEqualTo("sha256:XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg=");
    assertThat(MediaMtxPasswordHash.sha256("p\u00e4ssw\u00f6rd"))
        .isEqualTo("sha256:RpcL73Cs7YEj8NXQlHF+KlzUEgQeA7JjdgSf5lsoNKQ=");
  }

  /** MediaMTX refuses a sha256 credential that does not match ^sha256:[a-zA-Z0-9\+/=]+$ (conf.Credential). */
  @Test
  void hashOfAGeneratedPasswordHasTheFormMediaMtxValidates() {
    PasswordGenerator generator = PasswordGenerator.secureRandom();
    for (int i = 0; i < 1000; i++) {
      String password = generator.next();
      String hash = MediaMtxPasswordHash.sha256(password);
      assertThat(hash).matches("^sha256:[a-zA-Z0-9+/=]+$").doesNotContain(password);
      assertThat(MediaMtxPasswordHash.isHashed(hash)).isTrue();
      assertThat(MediaMtxPasswordHash.matches(hash, password)).isTrue();
      assertThat(MediaMtxPasswordHash.matches(hash, password + "x")).isFalse();
    }
  }

  @Test
  void hashIsDeterministicSoTheConfigMapIsStable() {
    assertThat(MediaMtxPasswordHash.sha256("same")).isEqualTo(MediaMtxPasswordHash.sha256("same"));
  }

  @Test
  void emptyPasswordIsRefusedWithoutEchoingAnything() {
    assertThatThrownBy(() -> MediaMtxPasswordHash.sha256("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MediaMtxPasswordHash.sha256(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(MediaMtxPasswordHash.matches("sha256:XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg=", "")).isFalse();
    assertThat(MediaMtxPasswordHash.matches("password", "password")).as("clear text is not a hash").isFalse();
  }

  @Test
  void clearTextIsNotMistakenForAHash() {
    assertThat(MediaMtxPasswordHash.isHashed("hunter2")).isFalse();
    assertThat(MediaMtxPasswordHash.isHashed("argon2:$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA")).isTrue();
  }
}
