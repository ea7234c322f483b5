/**
 * {@code flowerstream model}: the network's summary, and the operator commands of the registry (list,
 * show, promote, rollback) with their S3 and registry flags.
 */
package io.flowerstream.model.cli;
