package dev.loupe.ui.curate;

/**
 * A class as the list shows it.
 *
 * @param colour index into the class palette; stable for a class while the class list does not change
 */
public record ClassRow(String name, int count, int colour) {
}
