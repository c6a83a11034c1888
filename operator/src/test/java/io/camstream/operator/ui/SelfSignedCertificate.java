package io.camstream.operator.ui;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for {@code localhost} and 127.0.0.1 made by the JDK's keytool, written as a {@code kubernetes.io/tls}
 * Secret mounts it: {@code tls.crt} and {@code tls.key}, the key in PKCS#8 or PKCS#1 (cert-manager's default for RSA).
 */
final class SelfSignedCertificate {
  private final Path certificate;
  private final Path pkcs8Key;
  private final Path pkcs1Key;
  private final X509Certificate x509;

  private SelfSignedCertificate(Path certificate, Path pkcs8Key, Path pkcs1Key, X509Certificate x509) {
    this.certificate = certificate;
    this.pkcs8Key = pkcs8Key;
    this.pkcs1Key = pkcs1Key;
    this.x509 = x509;
  }

  static SelfSignedCertificate create(Path directory) throws Exception {
    Path store = directory.resolve("wall.p12");
    Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
        "-alias", "wall", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "san=dns:localhost,ip:127.0.0.1")).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) keys.getKey("wall", "changeit".toCharArray());
    X509Certificate cert = (X509Certificate) keys.getCertificate("wall");
    Path certificate = directory.resolve("tls.crt");
    Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
    Path pkcs8 = directory.resolve("tls.key");
    Files.writeString(pkcs8, pem("PRIVATE KEY", key.getEncoded()));
    Path pkcs1 = directory.resolve("tls-rsa.key");
    Files.writeString(pkcs1, pem("RSA PRIVATE KEY", pkcs1(key.getEncoded())));
    return new SelfSignedCertificate(certificate, pkcs8, pkcs1, cert);
  }

  WallTls pkcs8() {
    return new WallTls(certificate, pkcs8Key);
  }

  WallTls pkcs1() {
    return new WallTls(certificate, pkcs1Key);
  }

  /** A client context trusting only this certificate. */
  SSLContext trusting() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("wall", x509);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
  private static byte[] pkcs1(byte[] pkcs8) {
    int[] position = {0};
    header(pkcs8, position); // SEQUENCE PrivateKeyInfo
    skip(pkcs8, position); // INTEGER version
    skip(pkcs8, position); // SEQUENCE AlgorithmIdentifier
    int length = header(pkcs8, position); // OCTET STRING
    return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
  }

  private static int header(byte[] der, int[] position) {
    position[0]++; // tag
    int first = der[position[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[position[0]++] & 0xff);
    }
    return length;
  }

  private static void skip(byte[] der, int[] position) {
    int length = header(der, position);
    position[0] += length;
  }
}
