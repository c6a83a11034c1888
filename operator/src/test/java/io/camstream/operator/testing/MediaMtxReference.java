package io.camstream.operator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MediaMTX v1.20.1's reference {@code mediamtx.yml} and control-API {@code openapi.yaml}, found next to the
 * repository: CI keeps them at {@code <repo>/../shared/mediamtx/}, a developer machine at
 * {@code /work/shared/mediamtx/}. The repository root is the directory holding {@code .ci}, found by walking up
 * from the working directory (tests run in {@code operator/}).
 */
public final class MediaMtxReference {
  private static final String DIRECTORY = "shared/mediamtx";

  private MediaMtxReference() {
  }

  public static Path directory() {
    Path repositoryRoot = repositoryRoot();
    List<Path> candidates = List.of(
        repositoryRoot.resolve("..").resolve(DIRECTORY),
        repositoryRoot.resolve("../..").resolve(DIRECTORY),
        repositoryRoot.resolve(DIRECTORY),
        Path.of("/work").resolve(DIRECTORY));
    return candidates.stream()
        .map(Path::normalize)
        .filter(dir -> Files.isRegularFile(dir.resolve("mediamtx.yml")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("MediaMTX reference not found; looked in " + candidates));
  }

  public static Path configFile() {
    return directory().resolve("mediamtx.yml");
  }

  public static Path openApiFile() {
    return directory().resolve("openapi.yaml");
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> config() {
    try {
      return new ObjectMapper(new YAMLFactory()).readValue(configFile().toFile(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isDirectory(candidate.resolve(".ci"))) {
        return candidate;
      }
    }
    return Optional.ofNullable(dir.getParent()).orElse(dir);
  }
}
