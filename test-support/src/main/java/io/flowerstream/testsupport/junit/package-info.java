/**
 * JUnit 5 extensions that start the embedded broker and S3 server once per test class and stop them
 * after, and assumptions about Debian tools a test needs.
 */
package io.flowerstream.testsupport.junit;
