/**
 * Image decoding and preprocessing: format sniffing, header checks and limits, JPEG decoding (native
 * libjpeg-turbo with an ImageIO fallback) and the network's input pixels.
 */
package io.flowerstream.model.image;
