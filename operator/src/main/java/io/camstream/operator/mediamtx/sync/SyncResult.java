package io.camstream.operator.mediamtx.sync;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one {@link MediaMtxConfigSync#sync} did.
 *
 * @param changes what was applied, in words ("added path gate"), never a value
 * @param failure why it stopped, when it did (the changes before it stay applied)
 * @param repaired the stale drift this sync repaired, with how long it had lasted
 * @param drift the drift the last poll saw, whatever this sync did about it
 */
public record SyncResult(boolean skipped, List<String> changes, Optional<String> failure,
    Optional<ConfigDrift> repaired, Duration driftAge, Optional<ConfigDrift> drift) {

  public SyncResult {
    changes = List.copyOf(changes);
  }

  static SyncResult notAttempted() {
    return new SyncResult(true, List.of(), Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty());
  }

  static SyncResult applied(List<String> changes) {
    return new SyncResult(false, changes, Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty());
  }

  static SyncResult repaired(List<String> changes, ConfigDrift drift, Duration age) {
    return new SyncResult(false, changes, Optional.empty(), Optional.of(drift), age, Optional.of(drift));
  }

  static SyncResult failed(List<String> changes, String failure, Optional<ConfigDrift> drift) {
    return new SyncResult(false, changes, Optional.of(failure), Optional.empty(), Duration.ZERO, drift);
  }

  /** A stale drift is still there: MediaMTX runs with paths other than the desired ones and repairing it failed. */
  public boolean stale() {
    return failure.isPresent() && drift.filter(ConfigDrift::stale).isPresent();
  }
}
