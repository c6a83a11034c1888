package io.camstream.operator.ui;

import java.nio.file.Path;

/**
 * The wall's own TLS: a PEM certificate chain and its private key, as a {@code kubernetes.io/tls} Secret mounts them
 * ({@code tls.crt}, {@code tls.key}). With TLS the wall speaks h2 (ALPN) and HTTP/1.1; without, HTTP/1.1 and h2c.
 */
public record WallTls(Path certificate, Path privateKey) {
}
