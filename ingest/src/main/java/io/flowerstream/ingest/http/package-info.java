/**
 * The ingest HTTP endpoint, {@code POST /v1/images} beside the ops endpoints: bounded request
 * bodies, the optional bearer token, and readiness from the broker.
 */
package io.flowerstream.ingest.http;
