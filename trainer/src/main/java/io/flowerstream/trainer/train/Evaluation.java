package io.flowerstream.trainer.train;

import io.flowerstream.contracts.FlowerClasses;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * How a network did on a set of labelled photos: loss, accuracy, the confusion matrix, and the
 * prediction and scores for each photo (for the samples grid, calibration and the reference profile).
 */
public final class Evaluation {

    private final int[][] confusion;
    private final double lossSum;
    private final int[] photoIndexes;
    private final int[] predicted;
    private final double[][] probabilities;
    private final int[] labels;

    Evaluation(
            int[][] confusion,
            double lossSum,
            int[] photoIndexes,
            int[] predicted,
            double[][] probabilities,
            int[] labels) {
        this.confusion = confusion;
        this.lossSum = lossSum;
        this.photoIndexes = photoIndexes;
        this.predicted = predicted;
        this.probabilities = probabilities;
        this.labels = labels;
    }

    /**
     * The evaluation of given softmax scores against true classes (tests, and scores computed
     * elsewhere); photo indexes are 0..n-1.
     */
    public static Evaluation ofScores(double[][] probabilities, int[] labels) {
        int classes = FlowerClasses.count();
        int[][] confusion = new int[classes][classes];
        int[] predicted = new int[labels.length];
        double lossSum = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            confusion[labels[i]][best]++;
            predicted[i] = best;
            lossSum -= Math.log(Math.max(probabilities[i][labels[i]], 1e-300));
        }
        double[][] copy = Arrays.stream(probabilities).map(double[]::clone).toArray(double[][]::new);
        return new Evaluation(
                confusion, lossSum, IntStream.range(0, labels.length).toArray(), predicted, copy, labels.clone());
    }

    /** Photos evaluated. */
    public int count() {
        return Arrays.stream(confusion).flatMapToInt(Arrays::stream).sum();
    }

    /** Fraction predicted right; 0 for no photos. */
    public double accuracy() {
        int right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return count() == 0 ? 0 : (double) right / count();
    }

    /** Mean softmax cross-entropy. */
    public double loss() {
        return count() == 0 ? 0 : lossSum / count();
    }

    /** Of the photos predicted as class {@code c}, the fraction that are; 0 when none were. */
    public double precision(int c) {
        int predictedAsC = 0;
        for (int[] row : confusion) {
            predictedAsC += row[c];
        }
        return predictedAsC == 0 ? 0 : (double) confusion[c][c] / predictedAsC;
    }

    /** Of the photos of class {@code c}, the fraction predicted as such; 0 when there were none. */
    public double recall(int c) {
        int ofC = Arrays.stream(confusion[c]).sum();
        return ofC == 0 ? 0 : (double) confusion[c][c] / ofC;
    }

    /** Rows are true classes, columns predicted ones, in {@link FlowerClasses#NAMES} order; a copy. */
    public int[][] confusionMatrix() {
        return Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
    }

    /** The store indexes evaluated, in order. */
    public int[] photoIndexes() {
        return photoIndexes.clone();
    }

    /** The predicted class of each photo of {@link #photoIndexes()}. */
    public int[] predicted() {
        return predicted.clone();
    }

    /** The softmax scores of each photo of {@link #photoIndexes()}, uncalibrated; a copy. */
    public double[][] probabilities() {
        return Arrays.stream(probabilities).map(double[]::clone).toArray(double[][]::new);
    }

    /** The true class of each photo of {@link #photoIndexes()}. */
    public int[] labels() {
        return labels.clone();
    }

    /** A text report: accuracy, per-class precision and recall, the confusion matrix. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("accuracy %.4f (%d photos), loss %.4f%n%n", accuracy(), count(), loss()));
        out.append(String.format("%-10s %9s %9s %7s%n", "class", "precision", "recall", "photos"));
        for (int c = 0; c < FlowerClasses.count(); c++) {
            out.append(String.format(
                    "%-10s %9.4f %9.4f %7d%n",
                    FlowerClasses.NAMES.get(c),
                    precision(c),
                    recall(c),
                    Arrays.stream(confusion[c]).sum()));
        }
        out.append(String.format("%nconfusion matrix (rows: true class, columns: predicted)%n%-10s", ""));
        for (String name : FlowerClasses.NAMES) {
            out.append(String.format(" %9s", name));
        }
        out.append('\n');
        for (int c = 0; c < FlowerClasses.count(); c++) {
            out.append(String.format("%-10s", FlowerClasses.NAMES.get(c)));
            for (int p = 0; p < FlowerClasses.count(); p++) {
                out.append(String.format(" %9d", confusion[c][p]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
