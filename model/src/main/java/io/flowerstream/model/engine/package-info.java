/**
 * Starting DJL's PyTorch engine offline, and the choices that depend on the device: CPU or GPU,
 * precision, batch and thread sizes.
 */
package io.flowerstream.model.engine;
