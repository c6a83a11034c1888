package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The objects of one resource (deployments, camerastreams.camstream.io...), kept as etcd and the watch cache keep
 * them: ordered by {@code namespace/name}, each write given the next revision of the whole store, the recent
 * changes kept for watches that resume from a resourceVersion, and the state a paged list started from kept for its
 * later pages. Reads take no lock (a get) or a shared one (a list: one consistent revision); writes to one resource
 * commit one at a time, computing the new object outside the lock and starting again when another write landed
 * first, so different resources and reads never wait for each other.
 */
final class ResourceStore {
  /** What a write does with the object it found (null when there is none). */
  sealed interface Change permits Keep, Put, Remove {
  }

  /** Nothing is stored; the answer is ready (a refusal, or a write that changes nothing). */
  record Keep(MockResponse response) implements Change {
  }

  /** Store {@code next} (its resourceVersion is set on commit) and answer from what was stored. */
  record Put(ObjectNode next, Function<StoredObject, MockResponse> answer) implements Change {
  }

  /** Delete the object and answer from its last state. */
  record Remove(Function<StoredObject, MockResponse> answer) implements Change {
  }

  private final ObjectStore store;
  private final ConcurrentSkipListMap<String, StoredObject> items = new ConcurrentSkipListMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ArrayDeque<StoreEvent> history = new ArrayDeque<>();
  private final List<WatchStream> watchers = new CopyOnWriteArrayList<>();
  /** Told of every change on the committing thread, after the watchers: in-process controllers and indexes. */
  private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
  /** Revision → every object of the resource at that revision, for the pages after a paged list's first. */
  private final Map<Long, Snapshot> snapshots = new ConcurrentHashMap<>();
  /** Changes up to this revision are no longer in {@link #history}: a watch from before it is too old. */
  private long compactedThrough;

  private record Snapshot(StoredObject[] items, long takenAt) {
  }

  ResourceStore(ObjectStore store) {
    this.store = store;
  }

  StoredObject get(String key) {
    return items.get(key);
  }

  /** Every stored object, in key order (for checks across objects, such as node ports held by other Services). */
  Collection<StoredObject> all() {
    return items.values();
  }

  /**
   * Runs {@code handler} on the object stored under {@code key} and commits what it decides.
   *
   * @param exclusive run the handler itself under the write lock: for handlers with side effects or that read
   *     other objects of the resource (Service allocations), which must not run twice or concurrently
   */
  MockResponse write(String key, boolean exclusive, Function<StoredObject, Change> handler) {
    if (exclusive) {
      lock.writeLock().lock();
      try {
        StoredObject current = items.get(key);
        return commit(key, current, handler.apply(current));
      } finally {
        lock.writeLock().unlock();
      }
    }
    while (true) {
      StoredObject current = items.get(key);
      Change change = handler.apply(current);
      if (change instanceof Keep keep) {
        return keep.response();
      }
      lock.writeLock().lock();
      try {
        if (items.get(key) == current) {
          return commit(key, current, change);
        }
      } finally {
        lock.writeLock().unlock();
      }
    }
  }

  private MockResponse commit(String key, StoredObject current, Change change) {
    if (change instanceof Keep keep) {
      return keep.response();
    }
    long revision = store.nextRevision();
    if (change instanceof Put put) {
      ((ObjectNode) put.next().get("metadata")).put("resourceVersion", Long.toString(revision));
      StoredObject stored = StoredObject.of(put.next(), revision, put.next().toString());
      items.put(key, stored);
      record(new StoreEvent(revision, current, stored, null, store.now()));
      return put.answer().apply(stored);
    }
    Remove remove = (Remove) change;
    items.remove(key);
    String deleted = WatchStream.withResourceVersion(current.json(), revision);
    record(new StoreEvent(revision, current, null, deleted, store.now()));
    return remove.answer().apply(new StoredObject(current.namespace(), current.name(), revision, current.labels(),
        deleted));
  }

  private void record(StoreEvent event) {
    history.addLast(event);
    long oldest = event.at() - store.retentionMillis();
    while (!history.isEmpty() && (history.size() > ObjectStore.MAX_HISTORY || history.peekFirst().at() < oldest)) {
      compactedThrough = history.pollFirst().resourceVersion();
    }
    for (WatchStream watcher : watchers) {
      watcher.offer(event);
    }
    watchers.removeIf(WatchStream::isClosed);
    for (Consumer<StoreEvent> listener : listeners) {
      listener.accept(event);
    }
  }

  /**
   * Tells {@code listener} of every later change, in commit order, on the committing thread while the resource's
   * writes wait: it must be quick (hand work off to another thread; a write from within it would deadlock).
   */
  void listen(Consumer<StoreEvent> listener) {
    listeners.add(listener);
  }

  /**
   * A list as the API server answers it: the latest state, or one page of it (then the later pages are read at the
   * first page's revision, whatever was written since).
   *
   * @param limit 0 for everything
   * @param continueToken null for a first page
   */
  ListPage list(Selection selection, long limit, String continueToken) {
    if (continueToken != null) {
      ContinueToken token = ContinueToken.decode(continueToken);
      if (token.resourceVersion() == ContinueToken.INCONSISTENT) {
        return latest(selection, limit, token.start());
      }
      Snapshot snapshot = snapshots.get(token.resourceVersion());
      if (snapshot == null) {
        throw new ApiError(410, "Expired", "The provided continue parameter is too old to display a consistent"
            + " list result. You can start a new list without the continue parameter, or use the continue token in"
            + " this response to retrieve the remainder of the results. Continuing with the provided token results"
            + " in an inconsistent list - objects that were created, modified, or deleted between the time the first"
            + " chunk was returned and now may show up in the list.",
            new ContinueToken(ContinueToken.INCONSISTENT, token.start()).encode());
      }
      int from = firstAtOrAfter(snapshot.items(), token.start());
      return page(Arrays.asList(snapshot.items()).subList(from, snapshot.items().length), selection, limit,
          token.resourceVersion());
    }
    return latest(selection, limit, null);
  }

  private ListPage latest(Selection selection, long limit, String start) {
    lock.readLock().lock();
    try {
      long revision = store.revision();
      NavigableMap<String, StoredObject> range = items;
      if (selection.namespace() != null) {
        range = range.subMap(selection.namespace() + "/", true, selection.namespace() + "/\uffff", true);
      }
      if (start != null) {
        range = range.tailMap(start, true);
      }
      ListPage page = page(range.values(), selection, limit, revision);
      if (page.continueToken() != null) {
        snapshots.computeIfAbsent(revision, r -> new Snapshot(items.values().toArray(new StoredObject[0]),
            store.now()));
        long oldest = store.now() - store.retentionMillis();
        snapshots.values().removeIf(s -> s.takenAt() < oldest);
      }
      return page;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static ListPage page(Collection<StoredObject> candidates, Selection selection, long limit, long revision) {
    List<StoredObject> selected = new ArrayList<>();
    Iterator<StoredObject> rest = candidates.iterator();
    StoredObject last = null;
    while (rest.hasNext() && (limit <= 0 || selected.size() < limit)) {
      StoredObject candidate = rest.next();
      last = candidate;
      if (selection.matches(candidate)) {
        selected.add(candidate);
      }
    }
    boolean more = false;
    long remaining = 0;
    while (rest.hasNext()) {
      StoredObject candidate = rest.next();
      if (selection.matches(candidate)) {
        more = true;
        remaining++;
        if (!selection.selectsEverything()) {
          break;
        }
      }
    }
    if (!more) {
      return new ListPage(selected, revision, null, null);
    }
    return new ListPage(selected, revision, ContinueToken.after(revision, last.key()).encode(),
        selection.selectsEverything() ? remaining : null);
  }

  private static int firstAtOrAfter(StoredObject[] sorted, String key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid].key().compareTo(key) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * Starts a watch: from {@code resourceVersion} (every later change; 410 when those are compacted), or, when it is
   * empty or "0", with every selected object as ADDED first.
   */
  void watch(WatchStream watch, String resourceVersion) {
    lock.writeLock().lock();
    try {
      if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
        items.values().forEach(object -> {
          if (watch.matches(object)) {
            watch.added(object);
          }
        });
      } else {
        long from = Long.parseLong(resourceVersion);
        if (from < compactedThrough) {
          watch.fail(410, "Expired", "too old resource version: " + from + " (" + compactedThrough + ")");
          return;
        }
        for (StoreEvent event : history) {
          if (event.resourceVersion() > from) {
            watch.offer(event);
          }
        }
      }
      watchers.add(watch);
    } finally {
      lock.writeLock().unlock();
    }
  }

  void stopWatching(WatchStream watch) {
    watchers.remove(watch);
  }

  /** Forgets the history and paged lists' snapshots: etcd compacted everything up to {@code revision}. */
  void compact(long revision) {
    lock.writeLock().lock();
    try {
      history.clear();
      snapshots.clear();
      compactedThrough = Math.max(compactedThrough, revision);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Closes every watch, as a restarting API server would. */
  void closeWatches() {
    watchers.forEach(WatchStream::close);
    watchers.clear();
  }
}
