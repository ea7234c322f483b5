/**
 * Decides whether a new version replaces the champion (the promotion gate) and announces published
 * versions on the models topic.
 */
package io.flowerstream.trainer.publish;
