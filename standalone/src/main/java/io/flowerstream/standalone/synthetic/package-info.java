/**
 * Synthetic flower photos for machines with no photo set: a renderer and a writer of a set in the
 * seed's layout.
 */
package io.flowerstream.standalone.synthetic;
