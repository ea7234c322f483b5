/**
 * The pipeline's topic names and defaults, the record header names, and the one builder of dead-letter
 * headers every service uses.
 */
package io.flowerstream.contracts.topics;
