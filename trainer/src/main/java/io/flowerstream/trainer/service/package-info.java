/**
 * The trainer service's front door: {@link io.flowerstream.trainer.service.TrainerService}
 * retrains when its policy says so, once every class has enough photos, and serves the ops
 * endpoints.
 */
package io.flowerstream.trainer.service;
