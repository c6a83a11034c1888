package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.StreamerDefaultsSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxConfigBuilder;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.MediaMtxPathConfig;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.StreamerDeploymentBuilder;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.validation.MediaMtxCredentialsCheck;
import io.camstream.operator.validation.PulledCameraCredentials;
import io.camstream.operator.webrtc.AnnouncedHosts;
import io.camstream.operator.webrtc.WebRtcSettings;
import io.camstream.operator.validation.SpecProblem;
import io.camstream.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
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
import net.jqwik.api.statistics.Statistics;

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
  void everySpecIsEitherRejectedWithAReasonOrBuiltExactlyAsMeant(@ForAll("cameraStreams") CameraStream spec,
      @ForAll("rawCredential") String cameraUser, @ForAll("rawCredential") String cameraPassword) {
    List<SpecProblem> problems = SpecValidator.validate(spec);
    if (!problems.isEmpty()) {
      assertThat(problems).allSatisfy(problem -> {
        assertThat(problem.reason()).isEqualTo(SpecProblem.INVALID_SPEC);
        assertThat(problem.message()).isNotBlank().hasSizeLessThan(1000).doesNotContain("\n");
      });
      return;
    }
    assertBuiltExactlyAsMeant(spec, cameraUser, cameraPassword);
  }

  /**
   * Cameras MediaMTX pulls and recording, in specs that pass the validator, with hostile camera credentials: the
   * paths, permissions, claim and streamers are exactly what was meant.
   */
  @Property(tries = 500)
  void pulledAndRecordedCamerasAreBuiltExactlyAsMeant(@ForAll("pullAndRecordStreams") CameraStream spec,
      @ForAll("rawCredential") String cameraUser, @ForAll("rawCredential") String cameraPassword) {
    assertThat(SpecValidator.validate(spec)).isEmpty();
    Statistics.label("pulled with a Secret").collect(spec.getSpec().getCameras().stream()
        .anyMatch(c -> c.getMode() == StreamMode.PULL && c.getSource().getCredentialsSecretRef() != null))
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 50));
    Statistics.label("recording").collect(Recording.configured(spec))
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 50));
    assertBuiltExactlyAsMeant(spec, cameraUser, cameraPassword);
  }

  private void assertBuiltExactlyAsMeant(CameraStream spec, String cameraUser, String cameraPassword) {
    // Every camera Secret holds the hostile username and password under whatever keys the spec names.
    PulledCameraCredentials.Resolution pulled = PulledCameraCredentials.resolve(spec,
        name -> Optional.of(cameraSecret(spec, name, cameraUser, cameraPassword)));
    if (!pulled.problems().isEmpty()) {
      assertThat(pulled.problems().values()).allSatisfy(problem ->
          assertThat(problem.reason()).isEqualTo(SpecProblem.INVALID_CREDENTIALS));
      assertThat(cameraUser.isEmpty() != cameraPassword.isEmpty()).isTrue();
      return;
    }
    DesiredState desired = DesiredState.of(spec, OperatorDefaults.standard(),
        CredentialsResolver.resolve(spec, Map.of(), passwords), WebRtcSettings.fromSpec(spec), pulled.credentials(),
        Map.of());
    List<String> cameras = spec.getSpec().getCameras().stream().map(CameraSpec::getName).toList();
    MediaMtxAuthModel model = assertConfigIsExactlyTheIntendedOne(desired.mediaMtxYaml(), cameras,
        desired.credentials(), hosts(spec), Recording.configured(spec));
    assertPathsAreExactlyTheIntendedOnes(spec, model, cameraUser, cameraPassword);
    assertThat(desired.streamers().keySet()).containsExactlyElementsOf(spec.getSpec().getCameras().stream()
        .filter(c -> StreamMode.of(c).usesStreamer()).map(CameraSpec::getName).toList());
    assertThat(desired.recordings().isPresent()).isEqualTo(Recording.configured(spec));
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
    MediaMtxAuthModel model = assertConfigIsExactlyTheIntendedOne(yaml, names, credentials, hosts, false);
    assertThat(model.users()).extracting(MediaMtxAuthModel.User::pass)
        .doesNotContain(password, password + "-api", password + "-reader");
  }

  /**
   * A username a user typed into {@code <name>-mediamtx-credentials} reaches {@code mediamtx.yml} only if MediaMTX
   * would load it; anything else is InvalidCredentials naming the key, with a message from a fixed set (so it can
   * never carry the value).
   */
  @Property(tries = 2000)
  void hostileUsernamesInTheCredentialsSecretNeverReachTheConfig(@ForAll("usernameKeys") String key,
      @ForAll("usernames") String username) {
    CameraStream site = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    site.getSpec().setMediamtx(mediamtx);
    MediaMtxCredentials credentials = CredentialsResolver.resolve(site, Map.of(key, username), passwords);
    List<SpecProblem> problems = MediaMtxCredentialsCheck.check(site, credentials);

    boolean blank = username.isBlank();
    boolean takenByAnotherUser = DEFAULT_USERNAMES.entrySet().stream()
        .anyMatch(user -> !user.getKey().equals(key) && user.getValue().equals(username));
    boolean mediaMtxWouldLoad = blank || (MEDIAMTX_USERNAME.matcher(username).matches() && !username.equals("any")
        && !takenByAnotherUser && username.length() <= MediaMtxCredentialsCheck.MAX_USERNAME_LENGTH);
    if (!problems.isEmpty()) {
      assertThat(mediaMtxWouldLoad).as("rejected %s", key).isFalse();
      assertThat(problems).singleElement().satisfies(problem -> {
        assertThat(problem.reason()).isEqualTo(SpecProblem.INVALID_CREDENTIALS);
        assertThat(problem.message()).isIn(possibleMessages(site, key));
      });
      return;
    }
    assertThat(mediaMtxWouldLoad).as("accepted %s", key).isTrue();
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), credentials);
    MediaMtxAuthModel model = MediaMtxAuthModel.of(MediaMtxConfigSecretBuilder.yaml(desired.configSecret()));
    assertThat(model.loadError()).isEmpty();
    if (!blank) {
      assertThat(model.users()).extracting(MediaMtxAuthModel.User::user).contains(username);
    }
  }

  private static final Pattern MEDIAMTX_USERNAME = Pattern.compile("^[a-zA-Z0-9!$()*+.;<=>\\[\\]^_\\-{}@#&]+$");
  private static final Map<String, String> DEFAULT_USERNAMES = Map.of(
      CredentialKeys.PUBLISHER_USERNAME, CredentialKeys.PUBLISHER_USER, CredentialKeys.API_USERNAME,
      CredentialKeys.API_USER, CredentialKeys.READER_USERNAME, CredentialKeys.READER_USER);

  /** Every message the check can give for this key, found with canary values that cannot be confused with input. */
  private List<String> possibleMessages(CameraStream site, String key) {
    List<String> messages = new ArrayList<>();
    List<String> canaries = new ArrayList<>(List.of("bad name", "any"));
    canaries.addAll(DEFAULT_USERNAMES.values());
    for (String canary : canaries) {
      MediaMtxCredentialsCheck.check(site, CredentialsResolver.resolve(site, Map.of(key, canary), passwords))
          .forEach(p -> messages.add(p.message()));
    }
    return messages;
  }

  @Provide
  Arbitrary<String> usernameKeys() {
    return Arbitraries.of(CredentialKeys.PUBLISHER_USERNAME, CredentialKeys.API_USERNAME,
        CredentialKeys.READER_USERNAME);
  }

  /** Hostile text, and names MediaMTX accepts that look like YAML or shell syntax. */
  @Provide
  Arbitrary<String> usernames() {
    Arbitrary<String> mediaMtxCharset = Arbitraries.strings().withChars("aZ09!$()*+.;<=>[]^_-{}@#&")
        .ofMinLength(1).ofMaxLength(20);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, hostile()), net.jqwik.api.Tuple.of(2, mediaMtxCharset),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("any", "ANY", CredentialKeys.API_USER, CredentialKeys.READER_USER,
            "a".repeat(257), "a".repeat(256), "user name", "us%er", "caméra", "sha256:abc=", "")));
  }

  @Example
  void hugeStringsAreRejectedWithoutEchoingThem() {
    String huge = "rtsp://cam/" + "a".repeat(1_000_000);
    CameraStream spec = CameraStreams.of("ns", "site", CameraStreams.camera("lobby", huge));
    assertThat(SpecValidator.validate(spec)).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo(SpecProblem.INVALID_SPEC);
      assertThat(p.message()).contains("spec.cameras[0].source.url").hasSizeLessThan(1000);
    });
    spec = CameraStreams.of("ns", "site", CameraStreams.testPattern("x".repeat(100_000)));
    assertThat(SpecValidator.validate(spec)).singleElement().satisfies(p ->
        assertThat(p.message()).contains("spec.cameras[0].name").hasSizeLessThan(1000));
  }

  // --- what "exactly as meant" means ----------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static MediaMtxAuthModel assertConfigIsExactlyTheIntendedOne(String yaml, List<String> cameras,
      MediaMtxCredentials credentials, List<String> hosts, boolean recording) {
    MediaMtxAuthModel model = MediaMtxAuthModel.of(yaml);
    Map<String, Object> config = model.config();
    List<String> keys = new ArrayList<>(REFERENCE_KEYS);
    if (recording) {
      keys.add(keys.indexOf("playback") + 1, "playbackAddress");
    }
    if (credentials.hlsCdnSecret().isPresent()) {
      keys.add(keys.indexOf("hlsVariant") + 1, "hlsCDNSecret");
      assertThat(config.get("hlsCDNSecret")).isEqualTo(credentials.hlsCdnSecret().get());
    }
    assertThat(config.keySet()).as("top-level keys").containsExactlyElementsOf(keys);
    assertThat(config.get("playback")).isEqualTo(recording);
    List<String> paths = new ArrayList<>(cameras);
    if (recording) {
      paths.add(MediaMtxPathConfig.REMOVED_CAMERAS);
    }
    assertThat(((Map<String, Object>) config.get("paths")).keySet()).containsExactlyElementsOf(paths);
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
      assertThat(model.anonymousMay("playback", camera)).isEqualTo(recording && credentials.reader().isEmpty());
      credentials.reader().ifPresent(reader -> assertThat(model.may(reader.username(), reader.password(),
          "playback", camera)).isEqualTo(recording));
    }
    for (MediaMtxAuthModel.User user : model.users()) {
      assertThat(user.ips()).isEmpty();
      for (MediaMtxAuthModel.Permission permission : user.permissions()) {
        if (permission.action().equals("playback")) {
          assertThat(permission.path()).as("recordings of any camera, removed ones too")
              .isEqualTo(MediaMtxPathConfig.REMOVED_CAMERAS);
        } else if (!permission.action().equals("api") && !permission.action().equals("metrics")) {
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

  /**
   * Each camera's path: pushed cameras wait for their streamer; a pulled one reads exactly the spec's URL, with the
   * Secret's username and password as percent-encoded user-info that no character can break out of.
   */
  @SuppressWarnings("unchecked")
  private static void assertPathsAreExactlyTheIntendedOnes(CameraStream spec, MediaMtxAuthModel model,
      String cameraUser, String cameraPassword) {
    Map<String, Object> paths = (Map<String, Object>) model.config().get("paths");
    for (CameraSpec camera : spec.getSpec().getCameras()) {
      Map<String, Object> path = (Map<String, Object>) paths.get(camera.getName());
      assertThat(path.get("record")).isEqualTo(Recording.records(spec, camera));
      assertThat(path.containsKey("recordPath")).isEqualTo(Recording.configured(spec));
      if (StreamMode.of(camera) != StreamMode.PULL) {
        assertThat(path).containsEntry("source", "publisher").doesNotContainKey("rtspTransport");
        continue;
      }
      assertThat(path).containsEntry("rtspTransport", "tcp").containsEntry("sourceOnDemand", false);
      String url = camera.getSource().getUrl();
      String source = (String) path.get("source");
      if (camera.getSource().getCredentialsSecretRef() == null || cameraUser.isEmpty()) {
        assertThat(source).isEqualTo(url);
        continue;
      }
      int authority = url.indexOf("://") + 3;
      assertThat(source).startsWith(url.substring(0, authority)).endsWith("@" + url.substring(authority));
      String userInfo = source.substring(authority, source.length() - url.length() + authority - 1);
      assertThat(userInfo).matches("^[A-Za-z0-9._~%-]+:[A-Za-z0-9._~%-]+$");
      String[] parts = userInfo.split(":");
      assertThat(URLDecoder.decode(parts[0], StandardCharsets.UTF_8)).isEqualTo(cameraUser);
      assertThat(URLDecoder.decode(parts[1], StandardCharsets.UTF_8)).isEqualTo(cameraPassword);
    }
  }

  /** The Secret {@code name} holding the username and password under every key the spec's cameras name. */
  private static Secret cameraSecret(CameraStream spec, String name, String username, String password) {
    Map<String, String> data = new LinkedHashMap<>();
    for (CameraSpec camera : spec.getSpec().getCameras()) {
      SecretCredentialsRef ref = camera.getSource().getCredentialsSecretRef();
      if (ref != null && name.equals(ref.getName())) {
        data.put(StreamerDeploymentBuilder.keyOrDefault(ref.getUsernameKey(), "username"), base64(username));
        data.put(StreamerDeploymentBuilder.keyOrDefault(ref.getPasswordKey(), "password"), base64(password));
      }
    }
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
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
        "rtsp://admin:pw@cam/s", "rtsp://cam/s?token=a@b", "rtsp://[2001:db8::5]:554/s", "rtsp://cam/p%20ath",
        "rtsp://admin@cam/s", "rtsp://cam/s#x"));
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
        nodeSelectors, Arbitraries.of(true, false).injectNull(0.6)).as((name, url, ref, mode, video, nodeSelector,
            record) -> {
          CameraSpec camera = CameraStreams.camera(name, url);
          camera.getSource().setCredentialsSecretRef(ref);
          camera.setMode(mode);
          camera.setVideo(video);
          camera.setNodeSelector(nodeSelector);
          camera.setRecord(record);
          return camera;
        });
  }

  /** Valid specs with pulled cameras (by Secret or not) and pushed ones, mostly recording. */
  @Provide
  Arbitrary<CameraStream> pullAndRecordStreams() {
    Arbitrary<String> urls = Arbitraries.of("rtsp://10.0.0.7/h264", "rtsps://cam.example:322/s?ch=1&sub=0",
        "rtsp://[2001:db8::5]:554/s", "rtsp://cam/p%20ath?token=a@b", "rtsp://cam:554");
    Arbitrary<CameraSpec> pulledCameras = Combinators.combine(validName(), urls, Arbitraries.of(true, false),
        Arbitraries.of(true, false).injectNull(0.5)).as((name, url, bySecret, record) -> {
          CameraSpec camera = bySecret ? CameraStreams.pulledWithSecret(name, url, "cam-secret")
              : CameraStreams.pulled(name, url);
          camera.setRecord(record);
          return camera;
        });
    Arbitrary<CameraSpec> pushedCameras = validName().map(CameraStreams::testPattern);
    Arbitrary<List<CameraSpec>> cameras = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, pulledCameras),
        net.jqwik.api.Tuple.of(1, pushedCameras)).list().ofMinSize(1).ofMaxSize(5)
        .uniqueElements(CameraSpec::getName);
    Arbitrary<RecordingSpec> recording = Combinators.combine(Arbitraries.of(true, false).injectNull(0.3),
        Arbitraries.of("72h", "3d", "1d12h", "24h"), Arbitraries.of("1h", "90m", "30s", "24h"),
        Arbitraries.of("50Gi", "500G", "1.5Ti"), Arbitraries.of(ReclaimPolicy.class))
        .as((enabled, retention, segment, size, policy) -> {
          RecordingSpec spec = CameraStreams.recording(size, policy);
          spec.setEnabled(enabled);
          spec.setRetention(retention);
          spec.setSegmentDuration(segment);
          return spec;
        }).injectNull(0.3);
    return Combinators.combine(cameras, recording, Arbitraries.of(ReaderAccess.class)).as((list, rec, readers) -> {
      CameraStream cameraStream = CameraStreams.of("ns", "site", list.toArray(CameraSpec[]::new));
      cameraStream.getSpec().setRecording(rec);
      if (rec == null) {
        // record: true needs spec.recording; the validator's refusal of it is tested elsewhere
        list.stream().filter(camera -> Boolean.TRUE.equals(camera.getRecord())).forEach(c -> c.setRecord(null));
      }
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setReaders(readers);
      cameraStream.getSpec().setMediamtx(mediamtx);
      return cameraStream;
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
    Arbitrary<String> durations = maybeHostile(Arbitraries.of("72h", "1h", "3d", "1d12h", "90m", "30s", "25h", "0s",
        "500ms", "1.5h")).injectNull(0.3);
    Arbitrary<RecordingSpec> recording = Combinators.combine(Arbitraries.of(true, false).injectNull(0.3), durations,
        durations, maybeHostile(Arbitraries.of("50Gi", "500G", "1", "0", "1.5Ti")),
        maybeHostile(Arbitraries.of("fast", "standard-rwo")).injectNull(0.6),
        Arbitraries.of(ReclaimPolicy.class).injectNull(0.3)).as((enabled, retention, segment, size, storageClass,
            policy) -> {
          RecordingSpec spec = CameraStreams.recording(size, policy);
          spec.setEnabled(enabled);
          spec.setRetention(retention);
          spec.setSegmentDuration(segment);
          spec.getStorage().setStorageClassName(storageClass);
          return spec;
        }).injectNull(0.5);
    return Combinators.combine(resourceNames, cameraLists, mediamtx, streamer, recording).as((name, cameras, mtx,
        str, rec) -> {
      CameraStream cameraStream = CameraStreams.of("ns", name, cameras.toArray(CameraSpec[]::new));
      cameraStream.getSpec().setMediamtx(mtx);
      cameraStream.getSpec().setStreamer(str);
      cameraStream.getSpec().setRecording(rec);
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
