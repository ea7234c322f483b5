/**
 * Ids made from content: the image id (the SHA-256 of the bytes) and the project's one SHA-256 helper.
 */
package io.flowerstream.contracts.ids;
