/**
 * Benchmarks: each class measures one headline figure beside its reference (nginx for serving,
 * Kafka's producer performance tool for ingest, smtp-source for mail) in the same run, and prints
 * the figure last. Run through {@code bench/run-*.sh}; never part of the test suite.
 */
package io.newswire.bench;
