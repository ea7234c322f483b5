/**
 * The {@code flowerstream ingest} command and its subcommands ({@code push}, {@code serve}, {@code
 * archive}, {@code roundtrip}): flags and environment in, a service or a one-off run out.
 */
package io.flowerstream.ingest.cli;
