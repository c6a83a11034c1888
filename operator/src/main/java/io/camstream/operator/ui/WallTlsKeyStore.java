package io.camstream.operator.ui;

import io.fabric8.kubernetes.client.internal.CertUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * The wall's certificate and key, from the PEM files a {@code kubernetes.io/tls} Secret mounts, as the KeyStore
 * Jetty wants. Keys in PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519) and PKCS#1 RSA
 * ({@code BEGIN RSA PRIVATE KEY}, cert-manager's default) are read.
 */
final class WallTlsKeyStore {
  static final char[] PASSWORD = "camstream-wall".toCharArray();
  static final String ALIAS = "camera-wall";

  private WallTlsKeyStore() {
  }

  static KeyStore load(WallTls tls) {
    try {
      String keyPem = Files.readString(tls.privateKey(), StandardCharsets.US_ASCII);
      byte[] certificatePem = Files.readAllBytes(tls.certificate());
      Collection<? extends Certificate> chain;
      try (InputStream in = new ByteArrayInputStream(certificatePem)) {
        chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(CameraWallSettings.TLS_CERT + " (" + tls.certificate()
            + ") holds no PEM certificate");
      }
      if (keyPem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
        try (InputStream cert = new ByteArrayInputStream(certificatePem);
            InputStream key = new ByteArrayInputStream(keyPem.getBytes(StandardCharsets.US_ASCII))) {
          return CertUtils.createKeyStore(cert, key, "RSA", PASSWORD, null, PASSWORD);
        }
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, pkcs8(tls, keyPem), PASSWORD, chain.toArray(new Certificate[0]));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the camera wall's certificate " + tls.certificate()
          + " and key " + tls.privateKey() + " (" + CameraWallSettings.TLS_CERT + ", " + CameraWallSettings.TLS_KEY
          + "): " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey pkcs8(WallTls tls, String pem) throws GeneralSecurityException {
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(CameraWallSettings.TLS_KEY + " (" + tls.privateKey() + ") must be a PEM"
          + " private key in PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 RSA (BEGIN RSA PRIVATE KEY); convert others with"
          + " openssl pkcs8 -topk8 -nocrypt, or set cert-manager's privateKey.encoding: PKCS8");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }
}
