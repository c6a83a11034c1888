package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client of MediaMTX's control API v3, limited to what push health needs: {@code GET /v3/paths/list}, every page.
 *
 * <p>Timeouts are short because a poll must never hold a thread for long; the request timeout still exceeds the 2 s
 * MediaMTX waits before answering 401 to wrong credentials, so bad credentials read as {@code Unauthorized}, not as a
 * timeout. Credentials travel only in the {@code Authorization} header, sent pre-emptively.
 */
public final class MediaMtxApiClient {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /** MediaMTX's own default page size. */
  static final int ITEMS_PER_PAGE = 100;
  /** 256 cameras need 3 pages; far more means the server keeps changing its answer, so stop. */
  static final int MAX_PAGES = 50;

  private final HttpClient http;
  private final Duration requestTimeout;
  private final ObjectMapper json = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public MediaMtxApiClient() {
    this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public MediaMtxApiClient(Duration connectTimeout, Duration requestTimeout) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.requestTimeout = requestTimeout;
  }

  /**
   * Reads every page of {@code /v3/paths/list} at {@code apiBase} (e.g. {@code http://site-mediamtx.ns.svc:9997}).
   * Paths are returned once each, in the server's order.
   */
  public PathsListResult listPaths(URI apiBase, ApiCredentials credentials) {
    Map<String, Path> byName = new LinkedHashMap<>();
    long pageCount = 1;
    for (int page = 0; page < pageCount; page++) {
      if (page >= MAX_PAGES) {
        return new PathsListResult.UnexpectedResponse(200,
            "MediaMTX reported more than " + MAX_PAGES + " pages of paths");
      }
      PageOrFailure answer = fetchPage(apiBase, credentials, page);
      if (answer.failure != null) {
        return answer.failure;
      }
      for (Path path : answer.page.items()) {
        // a path without a name cannot be matched to a camera; a repeated one means the list shifted between pages
        if (path.name() != null) {
          byName.putIfAbsent(path.name(), path);
        }
      }
      pageCount = answer.page.pageCount() == null ? 1 : answer.page.pageCount();
    }
    return new PathsListResult.Listed(new ArrayList<>(byName.values()));
  }

  private record PageOrFailure(PathList page, PathsListResult failure) {
  }

  private PageOrFailure fetchPage(URI apiBase, ApiCredentials credentials, int page) {
    URI uri = pageUri(apiBase, page);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .header("Authorization", credentials.basicAuthorization())
        .GET()
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      return failed(new PathsListResult.Unreachable("connection to " + ApiFailureText.hostOf(uri) + " timed out"));
    } catch (HttpTimeoutException e) {
      return failed(new PathsListResult.Unreachable(
          ApiFailureText.hostOf(uri) + " did not answer within " + requestTimeout.toMillis() + " ms"));
    } catch (ConnectException e) {
      return failed(new PathsListResult.Unreachable("connection to " + ApiFailureText.hostOf(uri) + " refused"));
    } catch (UnknownHostException | UnresolvedAddressException e) {
      return failed(new PathsListResult.Unreachable("host " + uri.getHost() + " cannot be resolved"));
    } catch (IOException e) {
      return failed(new PathsListResult.Unreachable(
          "I/O error talking to " + ApiFailureText.hostOf(uri) + ": " + e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(new PathsListResult.Unreachable("interrupted while calling " + ApiFailureText.hostOf(uri)));
    } catch (IllegalArgumentException e) {
      return failed(new PathsListResult.Unreachable("invalid API URL " + apiBase));
    }
    int status = response.statusCode();
    if (status == 200) {
      try {
        PathList list = json.readValue(response.body(), PathList.class);
        return new PageOrFailure(list, null);
      } catch (JsonProcessingException e) {
        return failed(new PathsListResult.UnexpectedResponse(status,
            "GET " + uri.getPath() + " answered 200 with a body that is not a PathList"));
      }
    }
    String detail = "GET " + uri.getPath() + " answered " + status + ApiFailureText.serverErrorSuffix(response.body());
    if (status == 401) {
      return failed(new PathsListResult.Unauthorized(detail));
    }
    if (status == 404) {
      return failed(new PathsListResult.NotFound(detail));
    }
    if (status >= 500) {
      return failed(new PathsListResult.ServerError(status, detail));
    }
    return failed(new PathsListResult.UnexpectedResponse(status, detail));
  }

  private static PageOrFailure failed(PathsListResult failure) {
    return new PageOrFailure(null, failure);
  }

  static URI pageUri(URI apiBase, int page) {
    String base = apiBase.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/v3/paths/list?page=" + page + "&itemsPerPage=" + ITEMS_PER_PAGE);
  }


}
