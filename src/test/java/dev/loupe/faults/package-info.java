/**
 * The fault-and-bad-input suite: generated bad images, odd folders, full and read-only file systems, killed
 * processes, damaged models and a second Loupe on the same dataset. Every case asserts a clear message naming the
 * file, the rest of the work done, and (by hashing) no user file lost or altered; {@link dev.loupe.faults.Results}
 * writes what ran to {@code target/reliability-results.md} for docs/reliability.md.
 */
package dev.loupe.faults;
