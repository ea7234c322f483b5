/**
 * {@code flowerstream gpu-check}: measures the engine, training, the batched predictor and the
 * classifier end to end on a device, and judges the figures against goals.
 */
package io.flowerstream.standalone.gpucheck;
