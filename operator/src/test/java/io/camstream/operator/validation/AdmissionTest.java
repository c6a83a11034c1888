package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.api.spec.StreamerDefaultsSpec;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.MediaMtxServiceBuilder;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.observation.ClaimStorageClass;
import io.camstream.operator.observation.Observation;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.webrtc.NodeAddresses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Admission as a table: a spec and what was observed of the world, and exactly the problems that come out, in order,
 * each with its reason, the camera it holds (if any) and the start of its message.
 */
class AdmissionTest {
  private static final String UID = "uid-site";

  static Stream<Arguments> table() {
    return Stream.of(
        row("a valid spec in an empty namespace", site(), world(), List.of()),
        row("every spec mistake at once, in field order, and the world is not judged against them",
            site(cs -> {
              cs.getSpec().getCameras().add(testPattern("mediamtx"));
              cs.getSpec().getCameras().add(testPattern("lobby"));
              cs.getSpec().setMediamtx(mediamtx(m -> m.setWebrtcNodePort(1)));
            }),
            world(w -> w.sameNamed.add(foreignDeployment("site-lobby"))),
            List.of(problem("InvalidSpec", "spec.cameras[1].name \"mediamtx\" is reserved"),
                problem("InvalidSpec", "spec.cameras[2].name \"lobby\" is used by more than one camera"),
                problem("InvalidSpec", "spec.mediamtx.webrtcNodePort must be between"))),
        row("a node port another CameraStream's Service holds", pinning(31189),
            world(w -> {
              CameraStream theirs = pinning(31189);
              theirs.getMetadata().setNamespace("other");
              w.services.add(MediaMtxServiceBuilder.build(theirs));
            }),
            List.of(problem("NodePortInUse", "spec.mediamtx.webrtcNodePort: node port 31189 is already used by"
                + " Service other/site-mediamtx"))),
        row("the node port this CameraStream's own Service holds", pinning(31189),
            world(w -> w.services.add(MediaMtxServiceBuilder.build(pinning(31189)))), List.of()),
        row("a stored MediaMTX username MediaMTX would refuse, and its anonymous user", site(),
            world(w -> w.credentials = new MediaMtxCredentials(new MediaMtxCredentials.User("pub lisher", "a"),
                new MediaMtxCredentials.User("any", "b"), Optional.empty())),
            List.of(problem("InvalidCredentials", "Secret \"site-mediamtx-credentials\" key \"publisher-username\""),
                problem("InvalidCredentials", "Secret \"site-mediamtx-credentials\" key \"api-username\""))),
        row("each TURN server's Secret: missing, not opted in", withTurnServers("turn-a", "turn-b"),
            world(w -> w.unlabelled.put("turn-b", secret("turn-b", Map.of()))),
            List.of(problem("SecretNotFound", "spec.mediamtx.iceServers[0].credentialsSecretRef.name: Secret"
                    + " \"turn-a\" not found"),
                problem("SecretNotLabelled", "spec.mediamtx.iceServers[1].credentialsSecretRef.name: Secret"
                    + " \"turn-b\" is not opted in"))),
        row("a streamer camera's missing Secret holds only that camera", site(withSecret("door", "door-cam")),
            world(),
            List.of(held("door", "SecretNotFound", "spec.cameras[1].source.credentialsSecretRef.name: Secret"
                + " \"door-cam\" not found"))),
        row("a streamer camera's usable Secret", site(withSecret("door", "door-cam")),
            world(w -> w.labelled.put("door-cam", CameraStreams.cameraSecret("door-cam", "admin", "pw"))),
            List.of()),
        row("a pulled camera's missing Secret stops everything, reported once",
            site(pulledWithSecret("gate", "gate-cam")), world(),
            List.of(problem("SecretNotFound", "spec.cameras[1].source.credentialsSecretRef.name: Secret"
                + " \"gate-cam\" not found"))),
        row("a pulled camera's Secret with a username and an empty password",
            site(pulledWithSecret("gate", "gate-cam")),
            world(w -> w.labelled.put("gate-cam", CameraStreams.cameraSecret("gate-cam", "admin", ""))),
            List.of(problem("InvalidCredentials", "spec.cameras[1].source.credentialsSecretRef: Secret \"gate-cam\""
                + " key \"password\" is empty"))),
        row("a recordings claim larger than the spec asks for holds only the claim", recording("10Gi"),
            world(w -> w.claim = RecordingsVolumeBuilder.build(recording("50Gi"))),
            List.of(heldRecordings("StorageCannotShrink", "spec.recording.storage.size 10Gi is smaller than"))),
        row("a recordings claim that cannot grow holds only the claim, after what stops everything",
            recording("100Gi"),
            world(w -> {
              w.claim = bound(RecordingsVolumeBuilder.build(recording("50Gi")), "standard");
              w.storageClass = ClaimStorageClass.found(new StorageClassBuilder().withNewMetadata()
                  .withName("standard").endMetadata().build());
              w.sameNamed.add(foreignDeployment("site-lobby"));
            }),
            List.of(problem("NameConflict", "Deployment \"site-lobby\" already exists"),
                heldRecordings("StorageCannotGrow", "spec.recording.storage.size 100Gi is larger than"
                    + " PersistentVolumeClaim \"site-recordings\" (50Gi), which cannot grow: its StorageClass"
                    + " \"standard\" does not allow volume expansion"))),
        row("an object of another owner under a name this CameraStream creates", site(),
            world(w -> w.sameNamed.add(foreignDeployment("site-lobby"))),
            List.of(problem("NameConflict", "Deployment \"site-lobby\" already exists in namespace ns"))),
        row("an object this CameraStream owns already", site(),
            world(w -> w.sameNamed.add(ownDeployment("site-lobby"))), List.of()),
        row("a held camera gets no streamer: another object under its streamer's name is no conflict",
            site(withSecret("door", "door-cam")), world(w -> w.sameNamed.add(foreignDeployment("site-door"))),
            List.of(held("door", "SecretNotFound", "spec.cameras[1].source.credentialsSecretRef.name"))),
        row("only a held camera's streamer is spared: a Secret under the same name still conflicts",
            site(withSecret("mediamtx-config", "cam")),
            world(w -> w.sameNamed.add(new SecretBuilder().withNewMetadata().withName("site-mediamtx-config")
                .endMetadata().build())),
            List.of(problem("NameConflict", "Secret \"site-mediamtx-config\" already exists"),
                held("mediamtx-config", "SecretNotFound", "spec.cameras[1].source.credentialsSecretRef.name"))),
        row("resources the API server would refuse hold only their camera, and the world is judged for the rest",
            site(withResources("door", Map.of("cpu", "2"), Map.of("cpu", "1"))),
            world(w -> w.sameNamed.add(foreignDeployment("site-door"))),
            List.of(held("door", "InvalidSpec", "spec.cameras[1].resources.requests.cpu 2 is more than its limit 1"))),
        row("spec.streamer's resources hold every camera that uses them, not one with its own",
            site(cs -> {
              cs.getSpec().getCameras().add(withResources("door", Map.of("cpu", "1"), Map.of()));
              cs.getSpec().getCameras().add(CameraStreams.pulled("gate", "rtsp://10.0.0.10/live"));
              StreamerDefaultsSpec streamer = new StreamerDefaultsSpec();
              streamer.setResources(CameraStreams.resources(Map.of(), Map.of("gpu", "1")));
              cs.getSpec().setStreamer(streamer);
            }),
            world(),
            List.of(held("lobby", "InvalidSpec", "spec.streamer.resources.limits.gpu: \"gpu\" is not a resource"))),
        row("a held camera's resources and a mistake that stops everything: every spec problem, blocking first",
            site(cs -> {
              cs.getSpec().getCameras().add(withResources("door", Map.of("example.com/dongle", "1"), Map.of()));
              cs.getSpec().getCameras().add(testPattern("lobby"));
            }),
            world(w -> w.sameNamed.add(foreignDeployment("site-lobby"))),
            List.of(problem("InvalidSpec", "spec.cameras[2].name \"lobby\" is used by more than one camera"),
                held("door", "InvalidSpec", "spec.cameras[1].resources.requests[\"example.com/dongle\"] needs a"
                    + " limit of the same amount"))),
        row("a camera held by its Secret and by its resources is held once, by the first",
            site(cs -> {
              CameraSpec door = withSecret("door", "door-cam");
              door.setResources(CameraStreams.resources(Map.of("memory", "1Gi"), Map.of("memory", "512Mi")));
              cs.getSpec().getCameras().add(door);
            }),
            world(),
            List.of(held("door", "InvalidSpec", "spec.cameras[1].resources.requests.memory 1Gi is more than"),
                held("door", "SecretNotFound", "spec.cameras[1].source.credentialsSecretRef.name"))),
        row("every problem of the world at once: those that stop everything first, then the held cameras",
            pinningWith(31189, withSecret("door", "door-cam"), pulledWithSecret("gate", "gate-cam")),
            world(w -> {
              CameraStream theirs = pinning(31189);
              theirs.getMetadata().setNamespace("other");
              w.services.add(MediaMtxServiceBuilder.build(theirs));
              w.sameNamed.add(foreignDeployment("site-mediamtx"));
            }),
            List.of(problem("NodePortInUse", "spec.mediamtx.webrtcNodePort"),
                problem("SecretNotFound", "spec.cameras[2].source.credentialsSecretRef.name: Secret \"gate-cam\""),
                problem("NameConflict", "Deployment \"site-mediamtx\""),
                held("door", "SecretNotFound", "spec.cameras[1].source.credentialsSecretRef.name: Secret"
                    + " \"door-cam\""))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void problemsOf(String what, CameraStream spec, Observation observed, List<Expected> expected) {
    List<SpecProblem> problems = Admission.check(spec, observed);
    assertThat(problems).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Expected wanted = expected.get(i);
      SpecProblem problem = problems.get(i);
      assertThat(problem.reason()).as(what + " #" + i).isEqualTo(wanted.reason());
      assertThat(problem.heldCamera()).as(what + " #" + i).isEqualTo(wanted.heldCamera());
      assertThat(problem.holdsRecordings()).as(what + " #" + i).isEqualTo(wanted.holdsRecordings());
      assertThat(problem.message()).as(what + " #" + i).startsWith(wanted.messageStart());
    }
  }

  @Test
  void aCameraHeldTwiceIsHeldByItsFirstProblem() {
    SpecProblem resources = SpecProblem.invalidSpec("door's resources").holding("door");
    SpecProblem secret = new SpecProblem("SecretNotFound", "door's Secret").holding("door");

    assertThat(Admission.heldCameras(List.of(resources, secret))).containsExactly(Map.entry("door", resources));
  }

  @Test
  void heldCamerasAreTheProblemsThatHoldOneCameraAndOnlyTheOthersBlock() {
    SpecProblem missing = new SpecProblem("SecretNotFound", "door's Secret").holding("door");
    SpecProblem noKey = new SpecProblem("SecretKeyNotFound", "gate's key").holding("gate");
    SpecProblem conflict = new SpecProblem("NameConflict", "taken");

    assertThat(Admission.heldCameras(List.of(conflict, missing, noKey)))
        .containsExactly(Map.entry("door", missing), Map.entry("gate", noKey));
    assertThat(Admission.blocks(List.of(missing, noKey))).isFalse();
    assertThat(Admission.blocks(List.of(missing, conflict))).isTrue();
    assertThat(Admission.blocks(List.of())).isFalse();
    assertThat(missing.blocks()).isFalse();
    assertThat(conflict.blocks()).isTrue();

    SpecProblem cannotGrow = new SpecProblem("StorageCannotGrow", "the claim").holdingRecordings();
    assertThat(cannotGrow.blocks()).isFalse();
    assertThat(Admission.blocks(List.of(missing, cannotGrow))).isFalse();
    assertThat(Admission.heldCameras(List.of(cannotGrow, missing))).containsExactly(Map.entry("door", missing));
    assertThat(Admission.heldRecordings(List.of(missing, cannotGrow))).contains(cannotGrow);
    assertThat(Admission.heldRecordings(List.of(missing, conflict))).isEmpty();
  }

  // --- the table's vocabulary ---------------------------------------------------------------------------------

  record Expected(String reason, Optional<String> heldCamera, boolean holdsRecordings, String messageStart) {
    @Override
    public String toString() {
      return reason + heldCamera.map(camera -> " holding " + camera).orElse("")
          + (holdsRecordings ? " holding the recordings' claim" : "");
    }
  }

  private static Arguments row(String what, CameraStream spec, Observation observed, List<Expected> expected) {
    return Arguments.of(what, spec, observed, expected);
  }

  private static Expected problem(String reason, String messageStart) {
    return new Expected(reason, Optional.empty(), false, messageStart);
  }

  private static Expected held(String camera, String reason, String messageStart) {
    return new Expected(reason, Optional.of(camera), false, messageStart);
  }

  private static Expected heldRecordings(String reason, String messageStart) {
    return new Expected(reason, Optional.empty(), true, messageStart);
  }

  private static PersistentVolumeClaim bound(PersistentVolumeClaim claim, String storageClass) {
    claim.getSpec().setStorageClassName(storageClass);
    claim.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
    return claim;
  }

  /** What a test changes of an empty world. */
  private static final class World {
    MediaMtxCredentials credentials;
    final Map<String, Secret> labelled = new LinkedHashMap<>();
    final Map<String, Secret> unlabelled = new LinkedHashMap<>();
    final List<Service> services = new ArrayList<>();
    PersistentVolumeClaim claim;
    ClaimStorageClass storageClass;
    final List<HasMetadata> sameNamed = new ArrayList<>();
  }

  private static Observation world() {
    return world(w -> { });
  }

  private static Observation world(Consumer<World> change) {
    World world = new World();
    world.credentials = CredentialsResolver.resolve(site(), Map.of(), () -> "generated");
    change.accept(world);
    return new Observation(world.credentials, world.labelled, world.unlabelled, Optional.empty(),
        NodeAddresses.unreadable(), world.services, List.of(), Optional.ofNullable(world.claim), Map.of(),
        world.sameNamed, Optional.ofNullable(world.storageClass));
  }

  private static CameraStream site(CameraSpec... more) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getMetadata().setUid(UID);
    site.getSpec().getCameras().addAll(List.of(more));
    return site;
  }

  private static CameraStream site(Consumer<CameraStream> change) {
    CameraStream site = site();
    change.accept(site);
    return site;
  }

  private static CameraStream pinning(int port) {
    return pinningWith(port);
  }

  private static CameraStream pinningWith(int port, CameraSpec... more) {
    CameraStream site = site(more);
    site.getSpec().setMediamtx(mediamtx(m -> {
      m.setServiceType(ServiceType.NODE_PORT);
      m.setWebrtcNodePort(port);
    }));
    return site;
  }

  private static CameraStream recording(String size) {
    return site(cs -> cs.getSpec().setRecording(CameraStreams.recording(size, ReclaimPolicy.RETAIN)));
  }

  private static CameraStream withTurnServers(String... secrets) {
    List<IceServerSpec> servers = new ArrayList<>();
    for (String secret : secrets) {
      IceServerSpec server = new IceServerSpec();
      server.setUrl("turn:turn.example.com:3478");
      SecretCredentialsRef ref = new SecretCredentialsRef();
      ref.setName(secret);
      server.setCredentialsSecretRef(ref);
      servers.add(server);
    }
    return site(cs -> cs.getSpec().setMediamtx(mediamtx(m -> m.setIceServers(servers))));
  }

  private static MediaMtxSpec mediamtx(Consumer<MediaMtxSpec> change) {
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    change.accept(mediamtx);
    return mediamtx;
  }

  private static CameraSpec withSecret(String camera, String secret) {
    return CameraStreams.rtspCameraWithSecret(camera, "rtsp://10.0.0.9/live", secret);
  }

  private static CameraSpec withResources(String camera, Map<String, String> requests, Map<String, String> limits) {
    CameraSpec spec = testPattern(camera);
    spec.setResources(CameraStreams.resources(requests, limits));
    return spec;
  }


  private static CameraSpec pulledWithSecret(String camera, String secret) {
    return CameraStreams.pulledWithSecret(camera, "rtsp://10.0.0.10/live", secret);
  }

  private static Secret secret(String name, Map<String, String> labels) {
    return new SecretBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
  }

  private static Deployment foreignDeployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata().build();
  }

  private static Deployment ownDeployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("ns").addNewOwnerReference()
        .withKind("CameraStream").withName("site").withUid(UID).endOwnerReference().endMetadata().build();
  }
}
