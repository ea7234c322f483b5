/**
 * The JSON records on the topics: predictions, model announcements, and the one JSON mapping they (and
 * the registry's {@code metadata.json}) are written and read with.
 */
package io.flowerstream.contracts.events;
