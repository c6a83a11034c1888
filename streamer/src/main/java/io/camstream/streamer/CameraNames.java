package io.camstream.streamer;

/** The camera's name for logs and metrics when none is configured: the publish URL's last path segment. */
final class CameraNames {

    static final String FALLBACK = "camera";

    private CameraNames() {
    }

    /** {@code rtsp://mediamtx:8554/lobby} gives {@code lobby}; anything unusable gives {@value #FALLBACK}. */
    static String fromPublishUrl(String url) {
        if (url == null) {
            return FALLBACK;
        }
        int scheme = url.indexOf("://");
        String rest = scheme < 0 ? url : url.substring(scheme + 3);
        rest = rest.split("[?#]", 2)[0];
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return FALLBACK;
        }
        String[] segments = rest.substring(slash + 1).split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String candidate = segments[i].replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
            if (!candidate.isEmpty()) {
                return candidate.length() > 63 ? candidate.substring(0, 63) : candidate;
            }
        }
        return FALLBACK;
    }
}
