package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewed certificate is served without a restart; one that does not load leaves the current one in place. */
class CertificateReloaderTest {
  @Test
  void aRenewedCertificateIsServedAndABrokenOneIsNot(@TempDir Path mounted, @TempDir Path first,
      @TempDir Path renewed) throws Exception {
    SelfSignedCertificate.create(first);
    SelfSignedCertificate.create(renewed);
    Path certificate = mounted.resolve("tls.crt");
    Path key = mounted.resolve("tls.key");
    Files.copy(first.resolve("tls.crt"), certificate);
    Files.copy(first.resolve("tls.key"), key);
    WallTls tls = new WallTls(certificate, key);
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStore(WallTlsKeyStore.load(tls));
    factory.setKeyStorePassword(new String(WallTlsKeyStore.PASSWORD));
    CertificateReloader reloader = new CertificateReloader(factory, tls, Duration.ofMillis(100));
    LifeCycle.start(factory);
    LifeCycle.start(reloader);
    try {
      String original = serial(factory);
      Files.copy(renewed.resolve("tls.crt"), certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(renewed.resolve("tls.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      await().atMost(Duration.ofSeconds(10)).until(() -> !serial(factory).equals(original));
      String current = serial(factory);
      assertThat(current).isEqualTo(serial(WallTlsKeyStore.load(new WallTls(renewed.resolve("tls.crt"),
          renewed.resolve("tls.key")))));

      Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
      Thread.sleep(500);
      assertThat(serial(factory)).as("still the last certificate that loaded").isEqualTo(current);
    } finally {
      LifeCycle.stop(reloader);
      LifeCycle.stop(factory);
    }
  }

  private static String serial(SslContextFactory.Server factory) throws Exception {
    return serial(factory.getKeyStore());
  }

  private static String serial(java.security.KeyStore store) throws Exception {
    String alias = store.aliases().nextElement();
    return ((X509Certificate) store.getCertificate(alias)).getSerialNumber().toString(16);
  }
}
