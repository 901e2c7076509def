/**
 * How Loupe opens a file a user or a dataset handed it, below every other engine floor: only regular files are read
 * ({@link dev.loupe.engine.files.RegularFiles}: a named pipe or device is refused before it can block a job), and a
 * file or folder that cannot be read is described in words a user can act on
 * ({@link dev.loupe.engine.files.ReadFailure}).
 */
package dev.loupe.engine.files;
