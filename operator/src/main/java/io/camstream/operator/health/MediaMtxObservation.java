package io.camstream.operator.health;

import io.camstream.operator.mediamtx.api.Path;
import io.camstream.operator.mediamtx.api.PathsListResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One poll of a MediaMTX server: when it happened, whether the API answered, and every path it listed. */
public record MediaMtxObservation(Instant polledAt, ApiReachability api, String detail,
    Map<String, PathSample> paths) {

  public MediaMtxObservation {
    paths = Map.copyOf(paths);
  }

  public static MediaMtxObservation of(PathsListResult result, Instant polledAt) {
    if (result instanceof PathsListResult.Listed listed) {
      Map<String, PathSample> paths = new LinkedHashMap<>();
      for (Path path : listed.paths()) {
        paths.put(path.name(), PathSample.of(path));
      }
      return new MediaMtxObservation(polledAt, ApiReachability.ANSWERING, null, paths);
    }
    if (result instanceof PathsListResult.Unauthorized failure) {
      return failed(polledAt, ApiReachability.UNAUTHORIZED, failure.detail());
    }
    if (result instanceof PathsListResult.Unreachable failure) {
      return failed(polledAt, ApiReachability.UNREACHABLE, failure.detail());
    }
    if (result instanceof PathsListResult.NotFound failure) {
      return failed(polledAt, ApiReachability.FAILING, failure.detail());
    }
    if (result instanceof PathsListResult.ServerError failure) {
      return failed(polledAt, ApiReachability.FAILING, failure.detail());
    }
    PathsListResult.UnexpectedResponse failure = (PathsListResult.UnexpectedResponse) result;
    return failed(polledAt, ApiReachability.FAILING, failure.detail());
  }

  public static MediaMtxObservation failed(Instant polledAt, ApiReachability api, String detail) {
    return new MediaMtxObservation(polledAt, api, detail, Map.of());
  }

  public boolean answered() {
    return api == ApiReachability.ANSWERING;
  }
}
