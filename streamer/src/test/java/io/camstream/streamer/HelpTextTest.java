package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} is the first thing a new user runs: it must read as clean text. */
class HelpTextTest {

    private static final class Help {
        final String out;
        final String err;

        Help(String out, String err) {
            this.out = out;
            this.err = err;
        }
    }

    /** picocli reports formatting problems through its tracer, on the process's own stderr. */
    private static Help help() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int code;
        System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
        try {
            code = StreamerMain.execute(new String[] {"--help"}, Map.of(), config -> {
                throw new AssertionError("--help must not run the streamer");
            }, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setErr(originalErr);
        }
        assertThat(code).isZero();
        return new Help(out.toString(), err + tracer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsNoWarningAndNothingOnStderr() {
        Help help = help();
        assertThat(help.err).isEmpty();
        assertThat(help.out).doesNotContain("WARN").doesNotContain("%n");
        assertThat(help.out).as("a literal percent sign survives formatting").contains("50-100 % of it");
    }

    @Test
    void listsEveryFlagWithItsVariable() {
        String text = help().out;
        for (OptionSpec option : StreamerMain.commandLine(Map.of(), config -> 0).getCommandSpec().options()) {
            assertThat(text).contains(option.longestName());
            String variable = EnvironmentDefaults.ENV_BY_OPTION.get(option.longestName());
            if (variable != null) {
                assertThat(text).contains(variable + ".");
            }
        }
    }

    /**
     * picocli indents a line it wrapped by two more columns; a line that starts exactly at the description column
     * is a new paragraph of the description, which must not cut a sentence.
     */
    @Test
    void noDescriptionIsBrokenMidSentence() {
        List<String> options = optionLines(help().out);
        int descriptionColumn = descriptionColumn(options);
        for (int i = 1; i < options.size(); i++) {
            String line = options.get(i);
            String previous = options.get(i - 1);
            boolean newParagraph = indent(line) == descriptionColumn;
            boolean previousIsOptionName = previous.stripLeading().startsWith("-");
            if (newParagraph && !previousIsOptionName) {
                assertThat(previous.stripTrailing()).as("line before '%s'", line.strip()).endsWith(".");
            }
        }
    }

    private static List<String> optionLines(String help) {
        List<String> lines = new ArrayList<>();
        boolean inOptions = false;
        for (String line : help.split("\n")) {
            if (line.stripLeading().startsWith("--source=")) {
                inOptions = true;
            }
            if (inOptions && line.isBlank()) {
                break;
            }
            if (inOptions) {
                lines.add(line);
            }
        }
        assertThat(lines).as("options section").isNotEmpty();
        return lines;
    }

    private static int descriptionColumn(List<String> options) {
        String helpOption = options.stream().filter(l -> l.contains("--help")).findFirst().orElseThrow();
        return helpOption.indexOf("Show this help");
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
