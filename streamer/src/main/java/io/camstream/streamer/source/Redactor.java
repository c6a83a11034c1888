package io.camstream.streamer.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from any text before it reaches a log line, an exception message or stdout.
 *
 * <p>Two layers, because FFmpeg error texts may echo a URL in any shape: the password part of every
 * {@code scheme://user:password@host} is masked, and every known secret (the credentials injected from the
 * environment, raw and percent-encoded) is masked wherever it appears.
 */
public final class Redactor {

    public static final String MASK = "***";

    private static final Pattern USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s:]*)(:[^/@\\s]*)?@");
    private static final Pattern SECRET_QUERY = Pattern.compile(
            "(?i)([?&](?:passphrase|password|pass|pwd|token|secret|key)=)[^&\\s]*");

    private static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor that only masks URL userinfo and secret-looking query parameters. */
    public static Redactor urlsOnly() {
        return NONE;
    }

    /** A redactor that additionally masks each of the given secrets (null and blank ones are ignored). */
    public static Redactor forSecrets(String... secrets) {
        List<String> all = new ArrayList<>();
        for (String s : secrets) {
            if (s == null || s.isBlank()) {
                continue;
            }
            all.add(s);
            String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
            if (!encoded.equals(s)) {
                all.add(encoded);
            }
        }
        // Longest first so that a secret containing another one is masked whole.
        all.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(all));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        Matcher m = USERINFO.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) + m.group(2) + (m.group(3) != null ? ":" + MASK : "") + "@";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return SECRET_QUERY.matcher(sb.toString()).replaceAll("$1" + MASK);
    }
}
