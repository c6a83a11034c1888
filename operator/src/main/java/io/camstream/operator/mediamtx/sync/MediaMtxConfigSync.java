package io.camstream.operator.mediamtx.sync;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.api.MediaMtxApiUrl;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient.Outcome;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each running MediaMTX on the desired paths and users through its control API, so that a change takes effect
 * at once instead of after the kubelet's refresh of the mounted config (60-90 s) and MediaMTX's reload, which it
 * even skips when it comes within a second of the previous one. The file stays the source of truth for restarts: it
 * is written first, from the same pure functions as these API payloads, so a later reload of it changes nothing.
 *
 * <p>A reconcile pushes what changed since it last applied (users first: a rotated API user must be switched with the
 * one MediaMTX still accepts). Each poll compares MediaMTX's configured paths with the desired ones; a difference
 * that lasts the repair bound is drift (MediaMTX restarted from a file older than desired, a skipped reload), which
 * the next reconcile repairs and reports. Nothing is sent to a MediaMTX without an available replica: it reads the
 * file when it starts.
 */
public final class MediaMtxConfigSync implements PerResourcePollingEventSource.ResourceFetcher<ConfigDrift, CameraStream> {
  private static final Logger log = LoggerFactory.getLogger(MediaMtxConfigSync.class);

  private final MediaMtxConfigClient client;
  private final String urlTemplate;
  private final Duration pollInterval;
  private final Duration repairAfter;
  private final Clock clock;
  private final Map<ResourceID, State> states = new ConcurrentHashMap<>();

  /** What the operator knows of one MediaMTX. */
  private static final class State {
    volatile ApiCredentials current;
    /** The API user MediaMTX last accepted: after a rotation, the one to switch it to the new users with. */
    volatile ApiCredentials accepted;
    volatile Set<String> desiredPaths;
    volatile boolean serverAvailable;
    /** Hash of each path as last applied; null when unknown (operator start, a failed change). */
    volatile Map<String, String> appliedPaths;
    volatile String appliedUsers;
    volatile Instant driftSince;
  }

  /**
   * @param pollInterval how often each MediaMTX's configured paths are compared with the desired ones
   * @param repairAfter how long a difference may last before it is drift to repair and report
   */
  public MediaMtxConfigSync(MediaMtxConfigClient client, String urlTemplate, Duration pollInterval,
      Duration repairAfter, Clock clock) {
    this.client = client;
    this.urlTemplate = urlTemplate;
    this.pollInterval = pollInterval;
    this.repairAfter = repairAfter;
    this.clock = clock;
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  public Duration repairAfter() {
    return repairAfter;
  }

  /**
   * Brings one MediaMTX to the desired paths and users. Never throws: a MediaMTX that cannot be reached or refuses is
   * a result, and the file it reloads or restarts from says the same.
   *
   * @param paths the desired paths, by name ({@code MediaMtxPathConfig}: the same maps the file holds)
   * @param users the desired {@code authInternalUsers}, as the file holds them
   * @param current the API user of {@code <name>-mediamtx-credentials}
   * @param serverAvailable whether MediaMTX has an available replica
   * @param drift what the last poll saw, if it saw MediaMTX differ from the desired paths
   */
  public SyncResult sync(CameraStream cameraStream, Map<String, Map<String, Object>> paths,
      List<Map<String, Object>> users, ApiCredentials current, boolean serverAvailable, Optional<ConfigDrift> drift) {
    ResourceID id = ResourceID.fromResource(cameraStream);
    State state = states.computeIfAbsent(id, key -> new State());
    synchronized (state) {
      state.current = current;
      state.desiredPaths = Set.copyOf(paths.keySet());
      state.serverAvailable = serverAvailable;
      if (!serverAvailable) {
        // It reads the file when it starts; whatever it held in memory is gone with it.
        state.appliedPaths = null;
        state.appliedUsers = null;
        return SyncResult.notAttempted();
      }
      URI base;
      try {
        base = MediaMtxApiUrl.resolve(urlTemplate, cameraStream.getMetadata().getName(),
            cameraStream.getMetadata().getNamespace());
      } catch (IllegalArgumentException e) {
        return SyncResult.failed(List.of(), e.getMessage(), drift);
      }
      Optional<ConfigDrift> stale = drift.filter(ConfigDrift::stale);
      if (stale.isPresent()) {
        // Whatever made it run older paths (a restart from an older file) made it run older users as well.
        state.appliedUsers = null;
      }
      List<String> applied = new ArrayList<>();

      String usersHash = ConfigSyncPlan.hash(users);
      if (!usersHash.equals(state.appliedUsers)) {
        Outcome outcome = withAcceptedCredentials(state,
            credentials -> client.patchGlobal(base, credentials, Map.of("authInternalUsers", users)));
        if (!outcome.done()) {
          return SyncResult.failed(applied, outcome.detail(), drift);
        }
        state.appliedUsers = usersHash;
        state.accepted = current;
        applied.add("set the users");
      }

      ConfigSyncPlan plan;
      if (state.appliedPaths == null || stale.isPresent()) {
        MediaMtxConfigClient.ConfigPaths observed = listPaths(state, base);
        if (!observed.outcome().done()) {
          return SyncResult.failed(applied, observed.outcome().detail(), drift);
        }
        plan = ConfigSyncPlan.fromObserved(paths, observed.paths());
      } else {
        plan = ConfigSyncPlan.fromApplied(paths, state.appliedPaths);
      }
      Optional<String> failure = apply(state, base, plan, applied);
      if (failure.isPresent()) {
        state.appliedPaths = null;
        return SyncResult.failed(applied, failure.get(), drift);
      }
      state.appliedPaths = ConfigSyncPlan.hashes(paths);
      Duration driftAge = state.driftSince == null ? repairAfter
          : Duration.between(state.driftSince, clock.instant());
      if (!plan.isEmpty()) {
        state.driftSince = null;
      }
      return stale.isPresent() && !plan.isEmpty() ? SyncResult.repaired(applied, stale.get(), driftAge)
          : SyncResult.applied(applied);
    }
  }

  private Optional<String> apply(State state, URI base, ConfigSyncPlan plan, List<String> applied) {
    for (var entry : plan.add().entrySet()) {
      Outcome outcome = withAcceptedCredentials(state, c -> client.addPath(base, c, entry.getKey(), entry.getValue()));
      if (outcome.kind() == Outcome.Kind.REJECTED && outcome.status() == 400) {
        // already there (a reload of the file was quicker): make it exactly the desired one
        outcome = withAcceptedCredentials(state, c -> client.replacePath(base, c, entry.getKey(), entry.getValue()));
      }
      if (!outcome.done()) {
        return Optional.of(outcome.detail());
      }
      applied.add("added path " + entry.getKey());
    }
    for (var entry : plan.replace().entrySet()) {
      // replace creates a path that is gone meanwhile (deleted by hand, a reload): no second request needed
      Outcome outcome = withAcceptedCredentials(state,
          c -> client.replacePath(base, c, entry.getKey(), entry.getValue()));
      if (!outcome.done()) {
        return Optional.of(outcome.detail());
      }
      applied.add("changed path " + entry.getKey());
    }
    for (String name : plan.delete()) {
      Outcome outcome = withAcceptedCredentials(state, c -> client.deletePath(base, c, name));
      if (!outcome.done() && outcome.kind() != Outcome.Kind.NOT_FOUND) {
        return Optional.of(outcome.detail());
      }
      applied.add("removed path " + name);
    }
    return Optional.empty();
  }

  /** The call with the API user MediaMTX last accepted, then with the current one if that is refused. */
  private Outcome withAcceptedCredentials(State state, Function<ApiCredentials, Outcome> call) {
    Set<ApiCredentials> candidates = new LinkedHashSet<>();
    if (state.accepted != null) {
      candidates.add(state.accepted);
    }
    if (state.current != null) {
      candidates.add(state.current);
    }
    Outcome outcome = new Outcome(Outcome.Kind.UNAUTHORIZED, 401, "no API credentials");
    for (ApiCredentials credentials : candidates) {
      outcome = call.apply(credentials);
      if (outcome.kind() != Outcome.Kind.UNAUTHORIZED) {
        if (outcome.kind() != Outcome.Kind.UNREACHABLE) {
          state.accepted = credentials;
        }
        return outcome;
      }
    }
    return outcome;
  }

  private MediaMtxConfigClient.ConfigPaths listPaths(State state, URI base) {
    MediaMtxConfigClient.ConfigPaths[] result = new MediaMtxConfigClient.ConfigPaths[1];
    withAcceptedCredentials(state, credentials -> {
      result[0] = client.listPaths(base, credentials);
      return result[0].outcome();
    });
    return result[0] == null ? new MediaMtxConfigClient.ConfigPaths(Map.of(),
        new Outcome(Outcome.Kind.UNAUTHORIZED, 401, "no API credentials")) : result[0];
  }

  /** One poll: how MediaMTX's configured paths differ from the desired ones, and since when. Never throws. */
  @Override
  public Set<ConfigDrift> fetchResources(CameraStream cameraStream) {
    State state = states.get(ResourceID.fromResource(cameraStream));
    if (state == null || !state.serverAvailable || state.desiredPaths == null) {
      return Set.of();
    }
    try {
      URI base = MediaMtxApiUrl.resolve(urlTemplate, cameraStream.getMetadata().getName(),
          cameraStream.getMetadata().getNamespace());
      MediaMtxConfigClient.ConfigPaths observed;
      synchronized (state) {
        observed = listPaths(state, base);
      }
      if (!observed.outcome().done()) {
        // unreachable or refusing: push health reports that; nothing is known about the paths
        return Set.of();
      }
      Set<String> missing = new LinkedHashSet<>(state.desiredPaths);
      missing.removeAll(observed.paths().keySet());
      Set<String> unexpected = new LinkedHashSet<>(observed.paths().keySet());
      unexpected.removeAll(state.desiredPaths);
      if (missing.isEmpty() && unexpected.isEmpty()) {
        state.driftSince = null;
        return Set.of();
      }
      Instant now = clock.instant();
      if (state.driftSince == null) {
        state.driftSince = now;
      }
      return Set.of(ConfigDrift.of(missing, unexpected, !now.isBefore(state.driftSince.plus(repairAfter))));
    } catch (RuntimeException e) {
      log.warn("comparing the MediaMTX configuration of CameraStream {} failed: {}",
          ResourceID.fromResource(cameraStream), e.toString());
      return Set.of();
    }
  }

  public void forget(ResourceID cameraStream) {
    states.remove(cameraStream);
  }
}
