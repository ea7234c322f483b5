package io.flowerstream.trainer.report;

import io.flowerstream.trainer.train.EpochResult;
import java.util.List;
import java.util.Locale;

/** The history of a run as a table, like printing Keras' {@code history.history}, the best epoch marked. */
public final class HistoryTable {

    private HistoryTable() {}

    /** The table of {@code history} with {@code bestEpoch} starred. */
    public static String render(List<EpochResult> history, int bestEpoch) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-6s %8s %9s %9s %9s %9s %8s %8s%n",
                "epoch",
                "loss",
                "accuracy",
                "val_loss",
                "val_acc",
                "lr",
                "seconds",
                "img/s"));
        for (EpochResult r : history) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-6s %8.4f %9.4f %9.4f %9.4f %9.1e %8.0f %8.1f%n",
                    r.epoch() + (r.epoch() == bestEpoch ? "*" : ""),
                    r.loss(),
                    r.accuracy(),
                    r.valLoss(),
                    r.valAccuracy(),
                    r.learningRate(),
                    r.seconds(),
                    r.imagesPerSecond()));
        }
        out.append("* best epoch by validation accuracy: its weights are the ones kept\n");
        return out.toString();
    }
}
