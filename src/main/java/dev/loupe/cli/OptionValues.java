package dev.loupe.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.function.Supplier;

/**
 * Option values out of range are a bad command line, like a value of the wrong type: picocli's usage error (exit 2,
 * the message and the usage), not a bad input (exit 3), which is for datasets, models and images.
 */
final class OptionValues {

    private OptionValues() {
    }

    /** Refuses {@code value} of {@code option} below {@code min}. */
    static void atLeast(CommandSpec spec, String option, double value, double min) {
        if (!(value >= min)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                    + (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value))
                    + " (it must be at least " + (min == Math.rint(min) ? String.valueOf((long) min) : min) + ")");
        }
    }

    /** Builds what the options describe; the engine's refusal of a value (IllegalArgumentException) is a usage error. */
    static <T> T valid(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid option value: " + e.getMessage());
        }
    }
}
