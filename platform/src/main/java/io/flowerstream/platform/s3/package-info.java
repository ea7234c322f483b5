/**
 * Object-storage settings and credentials from the {@code S3_*} environment (static keys or the
 * default AWS chain), and the {@code --s}3-endpoint/--bucket flags.
 */
package io.flowerstream.platform.s3;
