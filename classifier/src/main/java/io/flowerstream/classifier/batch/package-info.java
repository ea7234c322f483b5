/**
 * Dynamic batching of the classifier's stream task: buffers input records (in a changelogged
 * store), decodes them off the stream thread, and emits a prediction or a dead letter for each.
 */
package io.flowerstream.classifier.batch;
