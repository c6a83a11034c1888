package io.camstream.operator.desired;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;

/**
 * What one reconcile does with the recordings' claim, decided from what was observed of it: whether MediaMTX mounts it
 * (and records), and a size it keeps instead of the spec's (a claim that cannot grow now).
 *
 * @param mounted MediaMTX mounts the claim and the cameras record; false runs MediaMTX without it, recording off
 * @param keptSize the claim's own size, kept while the spec's larger one cannot be applied; empty writes the spec's
 */
public record RecordingsVolumeUse(boolean mounted, Optional<Quantity> keptSize) {
  /** As the spec says: mounted (when recording is configured), at the spec's size. */
  public static final RecordingsVolumeUse AS_SPECIFIED = new RecordingsVolumeUse(true, Optional.empty());
}
