/**
 * The topic admin behind {@code topics ensure}: which topics the pipeline needs with which configs,
 * creating or fixing them idempotently, and the {@code --topic-}* flags.
 */
package io.flowerstream.platform.topics;
