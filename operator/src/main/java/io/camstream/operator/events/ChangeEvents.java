package io.camstream.operator.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pure: the changes of one reconcile → its Events, one per kind of change. The MediaMTX server is created once, with
 * the cameras the CameraStream started with, so its Event names them and there is no separate CameraAdded.
 */
final class ChangeEvents {
  private ChangeEvents() {
  }

  /** Maps are camera → streamer Deployment. */
  static List<EventContent> of(Optional<String> mediaServerCreated, Map<String, String> added,
      Map<String, String> updated, Map<String, String> removed) {
    List<EventContent> events = new ArrayList<>();
    if (mediaServerCreated.isPresent()) {
      events.add(EventContent.normal(EventReasons.MEDIA_SERVER_CREATED, "Created MediaMTX Deployment "
          + mediaServerCreated.get() + (added.isEmpty() ? "" : " and " + cameras(added, "streamer Deployment"))));
    } else if (!added.isEmpty()) {
      events.add(EventContent.normal(EventReasons.CAMERA_ADDED, "Added " + cameras(added, "created Deployment")));
    }
    if (!updated.isEmpty()) {
      events.add(EventContent.normal(EventReasons.CAMERA_UPDATED, "Updated " + cameras(updated, "Deployment")));
    }
    if (!removed.isEmpty()) {
      events.add(EventContent.normal(EventReasons.CAMERA_REMOVED, "Removed " + cameras(removed, "deleted Deployment")));
    }
    return events;
  }

  /** "camera lobby: created Deployment site-lobby", or "3 cameras: a, b, c (created Deployments site-a, ...)". */
  private static String cameras(Map<String, String> deployments, String what) {
    Map<String, String> sorted = new TreeMap<>(deployments);
    if (sorted.size() == 1) {
      Map.Entry<String, String> only = sorted.entrySet().iterator().next();
      return "camera " + only.getKey() + ": " + what + " " + only.getValue();
    }
    return EventMessages.cameras(sorted.size()) + ": " + EventMessages.list(List.copyOf(sorted.keySet())) + " ("
        + what + "s " + EventMessages.list(List.copyOf(sorted.values())) + ")";
  }
}
