package io.camstream.operator.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The address a request really comes from, for per-client limits. Behind an Ingress or another proxy every request
 * arrives from the proxy's few addresses, so counting by the connection's address would put every viewer behind it
 * into one client and the ninth page behind one Ingress pod would get no event stream. A proxy in
 * {@code CAMSTREAM_UI_TRUSTED_PROXIES} appends the address it saw to {@code X-Forwarded-For}; reading from the right,
 * the first address that is not a trusted proxy is the client. Anything else in the header is the client's own
 * word and counts for nothing; a request from an address that is not a trusted proxy is that address.
 */
final class ForwardedClient {
  static final String HEADER = "X-Forwarded-For";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ForwardedClient() {
  }

  /**
   * @param remote the connection's address, as Jetty reports it
   * @param forwardedFor every {@code X-Forwarded-For} header value, in the order received
   */
  static String address(String remote, List<String> forwardedFor, Predicate<InetAddress> trusted) {
    InetAddress current = literal(remote);
    if (current == null || !trusted.test(current)) {
      return remote;
    }
    String client = remote;
    for (int header = forwardedFor.size() - 1; header >= 0; header--) {
      String[] hops = forwardedFor.get(header).split(",");
      for (int hop = hops.length - 1; hop >= 0; hop--) {
        InetAddress address = literal(hops[hop].trim());
        if (address == null) {
          return client;
        }
        client = address.getHostAddress();
        if (!trusted.test(address)) {
          return client;
        }
      }
    }
    return client;
  }

  /** An IP address literal (IPv6 with or without brackets), never a name to resolve; null otherwise. */
  static InetAddress literal(String value) {
    try {
      if (IPV4.matcher(value).matches()) {
        byte[] octets = new byte[4];
        String[] parts = value.split("\\.");
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(parts[i]);
          if (octet > 255) {
            return null;
          }
          octets[i] = (byte) octet;
        }
        return InetAddress.getByAddress(octets);
      }
      String bare = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
      // with a colon the JDK parses an IPv6 literal or refuses it; it never asks DNS
      boolean ipv6 = bare.indexOf(':') >= 0
          && bare.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
      return ipv6 ? InetAddress.getByName(bare) : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
