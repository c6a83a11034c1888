package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * The Dockerfiles build what the poms produce, run as a non-root user on Debian 12, and the streamer image's
 * start-up does not unpack FFmpeg: proven by loading the real natives the way the image's ENTRYPOINT does.
 * (No Docker engine here; the images themselves are built by hack/build-images.sh.)
 */
class DockerImageTest {
  static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
  static final Pattern COPY_FROM = Pattern.compile("(?m)^COPY\\s+--from=(\\S+)\\s+(\\S+)\\s+(\\S+)");
  static final Pattern ENTRYPOINT = Pattern.compile("(?ms)^ENTRYPOINT\\s+\\[(.*?)\\]\\s*$");

  static String dockerfile(String module) {
    return RepoFiles.read(module + "/Dockerfile");
  }

  /** The shade plugin's finalName in the module's pom: the jar `mvn package` leaves in target/. */
  static String jarName(String module) throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(RepoFiles.path(module + "/pom.xml").toFile());
    var finalNames = pom.getElementsByTagName("finalName");
    assertThat(finalNames.getLength()).as("%s/pom.xml sets the jar's finalName", module).isEqualTo(1);
    return finalNames.item(0).getTextContent().trim() + ".jar";
  }

  static List<String> entrypoint(String dockerfile) {
    Matcher m = ENTRYPOINT.matcher(dockerfile);
    assertThat(m.find()).as("exec-form ENTRYPOINT").isTrue();
    List<String> args = new ArrayList<>();
    Matcher arg = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
    while (arg.find()) {
      args.add(arg.group(1));
    }
    return args;
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator", "streamer"})
  void multiStageBuildCopiesTheJarThePomProducesIntoADebianRuntime(String module) throws Exception {
    String dockerfile = dockerfile(module);
    List<String[]> stages = new ArrayList<>();
    Matcher from = FROM.matcher(dockerfile);
    while (from.find()) {
      stages.add(new String[] {from.group(1), from.group(2)});
    }
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    String runtime = stages.get(stages.size() - 1)[0];
    assertThat(runtime).as("runtime base").startsWith("debian:bookworm").doesNotContain("alpine");
    stages.forEach(s -> assertThat(s[0]).as("pinned base image").contains(":").doesNotEndWith(":latest"));

    String jarPath = module + "/target/" + jarName(module);
    Matcher copy = COPY_FROM.matcher(dockerfile);
    String installedJar = null;
    while (copy.find()) {
      if (copy.group(2).endsWith(".jar")) {
        assertThat(copy.group(1)).isEqualTo(stages.get(0)[1]);
        assertThat(copy.group(2)).isEqualTo("/src/" + jarPath);
        installedJar = copy.group(3);
      }
    }
    assertThat(installedJar).as("the jar is copied from the build stage").isNotNull();
    assertThat(dockerfile).contains("-pl " + module + " ");
    List<String> entrypoint = entrypoint(dockerfile);
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", installedJar);
    // The user is numeric so that the kubelet can verify runAsNonRoot; it matches the pods' runAsUser.
    assertThat(dockerfile).containsPattern("(?m)^USER 10001:10001$");
    assertThat(dockerfile).contains("openjdk-17-jre-headless");
  }

  @ParameterizedTest
  @ValueSource(strings = {"operator", "streamer"})
  void everyFileCopiedFromTheBuildContextExists(String module) {
    Matcher copy = Pattern.compile("(?m)^COPY\\s+(?!--from)(.+)$").matcher(dockerfile(module));
    int sources = 0;
    while (copy.find()) {
      String[] parts = copy.group(1).trim().split("\\s+");
      for (int i = 0; i < parts.length - 1; i++) {
        assertThat(RepoFiles.path(parts[i])).as("COPY source %s in %s/Dockerfile", parts[i], module).exists();
        sources++;
      }
    }
    assertThat(sources).isGreaterThanOrEqualTo(4);
  }

  @Test
  void streamerImageInstallsTheLibrariesTheNativesLinkAgainst() {
    String dockerfile = dockerfile("streamer");
    for (String lib : List.of("libxcb1", "libxcb-shm0", "libasound2", "libpulse0")) {
      assertThat(dockerfile).containsPattern("apt-get install[^&]*\\b" + Pattern.quote(lib) + "\\b");
    }
  }

  @Test
  void imagesAreBuiltWithTheTagsFromImagesEnv() {
    String script = RepoFiles.read("hack/build-images.sh");
    assertThat(script).contains("source k8s/operator/images.env")
        .contains("-f operator/Dockerfile -t \"$CAMSTREAM_OPERATOR_IMAGE\"")
        .contains("-f streamer/Dockerfile -t \"$CAMSTREAM_STREAMER_IMAGE\"");
    assertThat(OperatorManifestTest.imagesEnv()).containsKeys("CAMSTREAM_OPERATOR_IMAGE", "CAMSTREAM_STREAMER_IMAGE",
        "CAMSTREAM_MEDIAMTX_IMAGE");
  }

  @Test
  void streamerLoadsTheUnpackedNativesWithoutExtractingAnything(@TempDir Path tmp) throws Exception {
    String dockerfile = dockerfile("streamer");
    Matcher unpack = Pattern.compile("jar xf \\S+ (\\S+) (\\S+)").matcher(dockerfile);
    assertThat(unpack.find()).as("the build stage unpacks the natives with jar xf").isTrue();
    List<String> nativeDirs = List.of(unpack.group(1), unpack.group(2));
    List<String> entrypoint = entrypoint(dockerfile);
    String libraryPath = property(entrypoint, "java.library.path");
    assertThat(property(entrypoint, "org.bytedeco.javacpp.pathsFirst")).isEqualTo("true");
    assertThat(property(entrypoint, "org.bytedeco.javacpp.cachedir")).isEqualTo("/tmp/javacpp");
    assertThat(dockerfile).contains("COPY --from=build /out/natives/ " + libraryPath + "/");

    // What the build stage does, on the very jars the streamer is built from.
    List<Path> jars = streamerNativeJars();
    Path natives = Files.createDirectories(tmp.resolve("natives"));
    int unpacked = 0;
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (ZipEntry entry : zip.stream().toList()) {
          String name = entry.getName();
          String dir = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
          String file = name.substring(name.lastIndexOf('/') + 1);
          if (nativeDirs.contains(dir) && file.contains(".so")) {
            try (InputStream in = zip.getInputStream(entry)) {
              Files.copy(in, natives.resolve(file));
              unpacked++;
            }
          }
        }
      }
    }
    assertThat(unpacked).as("native libraries under %s", nativeDirs).isGreaterThanOrEqualTo(10);

    Path cache = Files.createDirectories(tmp.resolve("cache"));
    String out = loadNatives(jars, cache, List.of("-Djava.library.path=" + natives,
        "-Dorg.bytedeco.javacpp.pathsFirst=true"));
    assertThat(out).startsWith("loaded ");
    try (Stream<Path> cached = Files.walk(cache)) {
      assertThat(cached.filter(Files::isRegularFile).toList()).as("files JavaCPP extracted at start-up").isEmpty();
    }

    // Control: without the unpacked natives JavaCPP extracts tens of megabytes into its cache on every start.
    Path controlCache = Files.createDirectories(tmp.resolve("control-cache"));
    loadNatives(jars, controlCache, List.of());
    try (Stream<Path> cached = Files.walk(controlCache)) {
      assertThat(cached.filter(p -> p.toString().contains(".so")).count()).isGreaterThanOrEqualTo(10);
    }
  }

  static String loadNatives(List<Path> jars, Path cache, List<String> extraProperties) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.bytedeco.javacpp.cachedir=" + cache));
    command.addAll(extraProperties);
    command.addAll(List.of("-cp", String.join(":", jars.stream().map(Path::toString).toList()),
        RepoFiles.path("operator/src/test/resources/delivery/LoadFfmpegNatives.java").toString()));
    return RepoFiles.runOk(command);
  }

  static String property(List<String> args, String name) {
    return args.stream().filter(a -> a.startsWith("-D" + name + "=")).map(a -> a.substring(name.length() + 3))
        .findFirst().orElseThrow(() -> new AssertionError("ENTRYPOINT sets no -D" + name));
  }

  /** javacpp and FFmpeg (linux-x86_64, GPL build) at the versions the parent pom pins, from the local repository. */
  static List<Path> streamerNativeJars() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(RepoFiles.path("pom.xml").toFile());
    String javacpp = pom.getElementsByTagName("javacpp.version").item(0).getTextContent().trim();
    String ffmpeg = pom.getElementsByTagName("ffmpeg.version").item(0).getTextContent().trim()
        .replace("${javacpp.version}", javacpp);
    Path repo = Path.of(System.getProperty("maven.repo.local",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    Map<String, String> jars = Map.of(
        "org/bytedeco/javacpp/" + javacpp + "/javacpp-" + javacpp + ".jar", "javacpp",
        "org/bytedeco/javacpp/" + javacpp + "/javacpp-" + javacpp + "-linux-x86_64.jar", "javacpp natives",
        "org/bytedeco/ffmpeg/" + ffmpeg + "/ffmpeg-" + ffmpeg + ".jar", "ffmpeg",
        "org/bytedeco/ffmpeg/" + ffmpeg + "/ffmpeg-" + ffmpeg + "-linux-x86_64-gpl.jar", "ffmpeg natives");
    List<Path> paths = new ArrayList<>();
    for (String relative : jars.keySet()) {
      Path jar = repo.resolve(relative);
      assertThat(jar).as("%s (resolved by the streamer module: run mvn verify from the root)", relative)
          .isRegularFile();
      paths.add(jar);
    }
    return paths;
  }
}
