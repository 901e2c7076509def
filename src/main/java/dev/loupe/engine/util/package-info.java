/** Small shared helpers of the engine: atomic file writes, content hashes, the app's version and directories. */
package dev.loupe.engine.util;
