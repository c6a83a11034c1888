package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import java.util.Map;
import java.util.Optional;

/**
 * One reconcile's desired state, built the first time an object is needed (to create or rewrite it). Matching needs
 * only the objects' hashes: known ahead when the {@link DesiredStateMemo} built this CameraStream from equal inputs
 * before, else from the state built now. The workflow's dependents run on several threads, hence the locking.
 */
public final class LazyDesiredState {
  private final CameraStream cameraStream;
  private final DesiredStateInputs inputs;
  private final DesiredStateMemo memo;
  private DesiredHashes hashes;
  private DesiredState built;

  LazyDesiredState(CameraStream cameraStream, DesiredStateInputs inputs, Optional<DesiredHashes> known,
      DesiredStateMemo memo) {
    this.cameraStream = cameraStream;
    this.inputs = inputs;
    this.memo = memo;
    this.hashes = known.orElse(null);
  }

  /** The desired state, built now if nothing needed it before. */
  public synchronized DesiredState state() {
    if (built == null) {
      built = inputs.build(cameraStream);
      hashes = DesiredHashes.of(built);
      memo.remember(cameraStream, inputs, hashes);
    }
    return built;
  }

  /** The hash of every desired object, without building them when the memo knows them. */
  public synchronized DesiredHashes hashes() {
    if (hashes == null) {
      state();
    }
    return hashes;
  }

  /** Whether the objects were built (tests: a reconcile that changes nothing builds none). */
  public synchronized boolean isBuilt() {
    return built != null;
  }

  public MediaMtxCredentials credentials() {
    return inputs.credentials();
  }

  /** What MediaMTX's control API is given ({@link DesiredState#paths()}), without building the objects. */
  public Map<String, Map<String, Object>> paths() {
    return DesiredState.paths(cameraStream, inputs.cameraCredentials(), inputs.recordings());
  }
}
