package io.camstream.operator.ui;

import java.util.Locale;

/**
 * Who may see the camera wall ({@code CAMSTREAM_UI_ACCESS}).
 * <ul>
 *   <li>{@link #LOCAL}: a {@code kubectl port-forward} or a name of your own; requests must name the wall as
 *       {@code localhost}, {@code 127.0.0.1}, {@code [::1]} or a host in {@code CAMSTREAM_UI_ALLOWED_HOSTS}, so a web
 *       page that rebinds its own name to 127.0.0.1 is answered 421, never with the wall;</li>
 *   <li>{@link #PROXY}: behind an authenticating proxy, which names the user and groups in headers the wall trusts only
 *       from {@code CAMSTREAM_UI_TRUSTED_PROXIES}; each user sees the CameraStreams Kubernetes lets them {@code get};</li>
 *   <li>{@link #OPEN}: anyone who reaches the port sees every camera; chosen explicitly, and logged as a warning.</li>
 * </ul>
 */
public enum AccessMode {
  LOCAL, PROXY, OPEN;

  static AccessMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "local" -> LOCAL;
      case "proxy" -> PROXY;
      case "open" -> OPEN;
      default -> throw new IllegalArgumentException(value);
    };
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
