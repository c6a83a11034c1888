package io.camstream.operator.ui;

import java.util.List;

/**
 * How the wall decides who may see what (see {@link AccessMode}).
 *
 * @param allowedHosts host names answered besides localhost, 127.0.0.1 and [::1] in {@code local} mode, lower case,
 *                     without port ({@code CAMSTREAM_UI_ALLOWED_HOSTS})
 * @param trustedProxies addresses or CIDR blocks of the proxies in front of the wall
 *                       ({@code CAMSTREAM_UI_TRUSTED_PROXIES}): their user and group headers are believed in
 *                       {@code proxy} mode, and their {@code X-Forwarded-For} names the client ({@link ForwardedClient})
 * @param userHeader the header naming the signed-in user ({@code CAMSTREAM_UI_USER_HEADER})
 * @param groupsHeader the header naming the user's groups, comma-separated or repeated
 *                     ({@code CAMSTREAM_UI_GROUPS_HEADER})
 */
public record WallAccessSettings(AccessMode mode, List<String> allowedHosts, List<String> trustedProxies,
    String userHeader, String groupsHeader) {
  public static final String DEFAULT_USER_HEADER = "X-Forwarded-User";
  public static final String DEFAULT_GROUPS_HEADER = "X-Forwarded-Groups";

  public WallAccessSettings {
    allowedHosts = List.copyOf(allowedHosts);
    trustedProxies = List.copyOf(trustedProxies);
  }

  public static WallAccessSettings local() {
    return new WallAccessSettings(AccessMode.LOCAL, List.of(), List.of(), DEFAULT_USER_HEADER,
        DEFAULT_GROUPS_HEADER);
  }
}
