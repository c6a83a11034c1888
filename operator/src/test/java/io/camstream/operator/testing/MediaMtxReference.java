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

  /**
   * The example items the reference documents only in comments under an empty list, e.g. {@code webrtcICEServers2:
   * []} followed by {@code # - url: ...}, {@code # username: ''}: the commented lines that are YAML keys, uncommented
   * and parsed. Prose comment lines in between are skipped.
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> commentedListExample(String key) {
    try {
      List<String> lines = Files.readAllLines(configFile());
      int at = lines.indexOf(key + ": []");
      if (at < 0) {
        throw new IllegalArgumentException(key + ": [] not in the reference");
      }
      StringBuilder yaml = new StringBuilder();
      for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("  # "); i++) {
        String line = lines.get(i).substring("  # ".length());
        if (line.matches("^- [A-Za-z0-9]+: .*")) {
          yaml.append(line).append('\n');
        } else if (line.matches("^[A-Za-z0-9]+: .*")) {
          yaml.append("  ").append(line).append('\n');
        }
      }
      return new ObjectMapper(new YAMLFactory()).readValue(yaml.toString(), List.class);
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
