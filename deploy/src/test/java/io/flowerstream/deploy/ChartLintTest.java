package io.flowerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} on the chart, through the embedded Helm. */
class ChartLintTest {

    @Test
    void passes_helm_lint_in_strict_mode() {
        LintResult result = new Helm(RepoPaths.CHART).lint().strict().call();

        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }
}
