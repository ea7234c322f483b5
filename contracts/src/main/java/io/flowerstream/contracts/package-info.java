/**
 * What the services agree on, each written once: the five flower classes here, and in the subpackages
 * the topics, record headers and dead letters, the event formats, the image id and hashing, and the
 * bucket's image layout. The services meet only through these, the registry and the bucket.
 */
package io.flowerstream.contracts;
