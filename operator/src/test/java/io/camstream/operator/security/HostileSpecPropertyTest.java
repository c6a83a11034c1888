package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.StreamerDefaultsSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxConfigBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.webrtc.AnnouncedHosts;
import io.camstream.operator.validation.SpecProblem;
import io.camstream.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Thousands of random and hostile CameraStreams (unicode, newlines, YAML and shell metacharacters, huge strings)
 * through what a reconcile runs before writing anything: the spec validator, then the desired-state builders and
 * the MediaMTX config generator. Nothing may throw; what is built must be exactly what was meant.
 */
class HostileSpecPropertyTest {
  private static final List<String> FRAGMENTS = List.of("\n", "\r\n", "\r", "\t", ": ", "#", "- ", "{", "}", "[",
      "]", "&anchor", "*anchor", "!!python/object:os.system", "|", ">", "'", "\"", "%TAG", "@", "`", "$(id)",
      "${HOME}", ";rm -rf /", "&&", "\u2028", "\u0085", "\u0000", "\u001b[31m", "~.*", "~", "..", "/", "\\", "é",
      "\u00df", "\ud83d\ude00", "---", "...", "<<: *x", "null", "true", "0x1F", "1e3", "?", ",", "authInternalUsers:",
      "\n  - user: any\n    permissions: [{action: publish}]", "paths: {all: {}}", "lobby", "rtsp://", "a:b@", " ");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

  private final PasswordGenerator passwords = PasswordGenerator.secureRandom();

  // --- properties ---------------------------------------------------------------------------------------------

  @Property(tries = 2000)
  void everySpecIsEitherRejectedWithAReasonOrBuiltExactlyAsMeant(@ForAll("cameraStreams") CameraStream spec) {
    Optional<SpecProblem> problem = SpecValidator.validate(spec);
    if (problem.isPresent()) {
      assertThat(problem.get().reason()).isEqualTo(SpecProblem.INVALID_SPEC);
      assertThat(problem.get().message()).isNotBlank().hasSizeLessThan(1000).doesNotContain("\n");
      return;
    }
    DesiredState desired = DesiredState.of(spec, OperatorDefaults.standard(), Map.of(), passwords);
    List<String> cameras = spec.getSpec().getCameras().stream().map(CameraSpec::getName).toList();
    assertConfigIsExactlyTheIntendedOne(desired.mediaMtxYaml(), cameras,
        desired.credentials(), hosts(spec));
    for (HasMetadata object : desired.all()) {
      String name = object.getMetadata().getName();
      assertThat(name).hasSizeLessThanOrEqualTo(253).matches(DNS_1123_SUBDOMAIN);
      object.getMetadata().getLabels().values().forEach(v -> assertThat(v).hasSizeLessThanOrEqualTo(63)
          .matches(LABEL_VALUE));
    }
    for (Deployment streamer : desired.streamers().values()) {
      Container container = streamer.getSpec().getTemplate().getSpec().getContainers().get(0);
      for (EnvVar env : container.getEnv()) {
        if (env.getValue() != null) {
          assertThat(env.getValue()).as(env.getName()).doesNotContain("\n", "\r", "\u0000");
        }
      }
    }
  }

  /** Even with no validation in front of it, the generator writes data, never configuration. */
  @Property(tries = 500)
  void configGeneratorNeverTurnsDataIntoConfiguration(@ForAll("rawNames") List<String> names,
      @ForAll("rawHosts") List<String> hosts, @ForAll ReaderAccess readers,
      @ForAll("rawCredential") String username, @ForAll("rawCredential") String password) {
    List<CameraSpec> cameras = names.stream().map(CameraStreams::testPattern).toList();
    CameraStream cameraStream = CameraStreams.of("ns", "site", cameras.toArray(CameraSpec[]::new));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(readers);
    mediamtx.setWebrtcAdditionalHosts(hosts);
    cameraStream.getSpec().setMediamtx(mediamtx);
    MediaMtxCredentials credentials = new MediaMtxCredentials(new MediaMtxCredentials.User(username, password),
        new MediaMtxCredentials.User(CredentialKeys.API_USER, password + "-api"),
        readers == ReaderAccess.AUTHENTICATED
            ? Optional.of(new MediaMtxCredentials.User(CredentialKeys.READER_USER, password + "-reader"))
            : Optional.empty());
    String yaml = MediaMtxConfigBuilder.yaml(cameraStream, credentials);
    MediaMtxAuthModel model = assertConfigIsExactlyTheIntendedOne(yaml, names, credentials, hosts);
    assertThat(model.users()).extracting(MediaMtxAuthModel.User::pass)
        .doesNotContain(password, password + "-api", password + "-reader");
  }

  @Example
  void hugeStringsAreRejectedWithoutEchoingThem() {
    String huge = "rtsp://cam/" + "a".repeat(1_000_000);
    CameraStream spec = CameraStreams.of("ns", "site", CameraStreams.camera("lobby", huge));
    assertThat(SpecValidator.validate(spec)).hasValueSatisfying(p -> {
      assertThat(p.reason()).isEqualTo(SpecProblem.INVALID_SPEC);
      assertThat(p.message()).contains("spec.cameras[0].source.url").hasSizeLessThan(1000);
    });
    spec = CameraStreams.of("ns", "site", CameraStreams.testPattern("x".repeat(100_000)));
    assertThat(SpecValidator.validate(spec)).hasValueSatisfying(p ->
        assertThat(p.message()).contains("spec.cameras[0].name").hasSizeLessThan(1000));
  }

  // --- what "exactly as meant" means ----------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static MediaMtxAuthModel assertConfigIsExactlyTheIntendedOne(String yaml, List<String> cameras,
      MediaMtxCredentials credentials, List<String> hosts) {
    MediaMtxAuthModel model = MediaMtxAuthModel.of(yaml);
    Map<String, Object> config = model.config();
    assertThat(config.keySet()).as("top-level keys").containsExactlyElementsOf(REFERENCE_KEYS);
    assertThat(((Map<String, Object>) config.get("paths")).keySet()).containsExactlyElementsOf(cameras);
    // Announced as a canonical set (MediaMTX drops WebRTC viewers when the list changes, even in order).
    assertThat(config.get("webrtcAdditionalHosts")).isEqualTo(AnnouncedHosts.canonical(hosts));

    List<String> expectedUsers = new ArrayList<>(List.of(credentials.publisher().username(),
        credentials.api().username()));
    credentials.reader().ifPresent(r -> expectedUsers.add(r.username()));
    expectedUsers.add("any");
    assertThat(model.users()).extracting(MediaMtxAuthModel.User::user).containsExactlyElementsOf(expectedUsers);

    MediaMtxCredentials.User publisher = credentials.publisher();
    for (String camera : cameras) {
      assertThat(model.may(publisher.username(), publisher.password(), "publish", camera)).isTrue();
      assertThat(model.anonymousMay("publish", camera)).isFalse();
      assertThat(model.anonymousMay("read", camera)).isEqualTo(credentials.reader().isEmpty());
    }
    for (MediaMtxAuthModel.User user : model.users()) {
      assertThat(user.ips()).isEmpty();
      for (MediaMtxAuthModel.Permission permission : user.permissions()) {
        if (!permission.action().equals("api") && !permission.action().equals("metrics")) {
          assertThat(permission.path()).isIn(cameras);
        }
      }
      if (!user.user().equals("any")) {
        assertThat(user.pass()).startsWith("sha256:");
      }
    }
    assertThat(model.anonymousMay("api", "")).isFalse();
    return model;
  }

  private static final List<String> REFERENCE_KEYS = referenceKeys();

  private static List<String> referenceKeys() {
    CameraStream reference = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"));
    String yaml = MediaMtxConfigBuilder.yaml(reference, new MediaMtxCredentials(
        new MediaMtxCredentials.User("p", "p"), new MediaMtxCredentials.User("a", "a"), Optional.empty()));
    return List.copyOf(MediaMtxAuthModel.parse(yaml).keySet());
  }

  private static List<String> hosts(CameraStream spec) {
    MediaMtxSpec mediamtx = spec.getSpec().getMediamtx();
    return mediamtx == null || mediamtx.getWebrtcAdditionalHosts() == null ? List.of()
        : mediamtx.getWebrtcAdditionalHosts();
  }

  // --- generators ---------------------------------------------------------------------------------------------

  /** Hostile text: metacharacter fragments, any BMP text without lone surrogates, or long runs. */
  private static Arbitrary<String> hostile() {
    Arbitrary<String> fragments = Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(6)
        .map(list -> String.join("", list));
    Arbitrary<String> unicode = Arbitraries.strings().withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\ufffd').ofMinLength(1).ofMaxLength(40);
    Arbitrary<String> huge = Arbitraries.strings().withChars("a-:\n#é").ofMinLength(500).ofMaxLength(1000)
        .map(s -> s.repeat(8));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, fragments),
        net.jqwik.api.Tuple.of(4, unicode),
        net.jqwik.api.Tuple.of(1, huge));
  }

  private static Arbitrary<String> validName() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12)
        .map(s -> "c" + s);
  }

  private static Arbitrary<String> maybeHostile(Arbitrary<String> valid) {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, valid), net.jqwik.api.Tuple.of(1, hostile()),
        net.jqwik.api.Tuple.of(1, Combinators.combine(valid, hostile()).as((v, h) -> v + h)));
  }

  private static Arbitrary<String> urls() {
    return maybeHostile(Arbitraries.of("testpattern", "testpattern:640x480@25", "rtsp://10.0.0.5:554/s",
        "rtsps://cam.example/s?x=1", "http://cam/mjpeg", "/dev/video0", "file:///v/a.mp4", "srt://cam:9000",
        "rtsp://admin:pw@cam/s", "rtsp://cam/s?token=a@b"));
  }

  private static Arbitrary<CameraSpec> cameras(Arbitrary<String> names) {
    Arbitrary<SecretCredentialsRef> refs = Combinators.combine(maybeHostile(Arbitraries.of("cam-secret")),
        maybeHostile(Arbitraries.of("username", "user.name")), maybeHostile(Arbitraries.of("password")))
        .as((name, user, pass) -> {
          SecretCredentialsRef ref = new SecretCredentialsRef();
          ref.setName(name);
          ref.setUsernameKey(user);
          ref.setPasswordKey(pass);
          return ref;
        }).injectNull(0.6);
    Arbitrary<VideoSpec> videos = Combinators.combine(Arbitraries.integers().between(-10, 10_000).injectNull(0.3),
        Arbitraries.integers().between(-10, 10_000).injectNull(0.3),
        Arbitraries.integers().between(-1, 500).injectNull(0.3),
        Arbitraries.integers().between(-1, 100_000).injectNull(0.3)).as((w, h, fps, kbps) -> {
          VideoSpec video = new VideoSpec();
          video.setWidth(w);
          video.setHeight(h);
          video.setFps(fps);
          video.setBitrateKbps(kbps);
          return video;
        }).injectNull(0.5);
    Arbitrary<Map<String, String>> nodeSelectors = Arbitraries.maps(
        maybeHostile(Arbitraries.of("kubernetes.io/hostname", "zone")), maybeHostile(Arbitraries.of("node-1", "")))
        .ofMaxSize(3).injectNull(0.6);
    return Combinators.combine(names, urls(), refs, Arbitraries.of(StreamMode.class).injectNull(0.2), videos,
        nodeSelectors).as((name, url, ref, mode, video, nodeSelector) -> {
          CameraSpec camera = CameraStreams.camera(name, url);
          camera.getSource().setCredentialsSecretRef(ref);
          camera.setMode(mode);
          camera.setVideo(video);
          camera.setNodeSelector(nodeSelector);
          return camera;
        });
  }

  @Provide
  Arbitrary<CameraStream> cameraStreams() {
    Arbitrary<String> resourceNames = maybeHostile(Arbitraries.of("site", "a", "cams-1"));
    Arbitrary<List<CameraSpec>> cameraLists = cameras(maybeHostile(validName())).list().ofMinSize(0).ofMaxSize(6);
    Arbitrary<MediaMtxSpec> mediamtx = Combinators.combine(
        Arbitraries.of(ReaderAccess.class).injectNull(0.2),
        maybeHostile(Arbitraries.of("203.0.113.7", "cams.example.com", "2001:db8::1")).list().ofMaxSize(4)
            .injectNull(0.3),
        maybeHostile(Arbitraries.of("bluenviron/mediamtx:1.20.1")).injectNull(0.7)).as((readers, hosts, image) -> {
          MediaMtxSpec spec = new MediaMtxSpec();
          spec.setReaders(readers);
          spec.setWebrtcAdditionalHosts(hosts);
          spec.setImage(image);
          return spec;
        }).injectNull(0.3);
    Arbitrary<StreamerDefaultsSpec> streamer = maybeHostile(Arbitraries.of("ghcr.io/x/streamer:1"))
        .map(image -> {
          StreamerDefaultsSpec spec = new StreamerDefaultsSpec();
          spec.setImage(image);
          return spec;
        }).injectNull(0.7);
    return Combinators.combine(resourceNames, cameraLists, mediamtx, streamer).as((name, cameras, mtx, str) -> {
      CameraStream cameraStream = CameraStreams.of("ns", name, cameras.toArray(CameraSpec[]::new));
      cameraStream.getSpec().setMediamtx(mtx);
      cameraStream.getSpec().setStreamer(str);
      return cameraStream;
    });
  }

  /** Any text but a leading "~", which MediaMTX reads as a regular expression: refusing it is the validator's job. */
  @Provide
  Arbitrary<List<String>> rawNames() {
    return hostile().filter(name -> !name.startsWith("~")).list().ofMinSize(1).ofMaxSize(6)
        .map(list -> List.copyOf(new LinkedHashSet<>(list)));
  }

  @Provide
  Arbitrary<List<String>> rawHosts() {
    return hostile().list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> rawCredential() {
    return hostile();
  }
}
