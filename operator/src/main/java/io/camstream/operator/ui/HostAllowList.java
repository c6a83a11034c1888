package io.camstream.operator.ui;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names the wall answers to in {@code local} mode: the loopback names a port-forward is opened with, and those
 * configured. A browser always sends the name it resolved, so a page that rebinds its own name to 127.0.0.1 sends that
 * name, not one of these, and is refused (DNS rebinding).
 */
final class HostAllowList {
  private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> hosts = new LinkedHashSet<>(LOOPBACK);

  /** @param configured lower-case host names or bracketed IPv6 literals, without port */
  HostAllowList(List<String> configured) {
    hosts.addAll(configured);
  }

  /** @param host the host of a request (from {@code Host} or {@code :authority}), without port; null if none */
  boolean allows(String host) {
    return host != null && hosts.contains(normalize(host));
  }

  /** The host part of a {@code Host} header value: without the port, IPv6 kept in brackets. */
  static String hostOf(String hostHeader) {
    String value = hostHeader.trim();
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? value : value.substring(0, end + 1);
    }
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  List<String> names() {
    return List.copyOf(hosts);
  }

  private static String normalize(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.contains(":") && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    return name;
  }
}
