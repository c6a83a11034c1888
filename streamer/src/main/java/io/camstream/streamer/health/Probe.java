package io.camstream.streamer.health;

/** One probe answer: healthy or not, with a short human reason for the response body. */
public record Probe(boolean healthy, String reason) {
    public static Probe ok(String reason) {
        return new Probe(true, reason);
    }

    public static Probe failing(String reason) {
        return new Probe(false, reason);
    }
}
