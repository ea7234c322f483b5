/**
 * Turns image file bytes into the network's input in a batch slot, and names the inputs the
 * classifier cannot classify.
 */
package io.flowerstream.classifier.image;
