/**
 * The infrastructure the standalone pipeline runs on when there is no cluster: an embedded broker
 * and S3 server, an optional local Prometheus, and the photo folder it is fed from.
 */
package io.flowerstream.standalone.local;
