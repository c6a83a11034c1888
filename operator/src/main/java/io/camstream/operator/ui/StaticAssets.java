package io.camstream.operator.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The page's files, read once from the operator's classpath: its HTML, CSS and script, and hls.js from its WebJar
 * (pinned by the build, served from here, never from a CDN). Small enough to keep in memory.
 */
final class StaticAssets {
  static final String PAGE = "/";
  static final String HLS_JS = "/vendor/hls.min.js";
  private static final String OWN = "camera-wall/";
  private static final String WEBJAR = "META-INF/resources/webjars/hls.js/";
  private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";

  /** One file: its bytes, media type and a strong validator. */
  record Asset(byte[] body, String contentType, String etag) {
  }

  private final Map<String, Asset> assets = new LinkedHashMap<>();
  private final String hlsJsVersion;

  private StaticAssets(String hlsJsVersion) {
    this.hlsJsVersion = hlsJsVersion;
  }

  static StaticAssets load() {
    String version = webjarVersion();
    StaticAssets files = new StaticAssets(version);
    files.add(PAGE, OWN + "index.html", "text/html; charset=utf-8");
    files.add("/wall.css", OWN + "wall.css", "text/css; charset=utf-8");
    files.add("/wall.js", OWN + "wall.js", "text/javascript; charset=utf-8");
    files.add("/favicon.svg", OWN + "favicon.svg", "image/svg+xml");
    files.add(HLS_JS, WEBJAR + version + "/dist/hls.min.js", "text/javascript; charset=utf-8");
    return files;
  }

  Optional<Asset> get(String path) {
    return Optional.ofNullable(assets.get(path));
  }

  String hlsJsVersion() {
    return hlsJsVersion;
  }

  private void add(String path, String resource, String contentType) {
    byte[] body = read(resource);
    assets.put(path, new Asset(body, contentType, "\"" + sha256(body).substring(0, 32) + "\""));
  }

  private static String webjarVersion() {
    Properties pom = new Properties();
    try (InputStream in = resource(WEBJAR_POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = resource(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the camera wall's file " + name + " is not on the classpath");
    }
    return in;
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
