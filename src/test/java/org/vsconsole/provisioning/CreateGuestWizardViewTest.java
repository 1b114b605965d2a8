package org.vsconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.vsconsole.ConsoleViewTest;

/**
 * The wizard as a user walks it: a field the live checks refuse keeps the user on its step with
 * the rule shown, and the summary says what Create will ask for, defaults named as such.
 */
@WithMockUser(username = "wizard-admin", roles = "ADMIN")
@ViewPackages(packages = {"org.vsconsole.provisioning", "org.vsconsole.base"})
class CreateGuestWizardViewTest extends ConsoleViewTest {

    @Test
    void aRefusedAddressKeepsTheUserOnTheNetworkStepAndTheSummarySaysWhatWillBeAsked() {
        CreateGuestWizardView wizard = navigate(CreateGuestWizardView.class);
        test($(TextField.class).id("wizard-name")).setValue("wiz1");
        test($(Button.class).id("wizard-next")).click();
        assertThat(wizard.step()).isEqualTo(1);

        TextField ip = $(TextField.class).id("wizard-ip");
        test(ip).setValue("10.0.0.300");
        assertThat(ip.isInvalid()).isTrue();
        assertThat(ip.getErrorMessage()).isNotBlank();
        test($(Button.class).id("wizard-next")).click();
        assertThat(wizard.step()).isEqualTo(1);

        test(ip).setValue("");
        assertThat(ip.isInvalid()).isFalse();
        wizard.context.clear();
        wizard.showStep(4);
        test($(TextField.class).id("wizard-limit-nproc")).setValue("150");
        test($(Button.class).id("wizard-next")).click();

        assertThat(wizard.step()).isEqualTo(CreateGuestWizardView.STEPS.length - 1);
        String summary = $(Div.class).id("wizard-summary").getElement().getTextRecursively();
        assertThat(summary).contains("Namewiz1", "Host namewiz1", "Addressnext free of the pool/",
                "Contextnext free", "Buildskeleton (busybox)", "Limitsnproc 150");
    }
}
