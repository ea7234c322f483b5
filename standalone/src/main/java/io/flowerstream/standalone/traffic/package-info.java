/**
 * The standalone pipeline's traffic: held-back photos streamed through ingest as unlabelled images
 * with their labels following as feedback, and the count of their predictions.
 */
package io.flowerstream.standalone.traffic;
