/**
 * Where labelled images live in the bucket, {@code images/<label>/<sha256>.<ext>}: the key the
 * archiver writes and the trainer reads.
 */
package io.flowerstream.contracts.storage;
