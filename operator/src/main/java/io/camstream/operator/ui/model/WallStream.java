package io.camstream.operator.ui.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One CameraStream on the wall.
 *
 * @param ready the {@code Ready} condition's status ({@code True}, {@code False}, {@code Unknown}); absent before the
 *              operator first wrote a status
 * @param readyReason its reason: what {@code kubectl get cams} shows as STATUS
 * @param readyCameras the READY column, e.g. {@code 1/2}
 * @param readers {@code public} or {@code authenticated}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WallStream(String namespace, String name, String ready, String readyReason, String readyMessage,
    String readyCameras, String readers, List<WallCamera> cameras) {
}
