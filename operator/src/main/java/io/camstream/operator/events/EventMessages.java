package io.camstream.operator.events;

import java.util.List;

/** Message pieces shared by the Events that group several cameras. */
final class EventMessages {
  /** Events name at most this many cameras, so a change to 256 cameras still reads as one line. */
  static final int MAX_NAMED = 10;

  private EventMessages() {
  }

  /** "a, b, c", or "a, …, j and 5 more". */
  static String list(List<String> items) {
    if (items.size() <= MAX_NAMED) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, MAX_NAMED)) + " and " + (items.size() - MAX_NAMED) + " more";
  }

  /** "camera" or "3 cameras". */
  static String cameras(int count) {
    return count == 1 ? "camera" : count + " cameras";
  }
}
