package io.camstream.operator.desired;

import java.security.SecureRandom;

/**
 * Random passwords for the generated MediaMTX users. Alphanumeric only, so they are valid MediaMTX plain
 * credentials and need no escaping when the streamer puts them into an RTSP URL.
 */
@FunctionalInterface
public interface PasswordGenerator {
  int LENGTH = 32;

  String next();

  static PasswordGenerator secureRandom() {
    SecureRandom random = new SecureRandom();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    return () -> {
      StringBuilder password = new StringBuilder(LENGTH);
      for (int i = 0; i < LENGTH; i++) {
        password.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return password.toString();
    };
  }
}
