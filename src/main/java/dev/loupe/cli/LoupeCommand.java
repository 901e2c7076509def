package dev.loupe.cli;

import picocli.CommandLine.Command;

/** The root command: {@code loupe SUBCOMMAND ...}. */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Build image classifiers by transfer learning, offline.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, ClassifyCommand.class, ExplainCommand.class,
            FeaturesCommand.class, InfoCommand.class, BackbonesCommand.class, DatasetCommand.class,
            RunsCommand.class, InboxCommand.class, EmbedCommand.class, SimilarCommand.class, ExportCommand.class, BenchCommand.class,
            OpenCommand.class})
public final class LoupeCommand {
}
