package io.camstream.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.camstream.operator.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository around the operator module, and the external tools the delivery tests drive. */
final class RepoFiles {
  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();

  private RepoFiles() {
  }

  static Path root() {
    return RepositoryRoot.find();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a multi-document YAML text, empty documents left out. */
  static List<JsonNode> yamlDocuments(String text) {
    try (var parser = new YAMLFactory().createParser(text)) {
      List<JsonNode> docs = new ArrayList<>();
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record ProcessResult(int exitCode, String stdout, String stderr) {
  }

  /** Runs a command in the repository root; fails the test with its output when it cannot be started or hangs. */
  static ProcessResult run(List<String> command) {
    try {
      Path out = Files.createTempFile("camstream-cmd", ".out");
      Path err = Files.createTempFile("camstream-cmd", ".err");
      try {
        Process process = new ProcessBuilder(command).directory(root().toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new ProcessResult(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage()
          + " (install the test tools with: bash .ci/install-test-deps.sh)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String runOk(List<String> command) {
    ProcessResult result = run(command);
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.stderr());
    }
    return result.stdout();
  }
}
