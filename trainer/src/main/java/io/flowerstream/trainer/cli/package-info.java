/**
 * The {@code flowerstream trainer} command and its subcommands ({@code train}, {@code serve},
 * {@code evaluate}, {@code bench-speed}, {@code shift-set}, {@code shift-eval}) with their shared
 * flag groups.
 */
package io.flowerstream.trainer.cli;
