package io.camstream.operator.mediamtx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the MediaMTX v1.20.1 reference files. In CI they sit at {@code ../shared/mediamtx/} from the repository
 * root (the directory holding {@code .ci}); a git worktree nested deeper finds them in the nearest ancestor that has
 * {@code shared/mediamtx/}.
 */
public final class MediaMtxReference {
  private MediaMtxReference() {
  }

  public static Path openApiYaml() {
    return file("openapi.yaml");
  }

  public static Path mediamtxYml() {
    return file("mediamtx.yml");
  }

  private static Path file(String name) {
    Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    Path root = start;
    while (root != null && !Files.isDirectory(root.resolve(".ci"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException("no directory containing .ci above " + start);
    }
    for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("mediamtx").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("MediaMTX reference " + name + " not found at " + root.getParent()
        .resolve("shared/mediamtx/" + name) + " nor in any ancestor's shared/mediamtx/");
  }
}
