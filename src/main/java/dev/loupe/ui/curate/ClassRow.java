package dev.loupe.ui.curate;

/**
 * A class as the list shows it.
 *
 * @param colour the class's palette index ({@code ClassPalette}), kept with the dataset for its life
 */
public record ClassRow(String name, int count, int colour) {
}
