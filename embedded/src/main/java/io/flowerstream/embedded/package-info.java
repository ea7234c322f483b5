/**
 * An embedded single-node KRaft broker and an embedded S3 server on 127.0.0.1, for {@code
 * ./flowerstream up} and for tests (through test-support's JUnit extensions). Nothing here depends on
 * JUnit.
 */
package io.flowerstream.embedded;
