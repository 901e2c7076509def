/**
 * Features computed past one machine (Loupe's Spark job, docs/scaling.md) brought back to a dataset: the Parquet
 * table's layout and its import into the catalogue, matched by content hash, backbone and preprocessing version.
 */
package dev.loupe.engine.features.cluster;
