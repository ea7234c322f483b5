/**
 * Which model version the classifier serves and how it gets there: sources (registry or
 * directory), loading and warm-up, following an alias and its announcements, and the swap between
 * batches.
 */
package io.flowerstream.classifier.models;
