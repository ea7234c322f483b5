package io.flowerstream.model.profile;

/**
 * The Jensen-Shannon distance between two histograms over the same bins: the square root of the
 * Jensen-Shannon divergence in bits, so 0 for identical shapes and 1 for histograms with no bin in
 * common. Chosen over the population stability index because it is bounded and needs no smoothing of
 * empty bins, so one threshold means the same for every part.
 */
public final class JensenShannon {

    private JensenShannon() {}

    /**
     * The distance between the shapes of {@code p} and {@code q}; NaN when either is empty or they differ in length.
     */
    public static double distance(long[] p, long[] q) {
        if (p == null || q == null || p.length != q.length) {
            return Double.NaN;
        }
        double pTotal = total(p);
        double qTotal = total(q);
        if (pTotal <= 0 || qTotal <= 0) {
            return Double.NaN;
        }
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / pTotal;
            double qi = q[i] / qTotal;
            double mi = (pi + qi) / 2;
            divergence += 0.5 * term(pi, mi) + 0.5 * term(qi, mi);
        }
        return Math.sqrt(Math.max(0, Math.min(1, divergence)));
    }

    private static double term(double x, double m) {
        return x == 0 ? 0 : x * Math.log(x / m) / Math.log(2);
    }

    private static double total(long[] counts) {
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }
}
