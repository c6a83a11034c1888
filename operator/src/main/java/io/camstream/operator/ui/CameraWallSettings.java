package io.camstream.operator.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The camera wall's settings, read from the operator's environment; a bad value fails start-up naming the variable.
 *
 * @param port where the wall is served ({@code CAMSTREAM_UI_PORT}); 0 turns the wall off
 * @param hlsUrlTemplate each CameraStream's MediaMTX HLS server, with {@code {name}} and {@code {namespace}}
 *                       ({@code CAMSTREAM_MEDIAMTX_HLS_URL}), in the style of {@code CAMSTREAM_MEDIAMTX_API_URL}
 * @param webrtcUrlTemplate each CameraStream's MediaMTX WebRTC (WHEP) server ({@code CAMSTREAM_MEDIAMTX_WEBRTC_URL})
 * @param access who may see what ({@code CAMSTREAM_UI_ACCESS} and the variables of {@link WallAccessSettings})
 * @param tls the wall's own certificate ({@code CAMSTREAM_UI_TLS_CERT}, {@code CAMSTREAM_UI_TLS_KEY}); empty for
 *            plain HTTP
 */
public record CameraWallSettings(int port, String hlsUrlTemplate, String webrtcUrlTemplate,
    WallAccessSettings access, Optional<WallTls> tls) {
  public static final String UI_PORT = "CAMSTREAM_UI_PORT";
  public static final String MEDIAMTX_HLS_URL = "CAMSTREAM_MEDIAMTX_HLS_URL";
  public static final String MEDIAMTX_WEBRTC_URL = "CAMSTREAM_MEDIAMTX_WEBRTC_URL";
  public static final String ACCESS = "CAMSTREAM_UI_ACCESS";
  public static final String ALLOWED_HOSTS = "CAMSTREAM_UI_ALLOWED_HOSTS";
  public static final String TRUSTED_PROXIES = "CAMSTREAM_UI_TRUSTED_PROXIES";
  public static final String USER_HEADER = "CAMSTREAM_UI_USER_HEADER";
  public static final String GROUPS_HEADER = "CAMSTREAM_UI_GROUPS_HEADER";
  public static final String TLS_CERT = "CAMSTREAM_UI_TLS_CERT";
  public static final String TLS_KEY = "CAMSTREAM_UI_TLS_KEY";
  public static final int DEFAULT_PORT = 8081;
  public static final String DEFAULT_HLS_URL = "http://{name}-mediamtx.{namespace}.svc:8888";
  public static final String DEFAULT_WEBRTC_URL = "http://{name}-mediamtx.{namespace}.svc:8889";

  private static final Pattern HOST_NAME = Pattern.compile(
      "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  /** RFC 9110 field-name token. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public static CameraWallSettings defaults() {
    return new CameraWallSettings(DEFAULT_PORT, DEFAULT_HLS_URL, DEFAULT_WEBRTC_URL, WallAccessSettings.local(),
        Optional.empty());
  }

  /** The wall in {@code local} mode, plain HTTP, with these MediaMTX servers (tests and local runs). */
  public static CameraWallSettings local(int port, String hlsUrlTemplate, String webrtcUrlTemplate) {
    return new CameraWallSettings(port, hlsUrlTemplate, webrtcUrlTemplate, WallAccessSettings.local(),
        Optional.empty());
  }

  public CameraWallSettings withAccess(WallAccessSettings newAccess) {
    return new CameraWallSettings(port, hlsUrlTemplate, webrtcUrlTemplate, newAccess, tls);
  }

  public CameraWallSettings withTls(WallTls newTls) {
    return new CameraWallSettings(port, hlsUrlTemplate, webrtcUrlTemplate, access, Optional.of(newTls));
  }

  /**
   * @param healthPort the probe and metrics port, which the wall must not share: probes and scrapes stay apart from
   *                   what viewers reach
   */
  public static CameraWallSettings from(Map<String, String> env, int healthPort) {
    int port = port(env.get(UI_PORT));
    if (port != 0 && port == healthPort) {
      throw new IllegalArgumentException(UI_PORT + " must differ from CAMSTREAM_HEALTH_PORT (" + healthPort
          + "): the wall is served apart from /metrics and the probes; 0 turns the wall off");
    }
    return new CameraWallSettings(port, urlTemplate(env.get(MEDIAMTX_HLS_URL), MEDIAMTX_HLS_URL, DEFAULT_HLS_URL),
        urlTemplate(env.get(MEDIAMTX_WEBRTC_URL), MEDIAMTX_WEBRTC_URL, DEFAULT_WEBRTC_URL), access(env), tls(env));
  }

  public boolean enabled() {
    return port != 0;
  }

  /** The HLS server of one CameraStream, without a trailing slash. */
  public URI hlsBase(String name, String namespace) {
    return URI.create(hlsUrlTemplate.replace("{name}", name).replace("{namespace}", namespace));
  }

  /** The WebRTC (WHEP) server of one CameraStream, without a trailing slash. */
  public URI webrtcBase(String name, String namespace) {
    return URI.create(webrtcUrlTemplate.replace("{name}", name).replace("{namespace}", namespace));
  }

  private static int port(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(UI_PORT, value, "an integer from 0 (off) to 65535");
  }

  private static String urlTemplate(String value, String variable, String example) {
    if (value == null || value.isBlank()) {
      return example;
    }
    String template = value.trim();
    String expected = "an http(s) URL template containing {name} (and usually {namespace}), without credentials,"
        + " query or fragment, e.g. " + example;
    if (!(template.startsWith("http://") || template.startsWith("https://")) || !template.contains("{name}")) {
      throw invalid(variable, template, expected);
    }
    URI sample;
    try {
      sample = new URI(template.replace("{name}", "site").replace("{namespace}", "cameras"));
    } catch (URISyntaxException e) {
      throw invalid(variable, template, expected);
    }
    if (sample.getHost() == null || sample.getRawUserInfo() != null || sample.getRawQuery() != null
        || sample.getRawFragment() != null) {
      throw invalid(variable, template, expected);
    }
    return template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
  }

  private static WallAccessSettings access(Map<String, String> env) {
    String modeValue = env.get(ACCESS);
    AccessMode mode;
    try {
      mode = modeValue == null || modeValue.isBlank() ? AccessMode.LOCAL : AccessMode.parse(modeValue);
    } catch (IllegalArgumentException e) {
      throw invalid(ACCESS, modeValue, "local (the default: port-forwards and CAMSTREAM_UI_ALLOWED_HOSTS), proxy"
          + " (behind an authenticating proxy) or open (anyone who reaches the port)");
    }
    List<String> hosts = allowedHosts(env.get(ALLOWED_HOSTS));
    List<String> proxies = trustedProxies(env.get(TRUSTED_PROXIES));
    if (mode == AccessMode.PROXY && proxies.isEmpty()) {
      throw new IllegalArgumentException(TRUSTED_PROXIES + " must name the authenticating proxy's addresses (IPs or"
          + " CIDR blocks, comma-separated) when " + ACCESS + "=proxy: user headers are believed only from them");
    }
    return new WallAccessSettings(mode, hosts, proxies, header(env, USER_HEADER,
        WallAccessSettings.DEFAULT_USER_HEADER), header(env, GROUPS_HEADER, WallAccessSettings.DEFAULT_GROUPS_HEADER));
  }

  private static List<String> allowedHosts(String value) {
    List<String> hosts = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return hosts;
    }
    for (String part : value.split(",")) {
      String host = part.trim().toLowerCase(Locale.ROOT);
      if (host.isEmpty()) {
        continue;
      }
      if (host.length() > 253 || !(HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
        throw invalid(ALLOWED_HOSTS, value, "a comma-separated list of host names as browsers send them, without"
            + " scheme or port (IPv6 in brackets), e.g. cameras.example.com");
      }
      hosts.add(host);
    }
    return hosts;
  }

  private static List<String> trustedProxies(String value) {
    List<String> proxies = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return proxies;
    }
    for (String part : value.split(",")) {
      String proxy = part.trim();
      if (proxy.isEmpty()) {
        continue;
      }
      if (!isAddressOrCidr(proxy)) {
        throw invalid(TRUSTED_PROXIES, value, "a comma-separated list of IP addresses or CIDR blocks, e.g."
            + " 10.0.0.0/8,192.168.1.7");
      }
      proxies.add(proxy);
    }
    return proxies;
  }

  private static boolean isAddressOrCidr(String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    int bits;
    if (IPV4.matcher(address).matches()) {
      for (String octet : address.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      bits = 32;
    } else if (address.contains(":") && address.matches("[0-9a-fA-F:.]+")) {
      bits = 128;
    } else {
      // literal addresses only: a host name would be resolved once, at start
      return false;
    }
    if (slash >= 0) {
      String prefix = value.substring(slash + 1);
      if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
        return false;
      }
    }
    try {
      new InetAddressSet().add(value);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String header(Map<String, String> env, String variable, String defaultName) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return defaultName;
    }
    if (!HEADER_NAME.matcher(value.trim()).matches()) {
      throw invalid(variable, value, "an HTTP header name, e.g. " + defaultName);
    }
    return value.trim();
  }

  private static Optional<WallTls> tls(Map<String, String> env) {
    String cert = env.get(TLS_CERT);
    String key = env.get(TLS_KEY);
    boolean hasCert = cert != null && !cert.isBlank();
    boolean hasKey = key != null && !key.isBlank();
    if (!hasCert && !hasKey) {
      return Optional.empty();
    }
    if (hasCert != hasKey) {
      throw new IllegalArgumentException(TLS_CERT + " and " + TLS_KEY + " must be set together (a PEM certificate"
          + " chain and its private key, e.g. tls.crt and tls.key of a kubernetes.io/tls Secret)");
    }
    return Optional.of(new WallTls(readable(TLS_CERT, cert.trim()), readable(TLS_KEY, key.trim())));
  }

  private static Path readable(String variable, String value) {
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw invalid(variable, value, "a readable PEM file");
    }
    return path;
  }

  private static IllegalArgumentException invalid(String variable, String value, String expected) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return new IllegalArgumentException(variable + " must be " + expected + ", got '" + shown + "'");
  }
}
