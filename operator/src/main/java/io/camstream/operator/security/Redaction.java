package io.camstream.operator.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes strings that may carry credentials safe for logs, events, status and exception messages. A source URL may
 * hold {@code user:password@} (the CRD allows it when no credentialsSecretRef is given), so any URL that leaves
 * the operator as text goes through {@link #url(String)}.
 */
public final class Redaction {
  public static final String MASK = "***";
  /** scheme://userinfo@, up to the last @ of the authority: a password with an unencoded @ is masked whole. */
  private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#\\s]*)@");

  private Redaction() {
  }

  /** The URL with its userinfo replaced: {@code rtsp://***@cam/s}; null stays null. */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    Matcher matcher = USERINFO.matcher(url);
    return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
  }

  /** {@code text} with every occurrence of each secret replaced by the mask (for messages built from input). */
  public static String secrets(String text, Iterable<String> secrets) {
    if (text == null) {
      return null;
    }
    String result = url(text);
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }
}
