package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Client of MediaMTX's run-time configuration API v3 ({@code /v3/config/...}, openapi.yaml): list the configured
 * paths, add, patch and delete one, patch the global settings. Changes apply at once and in memory only; the file
 * stays the source of truth for restarts. Credentials travel only in the {@code Authorization} header.
 */
public final class MediaMtxConfigClient {
  /** MediaMTX answers wrong credentials after a random delay of up to 4 s: more than that, or 401 reads as a timeout. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);
  static final int ITEMS_PER_PAGE = 100;
  static final int MAX_PAGES = 50;

  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public MediaMtxConfigClient() {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(MediaMtxApiClient.DEFAULT_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** How a call went; {@code detail} never holds a credential. */
  public record Outcome(Kind kind, int status, String detail) {
    public enum Kind { DONE, UNAUTHORIZED, UNREACHABLE, NOT_FOUND, REJECTED }

    public boolean done() {
      return kind == Kind.DONE;
    }

    static Outcome done(int status) {
      return new Outcome(Kind.DONE, status, "");
    }
  }

  /** Every configured path ({@code PathConf}, with MediaMTX's defaults filled in) by name, or why not. */
  public record ConfigPaths(Map<String, JsonNode> paths, Outcome outcome) {
  }

  /** {@code GET /v3/config/paths/list}, every page. */
  public ConfigPaths listPaths(URI apiBase, ApiCredentials credentials) {
    Map<String, JsonNode> paths = new LinkedHashMap<>();
    long pageCount = 1;
    for (int page = 0; page < pageCount; page++) {
      if (page >= MAX_PAGES) {
        return new ConfigPaths(Map.of(), new Outcome(Outcome.Kind.REJECTED, 200,
            "MediaMTX reported more than " + MAX_PAGES + " pages of path configurations"));
      }
      Response response = send(apiBase, credentials, "GET",
          "/v3/config/paths/list?page=" + page + "&itemsPerPage=" + ITEMS_PER_PAGE, Optional.empty());
      if (!response.outcome().done()) {
        return new ConfigPaths(Map.of(), response.outcome());
      }
      try {
        JsonNode body = json.readTree(response.body());
        for (JsonNode item : body.path("items")) {
          if (item.hasNonNull("name")) {
            paths.putIfAbsent(item.get("name").asText(), item);
          }
        }
        pageCount = body.path("pageCount").asLong(1);
      } catch (JsonProcessingException e) {
        return new ConfigPaths(Map.of(), new Outcome(Outcome.Kind.REJECTED, 200,
            "GET /v3/config/paths/list answered 200 with a body that is not a PathConfList"));
      }
    }
    return new ConfigPaths(paths, Outcome.done(200));
  }

  /** {@code POST /v3/config/paths/add/{name}}. */
  public Outcome addPath(URI apiBase, ApiCredentials credentials, String name, Map<String, Object> path) {
    return send(apiBase, credentials, "POST", "/v3/config/paths/add/" + segment(name), Optional.of(path)).outcome();
  }

  /**
   * {@code POST /v3/config/paths/replace/{name}}: the path becomes exactly {@code path} (created when missing).
   * Never {@code paths/patch}: MediaMTX's patch copies only the keys it is sent, so a key the new path leaves out
   * (a pulled camera's {@code rtspTransport} after it switched to push) would stay in memory, differ from the file,
   * and the next reload of the file would recreate the path and drop its publisher.
   */
  public Outcome replacePath(URI apiBase, ApiCredentials credentials, String name, Map<String, Object> path) {
    return send(apiBase, credentials, "POST", "/v3/config/paths/replace/" + segment(name), Optional.of(path))
        .outcome();
  }

  /** {@code DELETE /v3/config/paths/delete/{name}}. */
  public Outcome deletePath(URI apiBase, ApiCredentials credentials, String name) {
    return send(apiBase, credentials, "DELETE", "/v3/config/paths/delete/" + segment(name), Optional.empty())
        .outcome();
  }

  /** {@code PATCH /v3/config/global/patch}: only the given keys change. */
  public Outcome patchGlobal(URI apiBase, ApiCredentials credentials, Map<String, Object> global) {
    return send(apiBase, credentials, "PATCH", "/v3/config/global/patch", Optional.of(global)).outcome();
  }

  private record Response(Outcome outcome, String body) {
  }

  private Response send(URI apiBase, ApiCredentials credentials, String method, String pathAndQuery,
      Optional<Object> body) {
    String base = apiBase.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI uri = URI.create(base + pathAndQuery);
    String what = method + " " + uri.getPath();
    HttpRequest request;
    try {
      HttpRequest.BodyPublisher publisher = body.isPresent()
          ? HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body.get()))
          : HttpRequest.BodyPublishers.noBody();
      request = HttpRequest.newBuilder(uri)
          .timeout(REQUEST_TIMEOUT)
          .header("Accept", "application/json")
          .header("Content-Type", "application/json")
          .header("Authorization", credentials.basicAuthorization())
          .method(method, publisher)
          .build();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return failed(Outcome.Kind.REJECTED, 0, what + ": cannot build the request");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      return failed(Outcome.Kind.UNREACHABLE, 0, "connection to " + ApiFailureText.hostOf(uri) + " timed out");
    } catch (HttpTimeoutException e) {
      return failed(Outcome.Kind.UNREACHABLE, 0, what + " got no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (ConnectException e) {
      return failed(Outcome.Kind.UNREACHABLE, 0, "connection to " + ApiFailureText.hostOf(uri) + " refused");
    } catch (UnknownHostException | UnresolvedAddressException e) {
      return failed(Outcome.Kind.UNREACHABLE, 0, "host " + uri.getHost() + " cannot be resolved");
    } catch (IOException e) {
      return failed(Outcome.Kind.UNREACHABLE, 0, "I/O error talking to " + ApiFailureText.hostOf(uri) + ": "
          + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(Outcome.Kind.UNREACHABLE, 0, "interrupted while calling " + ApiFailureText.hostOf(uri));
    }
    int status = response.statusCode();
    if (status == 200) {
      return new Response(Outcome.done(status), response.body());
    }
    String detail = what + " answered " + status + ApiFailureText.serverErrorSuffix(response.body());
    Outcome.Kind kind = switch (status) {
      case 401 -> Outcome.Kind.UNAUTHORIZED;
      case 404 -> Outcome.Kind.NOT_FOUND;
      default -> Outcome.Kind.REJECTED;
    };
    return failed(kind, status, detail);
  }

  private static Response failed(Outcome.Kind kind, int status, String detail) {
    return new Response(new Outcome(kind, status, detail), null);
  }

  private static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }


}
