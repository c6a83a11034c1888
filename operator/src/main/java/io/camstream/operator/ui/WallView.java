package io.camstream.operator.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.ui.model.Wall;
import io.camstream.operator.ui.model.WallStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wall as one viewer may see it: only the CameraStreams {@link CameraAccess} lets them see. Viewers who see the
 * same CameraStreams of the same snapshot share one serialization.
 */
final class WallView {
  private static final int CACHED = 64;

  private final CameraAccess access;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, String> rendered = new LinkedHashMap<>(CACHED, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CACHED;
    }
  };

  WallView(CameraAccess access) {
    this.access = access;
  }

  /** The JSON of {@code snapshot} for {@code viewer}. */
  String json(WallFeed.Snapshot snapshot, Viewer viewer) {
    if (access == CameraAccess.EVERYONE) {
      return snapshot.json();
    }
    List<WallStream> visible = visible(snapshot.wall(), viewer);
    StringBuilder key = new StringBuilder().append(snapshot.version());
    visible.forEach(stream -> key.append(' ').append(stream.namespace()).append('/').append(stream.name()));
    synchronized (rendered) {
      return rendered.computeIfAbsent(key.toString(), k -> serialize(new Wall(visible)));
    }
  }

  boolean maySee(Viewer viewer, String namespace, String name) {
    return access.maySee(viewer, namespace, name);
  }

  private List<WallStream> visible(Wall wall, Viewer viewer) {
    return wall.streams().stream().filter(stream -> access.maySee(viewer, stream.namespace(), stream.name()))
        .toList();
  }

  private String serialize(Wall wall) {
    try {
      return mapper.writeValueAsString(wall);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the wall model is always serializable", e);
    }
  }
}
