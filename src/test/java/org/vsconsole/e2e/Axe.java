package org.vsconsole.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * axe-core run in the page a {@link Browser} shows. The script is the pinned, checksummed copy the
 * build unpacks at test time ({@code axe.script}); it is injected into the page, never served by
 * the console. axe looks into open shadow roots, where Vaadin's components keep their parts.
 */
final class Axe {

    /** Impacts that fail the build; moderate and minor ones are reported only. */
    static final List<String> BLOCKING = List.of("critical", "serious");

    /** {@code why} is axe's failure summary of the first node, which says what to change. */
    record Violation(String rule, String impact, String help, List<String> targets, String why) {

        boolean blocking() {
            return BLOCKING.contains(impact);
        }

        @Override
        public String toString() {
            return impact + " " + rule + " (" + targets.size() + " nodes): " + help + " " + targets
                    + " — " + why.replace('\n', ' ');
        }
    }

    private final String script;

    Axe() {
        String path = System.getProperty("axe.script");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("No axe-core at " + path + ": run the Maven build (generate-test-resources)"
                    + " so it fetches and checks the pinned axe-core");
        }
        try {
            script = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every WCAG 2.x A/AA and best-practice rule's violations on the page as it is now. */
    @SuppressWarnings("unchecked")
    List<Violation> scan(Browser browser) {
        browser.waitForVaadin();
        if (!Boolean.TRUE.equals(browser.js("return !!window.axe"))) {
            browser.js(script);
        }
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object answer = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                    .then(r => done(r.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => JSON.stringify(n.target)),
                        why: v.nodes.length ? (v.nodes[0].failureSummary || '') : ''}))))
                    .catch(e => done('axe failed: ' + e));
                """);
        if (answer instanceof String failure) {
            throw new IllegalStateException(failure);
        }
        return ((List<Map<String, Object>>) answer).stream()
                .map(v -> new Violation((String) v.get("rule"), String.valueOf(v.get("impact")), (String) v.get("help"),
                        (List<String>) v.get("targets"), String.valueOf(v.get("why"))))
                .toList();
    }
}
