package io.camstream.operator.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The camera wall's settings, read from the operator's environment; a bad value fails start-up naming the variable.
 *
 * @param port where the wall is served ({@code CAMSTREAM_UI_PORT}); 0 turns the wall off
 * @param hlsUrlTemplate each CameraStream's MediaMTX HLS server, with {@code {name}} and {@code {namespace}}
 *                       ({@code CAMSTREAM_MEDIAMTX_HLS_URL}), in the style of {@code CAMSTREAM_MEDIAMTX_API_URL}
 */
public record CameraWallSettings(int port, String hlsUrlTemplate) {
  public static final String UI_PORT = "CAMSTREAM_UI_PORT";
  public static final String MEDIAMTX_HLS_URL = "CAMSTREAM_MEDIAMTX_HLS_URL";
  public static final int DEFAULT_PORT = 8081;
  public static final String DEFAULT_HLS_URL = "http://{name}-mediamtx.{namespace}.svc:8888";

  public static CameraWallSettings defaults() {
    return new CameraWallSettings(DEFAULT_PORT, DEFAULT_HLS_URL);
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
    return new CameraWallSettings(port, hlsUrl(env.get(MEDIAMTX_HLS_URL)));
  }

  public boolean enabled() {
    return port != 0;
  }

  /** The HLS server of one CameraStream, without a trailing slash. */
  public URI hlsBase(String name, String namespace) {
    return URI.create(hlsUrlTemplate.replace("{name}", name).replace("{namespace}", namespace));
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

  private static String hlsUrl(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_HLS_URL;
    }
    String template = value.trim();
    String expected = "an http(s) URL template containing {name} (and usually {namespace}), without credentials,"
        + " query or fragment, e.g. " + DEFAULT_HLS_URL;
    if (!(template.startsWith("http://") || template.startsWith("https://")) || !template.contains("{name}")) {
      throw invalid(MEDIAMTX_HLS_URL, template, expected);
    }
    URI sample;
    try {
      sample = new URI(template.replace("{name}", "site").replace("{namespace}", "cameras"));
    } catch (URISyntaxException e) {
      throw invalid(MEDIAMTX_HLS_URL, template, expected);
    }
    if (sample.getHost() == null || sample.getRawUserInfo() != null || sample.getRawQuery() != null
        || sample.getRawFragment() != null) {
      throw invalid(MEDIAMTX_HLS_URL, template, expected);
    }
    return template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
  }

  private static IllegalArgumentException invalid(String variable, String value, String expected) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return new IllegalArgumentException(variable + " must be " + expected + ", got '" + shown + "'");
  }
}
