package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraWallSettingsTest {
  @Test
  void defaultsToLocalAccessPlainHttpAndTheInClusterMediaMtxServers() {
    CameraWallSettings settings = CameraWallSettings.from(Map.of(), 8080);
    assertThat(settings).isEqualTo(CameraWallSettings.defaults());
    assertThat(settings.access().mode()).isEqualTo(AccessMode.LOCAL);
    assertThat(settings.access().allowedHosts()).isEmpty();
    assertThat(settings.tls()).isEmpty();
    assertThat(settings.webrtcBase("site", "cameras").toString()).isEqualTo("http://site-mediamtx.cameras.svc:8889");
    assertThat(settings.hlsBase("site", "cameras").toString()).isEqualTo("http://site-mediamtx.cameras.svc:8888");
  }

  @Test
  void readsEveryAccessSetting() {
    CameraWallSettings settings = CameraWallSettings.from(Map.of(
        CameraWallSettings.ACCESS, " Proxy ",
        CameraWallSettings.ALLOWED_HOSTS, "Cameras.Example.com, [fd00::1] ,",
        CameraWallSettings.TRUSTED_PROXIES, "10.0.0.0/8, 192.168.1.7,fd00::/8",
        CameraWallSettings.USER_HEADER, "X-Auth-Request-User",
        CameraWallSettings.GROUPS_HEADER, "X-Auth-Request-Groups",
        CameraWallSettings.MEDIAMTX_WEBRTC_URL, "https://{name}.{namespace}.example.com:8889/"), 8080);
    assertThat(settings.access()).isEqualTo(new WallAccessSettings(AccessMode.PROXY,
        List.of("cameras.example.com", "[fd00::1]"), List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"),
        "X-Auth-Request-User", "X-Auth-Request-Groups"));
    assertThat(settings.webrtcUrlTemplate()).isEqualTo("https://{name}.{namespace}.example.com:8889");
    assertThat(CameraWallSettings.from(Map.of(CameraWallSettings.ACCESS, "open"), 8080).access().mode())
        .isEqualTo(AccessMode.OPEN);
  }

  @Test
  void badValuesNameTheirVariable() {
    assertRejected(Map.of(CameraWallSettings.ACCESS, "public"), "CAMSTREAM_UI_ACCESS must be local");
    assertRejected(Map.of(CameraWallSettings.ACCESS, "proxy"), "CAMSTREAM_UI_TRUSTED_PROXIES must name the"
        + " authenticating proxy's addresses");
    assertRejected(Map.of(CameraWallSettings.ALLOWED_HOSTS, "https://cameras.example.com"),
        "CAMSTREAM_UI_ALLOWED_HOSTS must be a comma-separated list of host names");
    assertRejected(Map.of(CameraWallSettings.ALLOWED_HOSTS, "cameras.example.com:443"),
        "CAMSTREAM_UI_ALLOWED_HOSTS");
    for (String proxy : List.of("ingress.example.com", "10.0.0.0/33", "10.0.0", "*")) {
      assertRejected(Map.of(CameraWallSettings.ACCESS, "proxy", CameraWallSettings.TRUSTED_PROXIES, proxy),
          "CAMSTREAM_UI_TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR blocks");
    }
    assertRejected(Map.of(CameraWallSettings.USER_HEADER, "X User"), "CAMSTREAM_UI_USER_HEADER must be an HTTP"
        + " header name");
    assertRejected(Map.of(CameraWallSettings.GROUPS_HEADER, "Groups:"), "CAMSTREAM_UI_GROUPS_HEADER");
    assertRejected(Map.of(CameraWallSettings.MEDIAMTX_WEBRTC_URL, "http://mediamtx:8889"),
        "CAMSTREAM_MEDIAMTX_WEBRTC_URL must be an http(s) URL template containing {name}");
    assertRejected(Map.of(CameraWallSettings.TLS_CERT, "/nowhere/tls.crt"), "must be set together");
    assertRejected(Map.of(CameraWallSettings.TLS_CERT, "/nowhere/tls.crt", CameraWallSettings.TLS_KEY,
        "/nowhere/tls.key"), "CAMSTREAM_UI_TLS_CERT must be a readable PEM file, got '/nowhere/tls.crt'");
  }

  @Test
  void aCertificateAndKeyThatAreNotPemSayWhich(@TempDir Path directory) throws Exception {
    Path cert = Files.writeString(directory.resolve("tls.crt"), "not a certificate");
    Path key = Files.writeString(directory.resolve("ec.key"), "-----BEGIN EC PRIVATE KEY-----\nAA==\n");
    Map<String, String> env = new HashMap<>(Map.of(CameraWallSettings.TLS_CERT, cert.toString(),
        CameraWallSettings.TLS_KEY, key.toString()));
    WallTls tls = CameraWallSettings.from(env, 8080).tls().orElseThrow();
    assertThatThrownBy(() -> WallTlsKeyStore.load(tls)).hasMessageContaining("cannot read the camera wall's"
        + " certificate").hasMessageContaining(cert.toString());
    SelfSignedCertificate real = SelfSignedCertificate.create(directory);
    WallTls ecKey = new WallTls(real.pkcs8().certificate(), key);
    assertThatThrownBy(() -> WallTlsKeyStore.load(ecKey)).hasMessageContaining("PKCS#8 (BEGIN PRIVATE KEY) or"
        + " PKCS#1 RSA").hasMessageContaining("openssl pkcs8 -topk8");
  }

  private static void assertRejected(Map<String, String> env, String message) {
    assertThatThrownBy(() -> CameraWallSettings.from(env, 8080)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
