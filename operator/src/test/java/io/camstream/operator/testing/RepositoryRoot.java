package io.camstream.operator.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests run in: the nearest directory above the working directory with k8s/ and pom.xml. */
public final class RepositoryRoot {
  private RepositoryRoot() {
  }

  public static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !(Files.isDirectory(dir.resolve("k8s")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no repository root (with k8s/ and pom.xml) above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
