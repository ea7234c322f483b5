/**
 * The classifier service's front door: {@link
 * io.flowerstream.classifier.service.ClassifierService} wires model management, the ops endpoints
 * and Kafka Streams, and judges its liveness.
 */
package io.flowerstream.classifier.service;
