/**
 * The ingest service's front door: {@link io.flowerstream.ingest.service.IngestService} starts the
 * HTTP endpoint and the archiver as one unit.
 */
package io.flowerstream.ingest.service;
