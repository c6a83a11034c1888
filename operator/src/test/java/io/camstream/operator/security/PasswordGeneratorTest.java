package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {
  /** MediaMTX's accepted plain-credential characters (conf.Credential, rePlainCredential). */
  private static final String MEDIAMTX_PLAIN_CREDENTIAL = "^[a-zA-Z0-9!$()*+.;<=>\\[\\]^_\\-{}@#&]+$";
  /** RFC 3986 unreserved: safe in the userinfo of rtsp://user:pass@host without escaping. */
  private static final String URL_UNRESERVED = "^[A-Za-z0-9._~-]+$";

  private final PasswordGenerator generator = new PasswordGenerator();

  @Test
  void passwordsCarry256BitsInCharactersEveryConsumerAccepts() {
    for (int i = 0; i < 1000; i++) {
      String password = generator.newPassword();
      assertThat(password).matches(PasswordGenerator.PASSWORD_PATTERN).matches(MEDIAMTX_PLAIN_CREDENTIAL)
          .matches(URL_UNRESERVED).hasSize(43);
    }
  }

  @Test
  void passwordsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(generator.newPassword())).isTrue();
    }
  }

  /** Each of the 64 symbols appears at every position with roughly equal frequency: no biased or fixed chars. */
  @Test
  void charactersAreUniformlyDistributed() {
    int samples = 20_000;
    int[] counts = new int[128];
    for (int i = 0; i < samples; i++) {
      for (char c : generator.newPassword().substring(0, 42).toCharArray()) {
        counts[c]++;
      }
    }
    double expected = samples * 42 / 64.0;
    int symbols = 0;
    for (int count : counts) {
      if (count > 0) {
        symbols++;
        assertThat((double) count).isBetween(expected * 0.9, expected * 1.1);
      }
    }
    assertThat(symbols).isEqualTo(64);
  }
}
