package io.camstream.operator.testing.apiserver;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The faults armed on a test API server; the first armed fault that matches a request answers it. */
public final class Faults {
  private final List<Fault> armed = new CopyOnWriteArrayList<>();

  /** Arms a fault and returns it, so a test can later ask how often it fired. */
  public Fault inject(Fault fault) {
    armed.add(fault);
    return fault;
  }

  public void clear() {
    armed.clear();
  }

  Optional<Fault> claim(String method, String path) {
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    for (Fault fault : armed) {
      if (fault.claim(method, bare)) {
        if (fault.exhausted()) {
          armed.remove(fault);
        }
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }
}
