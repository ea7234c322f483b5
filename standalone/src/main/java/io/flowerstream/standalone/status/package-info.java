/**
 * The live status view of the standalone pipeline, read from the services' own meter registries.
 */
package io.flowerstream.standalone.status;
