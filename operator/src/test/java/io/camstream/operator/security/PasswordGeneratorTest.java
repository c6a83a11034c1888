package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.desired.PasswordGenerator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {
  /** MediaMTX's accepted plain-credential characters (conf.Credential, rePlainCredential). */
  private static final String MEDIAMTX_PLAIN_CREDENTIAL = "^[a-zA-Z0-9!$()*+.;<=>\\[\\]^_\\-{}@#&]+$";
  /** RFC 3986 unreserved: safe in the userinfo of rtsp://user:pass@host without escaping. */
  private static final String URL_UNRESERVED = "^[A-Za-z0-9._~-]+$";

  private final PasswordGenerator generator = PasswordGenerator.secureRandom();

  /** 32 symbols of 62: about 190 bits, far beyond offline guessing even of an unsalted SHA-256. */
  @Test
  void passwordsAreLongAndUseOnlyCharactersEveryConsumerAccepts() {
    for (int i = 0; i < 1000; i++) {
      String password = generator.next();
      assertThat(password).hasSize(PasswordGenerator.LENGTH).matches("^[A-Za-z0-9]+$")
          .matches(MEDIAMTX_PLAIN_CREDENTIAL).matches(URL_UNRESERVED);
    }
    assertThat(PasswordGenerator.LENGTH * Math.log(62) / Math.log(2)).isGreaterThan(128);
  }

  @Test
  void passwordsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(generator.next())).isTrue();
    }
  }

  /** Each of the 62 symbols appears with roughly equal frequency: no biased or fixed characters. */
  @Test
  void charactersAreUniformlyDistributed() {
    int samples = 20_000;
    int[] counts = new int[128];
    for (int i = 0; i < samples; i++) {
      for (char c : generator.next().toCharArray()) {
        counts[c]++;
      }
    }
    double expected = samples * PasswordGenerator.LENGTH / 62.0;
    int symbols = 0;
    for (int count : counts) {
      if (count > 0) {
        symbols++;
        assertThat((double) count).isBetween(expected * 0.9, expected * 1.1);
      }
    }
    assertThat(symbols).isEqualTo(62);
  }
}
