/**
 * The whole pipeline in one process ({@code flowerstream up}): local infrastructure, the ingest,
 * trainer and classifier services, and held-back traffic, with its settings.
 */
package io.flowerstream.standalone.pipeline;
