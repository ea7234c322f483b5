/**
 * The model registry on object storage: numbered versions under {@code models/<name>/}, their {@code
 * metadata.json}, aliases such as champion, and integrity checks on fetch.
 */
package io.flowerstream.model.registry;
