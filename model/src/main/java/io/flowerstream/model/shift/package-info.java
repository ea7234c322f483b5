/**
 * Deterministic transforms that mimic photos from another source (thumbnails, re-compression, colour
 * cast, blur, framing), for the source-shift benchmark and drift tests.
 */
package io.flowerstream.model.shift;
