/**
 * Where training photos come from (the bucket or a folder), how they are split into training and
 * validation by id, listed in a manifest, and decoded once into a compact store.
 */
package io.flowerstream.trainer.data;
