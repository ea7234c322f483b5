/**
 * The {@code flowerstream classifier} command: reads flags and environment into a {@link
 * io.flowerstream.classifier.config.ClassifierConfig} and runs the classifier service.
 */
package io.flowerstream.classifier.cli;
