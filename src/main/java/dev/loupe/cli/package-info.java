/** The command line (picocli): one command per engine action, the same engine calls the studio makes. */
package dev.loupe.cli;
