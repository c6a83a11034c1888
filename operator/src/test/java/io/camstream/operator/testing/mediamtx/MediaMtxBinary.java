package io.camstream.operator.testing.mediamtx;

import io.camstream.operator.testing.MediaMtxReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the MediaMTX v1.20.1 binary the tests start is: {@code CAMSTREAM_MEDIAMTX} when set (a path to the
 * binary), else {@code <repo>/.ci/tools/mediamtx/mediamtx}, where {@code .ci/install-mediamtx.sh} (run by
 * {@code .ci/install-test-deps.sh}) installs it.
 */
public final class MediaMtxBinary {
  public static final String VERSION = "v1.20.1";
  public static final String ENVIRONMENT_VARIABLE = "CAMSTREAM_MEDIAMTX";
  public static final String INSTALLED = ".ci/tools/mediamtx/mediamtx";

  private MediaMtxBinary() {
  }

  /** @throws IllegalStateException naming the install script when there is none */
  public static Path path() {
    Optional<Path> configured = Optional.ofNullable(System.getenv(ENVIRONMENT_VARIABLE))
        .filter(value -> !value.isBlank()).map(Path::of);
    Path binary = configured.orElseGet(() -> MediaMtxReference.repositoryRoot().resolve(INSTALLED));
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("MediaMTX " + VERSION + " not found at " + binary + ": run "
          + "`bash .ci/install-test-deps.sh` (or .ci/install-mediamtx.sh), or set " + ENVIRONMENT_VARIABLE
          + " to the binary");
    }
    return binary;
  }
}
