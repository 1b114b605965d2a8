package org.vsconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;
import org.vsconsole.base.ConsoleProperties;

/** While the audit log does not match its anchor, every page shows it and the Audit page offers the re-anchor. */
@WithMockUser(username = "admin", roles = "ADMIN")
class AuditIntegrityBannerTest extends ConsoleViewTest {

    @Autowired
    AuditService audit;

    @Autowired
    ConsoleProperties properties;

    @Test
    void aMissingAnchorShowsABannerAndTheReanchorFormUntilItIsBack() throws Exception {
        Path anchor = properties.dataDir().resolve("audit-anchor");
        byte[] saved = Files.readAllBytes(anchor);
        try {
            Files.delete(anchor);
            assertThat(audit.verify().ok()).isFalse();

            navigate(AuditView.class);
            Span banner = $(Span.class).id("shell-warning");
            assertThat(banner.getElement().getTextRecursively()).contains("anchor file is missing");
            assertThat($(Button.class).id("audit-reanchor").isVisible()).isTrue();
        } finally {
            Files.write(anchor, saved);
            audit.verify();
        }
        assertThat(audit.integrityProblem()).isEmpty();
        navigate(AuditView.class);
        assertThat($(Span.class).all()).noneMatch(s -> "shell-warning".equals(s.getId().orElse(null)));
    }
}
