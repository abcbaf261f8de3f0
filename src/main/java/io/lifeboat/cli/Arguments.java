package io.lifeboat.cli;

import io.lifeboat.kernel.ParameterException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words of a command line after the command: positionals, {@code --cluster FILE}, {@code --node INDEX} and
 * {@code -p NAME=VALUE}.
 */
public final class Arguments {

    private final Deque<String> positionals = new ArrayDeque<>();
    /** Options that take a value: {@code --keep-last 7}. */
    private static final Set<String> VALUED = Set.of("--read-data-subset", "--new-key-file", "--keep-last", "--keep-daily", "--keep-weekly",
            "--keep-monthly", "--keep-within");
    /** Options that stand alone. */
    private static final Set<String> FLAGS = Set.of("--read-data", "--dry-run");

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private String cluster;
    private String node;
    private boolean help;

    public static Arguments parse(List<String> words) {
        Arguments arguments = new Arguments();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-h", "--help" -> arguments.help = true;
                case "--cluster" -> arguments.cluster = valueAfter(words, ++i, "--cluster", "a cluster file");
                case "--node" -> arguments.node = valueAfter(words, ++i, "--node", "the index of a node in the cluster file");
                case "-p", "--param" -> arguments.addParameter(valueAfter(words, ++i, "-p", "NAME=VALUE"));
                default -> {
                    String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                    if (FLAGS.contains(word)) {
                        arguments.options.put(word, "");
                    } else if (VALUED.contains(option)) {
                        arguments.options.put(option, word.equals(option) ? valueAfter(words, ++i, option, "a value")
                                : word.substring(option.length() + 1));
                    } else if (word.startsWith("--cluster=")) {
                        arguments.cluster = word.substring("--cluster=".length());
                    } else if (word.startsWith("--node=")) {
                        arguments.node = word.substring("--node=".length());
                    } else if (word.startsWith("-p") && word.length() > 2) {
                        arguments.addParameter(word.substring(2));
                    } else if (word.startsWith("-")) {
                        throw new ParameterException(word, "unknown option " + word);
                    } else {
                        arguments.positionals.add(word);
                    }
                }
            }
        }
        return arguments;
    }

    private void addParameter(String assignment) {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw new ParameterException(assignment, "-p takes NAME=VALUE (got '" + assignment + "')");
        }
        parameters.put(assignment.substring(0, equals), assignment.substring(equals + 1));
    }

    private static String valueAfter(List<String> words, int index, String option, String what) {
        if (index >= words.size()) {
            throw new ParameterException(option, option + " needs " + what);
        }
        return words.get(index);
    }

    public Optional<String> next() {
        return Optional.ofNullable(positionals.poll());
    }

    public List<String> remaining() {
        return List.copyOf(positionals);
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** The {@code --name [VALUE]} options given ({@code ""} for a flag), by name. */
    public Map<String, String> options() {
        return options;
    }

    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }

    public Optional<String> node() {
        return Optional.ofNullable(node);
    }

    public boolean help() {
        return help;
    }

    /** Refuses any option but {@code allowed}. */
    public void rejectOptionsBut(List<String> allowed) {
        for (String option : options.keySet()) {
            if (!allowed.contains(option)) {
                throw new ParameterException(option, "unknown option " + option);
            }
        }
    }

    /** Refuses words left over once the command has taken its own. */
    public void rejectExtraWords() {
        if (!positionals.isEmpty()) {
            throw new ParameterException(positionals.peek(), "unexpected '" + positionals.peek() + "' (parameters are given as -p NAME=VALUE)");
        }
    }
}
