/**
 * Fetching backbone weights over HTTPS into the user's cache: resumable ({@code .part} file + HTTP Range), verified
 * against the checksum the publisher gives (Adler32 for DL4J's zoo), with time-outs so a dead network ends in a clear
 * message, and moved into place only once whole and verified.
 */
package dev.loupe.engine.backbone.download;
