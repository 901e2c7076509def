/**
 * Small shared helpers of the engine: atomic file writes, content hashes, the app's version and directories, rows
 * spread over the cores in blocks ({@link dev.loupe.engine.util.CoreBlocks}).
 */
package dev.loupe.engine.util;
