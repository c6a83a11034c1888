package io.camstream.operator.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a renewed certificate without a restart: cert-manager renews a {@code kubernetes.io/tls} Secret well before
 * it expires and the kubelet swaps the mounted files; every {@code period} the wall compares the files' contents
 * with what it serves and, when they changed, loads them into Jetty (new connections get the new certificate). A
 * pair that does not load (caught mid-write, or broken) is logged and the current certificate kept.
 */
final class CertificateReloader extends AbstractLifeCycle {
  static final Duration PERIOD = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(CertificateReloader.class);

  private final SslContextFactory.Server factory;
  private final WallTls tls;
  private final Duration period;
  private ScheduledExecutorService checker;
  private byte[] served;

  CertificateReloader(SslContextFactory.Server factory, WallTls tls, Duration period) {
    this.factory = factory;
    this.tls = tls;
    this.period = period;
  }

  @Override
  protected void doStart() {
    served = digest();
    checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "camstream-wall-certificate");
      thread.setDaemon(true);
      return thread;
    });
    checker.scheduleWithFixedDelay(this::check, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    checker.shutdownNow();
  }

  void check() {
    byte[] now = digest();
    if (now == null || Arrays.equals(now, served)) {
      return;
    }
    try {
      factory.reload(reloaded -> reloaded.setKeyStore(WallTlsKeyStore.load(tls)));
      served = now;
      log.info("camera wall: serving the renewed certificate {}", tls.certificate());
    } catch (Exception e) {
      log.warn("camera wall: the changed certificate {} and key {} do not load, still serving the previous one: {}",
          tls.certificate(), tls.privateKey(), e.getMessage());
    }
  }

  /** Of both files together; null when one cannot be read (a swap in progress). */
  private byte[] digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(tls.certificate()));
      sha.update(Files.readAllBytes(tls.privateKey()));
      return sha.digest();
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
