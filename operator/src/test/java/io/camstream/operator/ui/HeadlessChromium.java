package io.camstream.operator.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, driven by Debian's chromedriver, headless with a fresh profile. Both paths are given
 * explicitly, so Selenium Manager never runs (it would try to download a driver or a browser); the flags keep
 * Chromium off the network it cannot reach. {@code .ci/install-test-deps.sh} installs both packages.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** @param extraArguments more Chromium flags, e.g. a WebRTC policy */
  static HeadlessChromium start(int width, int height, String... extraArguments) throws IOException {
    for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(binary + " is missing: run bash .ci/install-test-deps.sh (Debian packages"
            + " chromium and chromium-driver)");
      }
    }
    Path profile = Files.createTempDirectory("camstream-chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
        "--force-device-scale-factor=1", "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(new File(profile.toFile(), "chromedriver.log"))
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return new HeadlessChromium(driver, profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
