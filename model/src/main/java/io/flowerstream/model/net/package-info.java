/**
 * The flower network (the seed's CNN), building a DJL model of it, and its Keras-style summary.
 */
package io.flowerstream.model.net;
