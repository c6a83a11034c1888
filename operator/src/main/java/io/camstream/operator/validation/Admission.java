package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.observation.Observation;
import io.camstream.operator.webrtc.IceServers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a CameraStream may be reconciled against the world as observed: every check that must pass before
 * anything is written, all run, all problems returned at once. A pure function: the same spec and observation
 * always give the same problems.
 *
 * <p>The spec comes first: a spec with mistakes gets all of them (InvalidSpec), and the world is not judged against
 * it. A valid spec is then checked against what was observed, in this order: the WebRTC node port, the MediaMTX
 * users, the TURN servers' Secrets, the cameras' Secrets, the pulled cameras' credentials, the recordings' claim and
 * the names of the objects to create. A problem that concerns only one streamer camera — its Secret, its resources
 * the API server would refuse — holds only that camera ({@link SpecProblem#heldCamera()}): its running streamer is
 * kept while the other cameras reconcile, and the world is still judged for them. A problem of the recordings' own
 * claim (it cannot grow, shrink or change its class) holds only the claim ({@link SpecProblem#holdsRecordings()}).
 * Every other problem stops the whole reconcile.
 */
public final class Admission {
  private Admission() {
  }

  /**
   * Every problem, those that stop the whole reconcile first, each group in the order above: the first is the one
   * {@code Ready} reports. Empty when the CameraStream may be reconciled as it is.
   */
  public static List<SpecProblem> check(CameraStream cameraStream, Observation observed) {
    List<SpecProblem> specProblems = SpecValidator.validate(cameraStream);
    if (blocks(specProblems)) {
      return blockingFirst(specProblems);
    }
    // What is left of the spec's problems holds single cameras: the world is judged for the rest.
    List<SpecProblem> problems = new ArrayList<>(specProblems);
    WebRtcNodePortCheck.check(cameraStream, observed.mediaMtxServices(), observed.cameraStreams())
        .ifPresent(problems::add);
    problems.addAll(MediaMtxCredentialsCheck.check(cameraStream, observed.credentials()));
    problems.addAll(IceServers.resolve(cameraStream, observed::labelledSecret, observed::anySecret).problems());
    Map<String, SpecProblem> secretProblems = cameraSecretProblems(cameraStream, observed);
    problems.addAll(secretProblems.values());
    // A pulled camera's credentials are part of its MediaMTX path: writing that path without them would stop the
    // running camera, so the whole resource waits for its Secret.
    PulledCameraCredentials.resolve(cameraStream, observed::labelledSecret).problems().forEach((camera, problem) -> {
      if (!secretProblems.containsKey(camera)) {
        problems.add(problem);
      }
    });
    RecordingsVolumeCheck.check(cameraStream, observed.recordingsClaim(), observed.recordingsStorageClass())
        .ifPresent(problems::add);
    problems.addAll(NameConflictCheck.check(cameraStream, sameNamedUnlessHeld(cameraStream, observed,
        heldCameras(problems).keySet())));
    return blockingFirst(problems);
  }

  private static List<SpecProblem> blockingFirst(List<SpecProblem> problems) {
    List<SpecProblem> ordered = new ArrayList<>(problems.stream().filter(SpecProblem::blocks).toList());
    problems.stream().filter(problem -> !problem.blocks()).forEach(ordered::add);
    return List.copyOf(ordered);
  }

  /** The held cameras, each with its first problem, in the order the problems came. */
  public static Map<String, SpecProblem> heldCameras(List<SpecProblem> problems) {
    Map<String, SpecProblem> held = new LinkedHashMap<>();
    problems.forEach(problem -> problem.heldCamera().ifPresent(camera -> held.putIfAbsent(camera, problem)));
    return held;
  }

  /** The problem that holds the recordings' claim (left as it is while everything else reconciles), if any. */
  public static Optional<SpecProblem> heldRecordings(List<SpecProblem> problems) {
    return problems.stream().filter(SpecProblem::holdsRecordings).findFirst();
  }

  /** Whether any problem stops the whole reconcile. */
  public static boolean blocks(List<SpecProblem> problems) {
    return problems.stream().anyMatch(SpecProblem::blocks);
  }

  /**
   * Each camera Secret's problem, by camera name in spec order: a streamer camera's holds only that camera, a pulled
   * camera's blocks.
   */
  private static Map<String, SpecProblem> cameraSecretProblems(CameraStream cameraStream, Observation observed) {
    CameraSecrets secrets = CameraSecretsCheck.check(cameraStream, observed::labelledSecret, observed::anySecret);
    Map<String, SpecProblem> problems = new LinkedHashMap<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      SpecProblem problem = secrets.problems().get(camera.getName());
      if (problem != null) {
        problems.put(camera.getName(), StreamMode.of(camera).usesStreamer() ? problem.holding(camera.getName())
            : problem);
      }
    }
    return problems;
  }

  /** A held camera gets no new streamer, so another object under its streamer's name is no conflict. */
  private static List<HasMetadata> sameNamedUnlessHeld(CameraStream cameraStream, Observation observed,
      Set<String> held) {
    Set<String> heldStreamers = held.stream().map(camera -> ResourceNames.streamer(cameraStream, camera))
        .collect(Collectors.toSet());
    return observed.sameNamed().stream()
        .filter(live -> !(live instanceof Deployment && heldStreamers.contains(live.getMetadata().getName())))
        .toList();
  }
}
