package io.camstream.operator.mediamtx.sync;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * MediaMTX running with a configuration other than the desired one, as its {@code /v3/config/paths/list} shows:
 * desired paths it lacks and paths it has that are not desired. Pending while younger than the repair bound, stale
 * after: only then is it repaired and reported, so a change the operator has just made, or a reload MediaMTX is
 * about to do, is not mistaken for drift. Compared by content, so an unchanged drift triggers no reconcile.
 *
 * @param stale the drift has lasted at least the repair bound
 */
public record ConfigDrift(SortedSet<String> missing, SortedSet<String> unexpected, boolean stale) {

  public ConfigDrift {
    missing = new TreeSet<>(missing);
    unexpected = new TreeSet<>(unexpected);
  }

  public static ConfigDrift of(Set<String> missing, Set<String> unexpected, boolean stale) {
    return new ConfigDrift(new TreeSet<>(missing), new TreeSet<>(unexpected), stale);
  }

  /** For messages: what differs, by path name (never a value). */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (!missing.isEmpty()) {
      text.append("without path(s) ").append(String.join(", ", missing));
    }
    if (!unexpected.isEmpty()) {
      text.append(text.length() == 0 ? "" : " and ").append("with removed path(s) ")
          .append(String.join(", ", unexpected));
    }
    return text.toString();
  }
}
