package io.camstream.streamer.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser for the Prometheus text exposition format 0.0.4: every line must be a well-formed HELP, TYPE or
 * sample line, every sample must belong to a family declared by a TYPE line, values must parse. Throws
 * {@link IllegalArgumentException} naming the first bad line.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> SUFFIXES = Set.of("_total", "_created", "_bucket", "_count", "_sum", "_max");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("exposition must end with a newline");
        }
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if (line.startsWith("#")) {
                if ((m = TYPE.matcher(line)).matches()) {
                    if (types.put(m.group(1), m.group(2)) != null) {
                        throw new IllegalArgumentException("line " + lineNo + ": second TYPE for " + m.group(1));
                    }
                } else if (!HELP.matcher(line).matches()) {
                    throw new IllegalArgumentException("line " + lineNo + ": bad comment: " + line);
                }
                continue;
            }
            if (!(m = SAMPLE.matcher(line)).matches()) {
                throw new IllegalArgumentException("line " + lineNo + ": bad sample: " + line);
            }
            String name = m.group(1);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.find() && l.start() == end) {
                    labels.put(l.group(1), l.group(2));
                    end = l.end();
                }
                if (end != m.group(3).length()) {
                    throw new IllegalArgumentException("line " + lineNo + ": bad labels: " + line);
                }
            }
            double value;
            try {
                value = switch (m.group(4)) {
                    case "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    case "NaN" -> Double.NaN;
                    default -> Double.parseDouble(m.group(4));
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + lineNo + ": bad value: " + line);
            }
            if (family(name, types).isEmpty()) {
                throw new IllegalArgumentException("line " + lineNo + ": sample without a TYPE: " + line);
            }
            samples.add(new Sample(name, labels, value));
        }
        return new PrometheusText(samples, types);
    }

    private static Optional<String> family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return Optional.of(name);
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return Optional.of(name.substring(0, name.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    public List<Sample> samples() {
        return samples;
    }

    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** The single sample named {@code name} whose labels include {@code labels}. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException(matching.size() + " samples " + name + labels);
        }
        return matching.get(0).value();
    }

    public double value(String name) {
        return value(name, Map.of());
    }
}
