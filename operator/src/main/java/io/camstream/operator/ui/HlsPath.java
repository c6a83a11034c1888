package io.camstream.operator.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A request the HLS proxy may forward: {@code /hls/{namespace}/{name}/{camera}/{file}} where every part is a plain
 * Kubernetes or MediaMTX name and {@code file} is one of the names MediaMTX v1.20.1's HLS muxer (gohlslib) serves.
 * Anything else — percent-escapes, dots, extra segments, other file names — is not a proxy path, so no request can
 * walk out of the camera's directory or reach another server.
 *
 * @param query the Low-Latency HLS directives only ({@code _HLS_msn}, {@code _HLS_part}, {@code _HLS_skip}),
 *              rebuilt from validated values; empty when none
 */
public record HlsPath(String namespace, String name, String camera, String file, String query) {
  public static final String PREFIX = "/hls/";

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  /** CameraStream names are DNS-1035 labels (they prefix {@code -mediamtx}); cameras are DNS-1123 labels. */
  private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern CAMERA = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  /**
   * gohlslib's names: the multivariant playlist, one media playlist per stream ({@code main} for MPEG-TS,
   * {@code videoN}/{@code audioN} otherwise), and per stream an init file, segments and parts named after a random
   * 12-hex-digit muxer prefix.
   */
  private static final String STREAM = "(main|video[0-9]{1,3}|audio[0-9]{1,3})";
  private static final Pattern FILE = Pattern.compile("index\\.m3u8"
      + "|" + STREAM + "_stream\\.m3u8"
      + "|[0-9a-f]{12}_" + STREAM + "_(init\\.mp4|seg[0-9]{1,19}\\.(mp4|ts)|part[0-9]{1,19}\\.mp4)");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
  private static final Pattern SKIP = Pattern.compile("YES|v2");

  /**
   * @param rawPath the request's path as sent, not decoded
   * @param rawQuery the request's query as sent, or null
   */
  public static Optional<HlsPath> parse(String rawPath, String rawQuery) {
    if (rawPath == null || !rawPath.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 4 || !NAMESPACE.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()
        || !CAMERA.matcher(parts[2]).matches() || !FILE.matcher(parts[3]).matches()) {
      return Optional.empty();
    }
    return query(rawQuery).map(query -> new HlsPath(parts[0], parts[1], parts[2], parts[3], query));
  }

  /** Where this file lives under a CameraStream's HLS server, query included. */
  public String upstreamPath() {
    return "/" + camera + "/" + file + (query.isEmpty() ? "" : "?" + query);
  }

  public boolean isPlaylist() {
    return file.endsWith(".m3u8");
  }

  /** Keeps the LL-HLS directives (values checked); drops anything else; empty when a directive is malformed. */
  private static Optional<String> query(String rawQuery) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        Pattern directive = switch (key) {
          case "_HLS_msn", "_HLS_part" -> NUMBER;
          case "_HLS_skip" -> SKIP;
          default -> null;
        };
        if (directive == null) {
          continue;
        }
        if (!directive.matcher(value).matches()) {
          return Optional.empty();
        }
        kept.put(key, value);
      }
    }
    StringJoiner query = new StringJoiner("&");
    kept.forEach((key, value) -> query.add(key + "=" + value));
    return Optional.of(query.toString());
  }
}
