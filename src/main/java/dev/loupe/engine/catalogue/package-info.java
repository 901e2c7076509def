/**
 * The dataset's catalogue: an embedded SQLite database in the dataset's {@code .loupe/} folder (or in the user's data
 * folder when the dataset is read-only) holding content hashes and cached features. It carries a schema version;
 * a catalogue from a newer Loupe is refused, never rewritten.
 */
package dev.loupe.engine.catalogue;
