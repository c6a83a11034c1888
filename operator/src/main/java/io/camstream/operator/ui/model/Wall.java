package io.camstream.operator.ui.model;

import java.util.List;

/** Everything the wall page shows: every watched CameraStream, ordered by namespace then name. */
public record Wall(List<WallStream> streams) {
}
