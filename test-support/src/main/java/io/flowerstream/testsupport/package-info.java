/**
 * Helpers for every module's tests: the committed sample photos, synthetic photos, and the finder of
 * the shared photo sets for benchmarks. A test-scope dependency only.
 */
package io.flowerstream.testsupport;
