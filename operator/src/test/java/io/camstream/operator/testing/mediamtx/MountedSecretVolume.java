package io.camstream.operator.testing.mediamtx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Secret mounted as a directory, written the way the kubelet's atomic writer does
 * ({@code pkg/volume/util/atomic_writer.go}): the files live in a timestamped directory {@code ..<timestamp>}, the
 * link {@code ..data} points at it, and each key is a link {@code <key> -> ..data/<key>}. An update writes a new
 * timestamped directory, points a new link {@code ..data_tmp} at it and renames that over {@code ..data} (one atomic
 * step), then removes the old directory. MediaMTX's watcher sees the key's resolved target change and reloads.
 */
final class MountedSecretVolume {
  private static final AtomicLong GENERATION = new AtomicLong();
  private final Path directory;
  private final String key;

  MountedSecretVolume(Path directory, String key) {
    this.directory = directory;
    this.key = key;
  }

  /** The path a container reads, {@code <directory>/<key>}. */
  Path file() {
    return directory.resolve(key);
  }

  String read() {
    try {
      return Files.readString(file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the key's new content as the kubelet does when it refreshes the volume. */
  void write(String content) {
    try {
      Files.createDirectories(directory);
      Path data = directory.resolve("..data");
      Path previous = Files.isSymbolicLink(data) ? directory.resolve(Files.readSymbolicLink(data)) : null;
      String timestamped = "..camstream_" + System.nanoTime() + "_" + GENERATION.incrementAndGet();
      Path target = Files.createDirectory(directory.resolve(timestamped));
      Files.writeString(target.resolve(key), content);
      Path link = directory.resolve("..data_tmp");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(timestamped));
      Files.move(link, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (!Files.isSymbolicLink(file())) {
        Files.createSymbolicLink(file(), Path.of("..data", key));
      }
      if (previous != null && !previous.equals(target)) {
        Files.deleteIfExists(previous.resolve(key));
        Files.deleteIfExists(previous);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the mounted " + key, e);
    }
  }
}
