package io.camstream.streamer.resilience;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it is logged or put into an exception: the user-info part of every URL
 * ({@code scheme://user:pass@host} becomes {@code scheme://***@host}) and every known secret value, also when it
 * appears percent-encoded or on its own.
 */
public final class SecretRedactor {

    private static final Pattern URL_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s'\"]*@");
    private static final String MASK = "***";

    private final List<String> secrets;

    public SecretRedactor(Collection<String> secrets) {
        List<String> values = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            values.add(secret);
            String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            if (!encoded.equals(secret)) {
                values.add(encoded);
            }
        }
        // Longest first so a secret that contains another is masked whole.
        values.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(values);
    }

    public static SecretRedactor none() {
        return new SecretRedactor(List.of());
    }

    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String result = URL_USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** A redactor that also masks {@code more} secrets. */
    public SecretRedactor with(Collection<String> more) {
        List<String> all = new ArrayList<>(secrets);
        more.stream().filter(Objects::nonNull).forEach(all::add);
        return new SecretRedactor(all);
    }
}
