package io.flowerstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scanner that the live test uses to find an alert's underlying series. */
class SelectorsTest {

    @Test
    void findsSelectorsAndSkipsFunctionsLabelListsStringsAndDurations() {
        assertThat(Selectors.of("""
                (sum by (model_version) (increase(a_total{outcome="correct", x=~"a|b}"}[1h])) or 0 * sum(rate(b[5m])))
                / on (model_version) count_values("model_version", c) > 0.5 and d offset 15m unless absent(up{job="x"})
                """))
                .containsExactly("a_total{outcome=\"correct\", x=~\"a|b}\"}", "b", "c", "d", "up{job=\"x\"}");
    }

    @Test
    void everyAlertHasSelectors() {
        for (DashboardFiles.Alert alert : DashboardFiles.alerts()) {
            assertThat(Selectors.of(alert.expr()))
                    .as(alert.name())
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s).matches("[a-z_:][a-z0-9_:]*(\\{.*})?"));
        }
    }
}
