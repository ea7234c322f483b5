/**
 * The classifier's configuration, built once from environment and flags: topics, the model version
 * to serve, and the dead-letter policy.
 */
package io.flowerstream.classifier.config;
