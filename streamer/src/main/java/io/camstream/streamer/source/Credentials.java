package io.camstream.streamer.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A username/password pair taken from the environment at run time; never part of the configured URL text. */
public record Credentials(String username, String password) {

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public static Optional<Credentials> of(String username, String password) {
        boolean hasUser = username != null && !username.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        return hasUser || hasPassword ? Optional.of(new Credentials(username, password)) : Optional.empty();
    }

    /**
     * Puts these credentials into the userinfo of a {@code scheme://host...} URL, replacing any already there.
     * Both parts are percent-encoded so that characters such as {@code @ : /} in a password stay safe.
     */
    public String injectInto(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("credentials can only be added to a scheme://host URL");
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = indexOfAny(url, authorityStart, "/?#");
        String authority = url.substring(authorityStart, authorityEnd);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String userinfo = encode(username) + (password.isEmpty() ? "" : ":" + encode(password));
        return url.substring(0, authorityStart) + userinfo + "@" + hostPort + url.substring(authorityEnd);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password.isEmpty() ? "" : Redactor.MASK) + "]";
    }
}
