package org.vsconsole.provisioning;

import static org.vsconsole.provisioning.WizardFieldChecks.show;
import static org.vsconsole.provisioning.WizardFieldChecks.suggest;
import static org.vsconsole.provisioning.WizardForms.concat;
import static org.vsconsole.provisioning.WizardForms.field;
import static org.vsconsole.provisioning.WizardForms.section;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.base.MainLayout;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobProgressPanel;
import org.vsconsole.jobs.JobService;
import org.vsconsole.jobs.JobState;
import org.vsconsole.limits.LimitPresetService;

/**
 * The creation wizard: six steps, each a plain form section, with live checks against the disk
 * as the user types. The server checks everything again on Create; a refusal is put next to its
 * field and the wizard goes back to that field's step. After Create it follows the job live.
 */
@Route(value = "guests/new", layout = MainLayout.class)
@PageTitle("New guest · VServer Console")
@Menu(order = 11, title = "New guest", icon = "vaadin:plus")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class CreateGuestWizardView extends VerticalLayout {

    static final String[] STEPS = {"Identity", "Network", "Context", "Build", "Limits", "Summary"};

    private final GuestCreationService creation;
    private final JobService jobs;
    private final WizardFieldChecks checks;

    final TextField name = field("Name", "wizard-name");
    final TextField hostname = field("Host name", "wizard-hostname");
    final TextField domain = field("Domain", "wizard-domain");
    final TextField ip = field("IP address", "wizard-ip");
    final TextField prefix = field("Prefix length", "wizard-prefix");
    final TextField iface = field("Host interface", "wizard-interface");
    final TextField context = field("Context (XID)", "wizard-context");
    final Select<String> method = new Select<>();
    final Select<String> source = new Select<>();
    final BuildOptionsFields options;
    final WizardLimitsStep limitsStep;
    final Checkbox startAfter = new Checkbox("Start the guest when built");
    final WizardSummary summary = new WizardSummary();
    final Button back = new Button("Back");
    final Button next = new Button("Next");
    final Button create = new Button("Create");
    final Button openGuest = new Button("Open guest");
    // An ordered list, not tabs: the steps only show where the user is and cannot be chosen, and a
    // tab strip whose tabs all refuse activation tells a screen reader the opposite.
    private final OrderedList stepList = new OrderedList();
    private final Component[] sections = new Component[STEPS.length];
    private final Div result = new Div();
    private int step;

    public CreateGuestWizardView(GuestCreationService creation, JobService jobs, LimitPresetService presets) {
        this.creation = creation;
        this.jobs = jobs;
        this.checks = new WizardFieldChecks(creation);
        this.limitsStep = new WizardLimitsStep(presets);
        this.options = new BuildOptionsFields(creation);
        setId("create-guest-wizard");
        add(new H2("New guest"));
        creation.readOnlyReason().ifPresent(reason -> {
            Div notice = Feedback.banner("warning", "This host cannot build guests: " + reason);
            notice.setId("wizard-read-only");
            add(notice);
        });
        for (String s : STEPS) {
            stepList.add(new ListItem(s));
        }
        stepList.addClassName("wizard-steps");
        stepList.getElement().setAttribute("aria-label", "Steps");
        stepList.setId("wizard-steps");
        add(stepList);

        sections[0] = section("Identity", name, hostname, domain);
        sections[1] = section("Network", ip, prefix, iface);
        sections[2] = section("Context", context);
        sections[3] = section("Build method", concat(new Component[]{method, source}, options.components()));
        sections[4] = section("Limits (optional)", limitsStep.components());
        sections[5] = section("Summary", summary, startAfter);
        for (Component c : sections) {
            add(c);
        }
        setUpFields();

        back.setId("wizard-back");
        next.setId("wizard-next");
        create.setId("wizard-create");
        openGuest.setId("wizard-open-guest");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        back.addClickListener(e -> showStep(step - 1));
        next.addClickListener(e -> {
            if (stepIsValid()) {
                showStep(step + 1);
            }
        });
        create.addClickListener(e -> submit());
        openGuest.addClickListener(e -> openGuest.getUI().ifPresent(ui -> ui.navigate("guests/" + name.getValue())));
        openGuest.setVisible(false);
        add(new HorizontalLayout(back, next, create), result, openGuest);
        showStep(0);
    }

    private void setUpFields() {
        hostname.setPlaceholder("same as the name");
        domain.setPlaceholder("optional, e.g. example.com");
        ip.setValue(suggest(creation::suggestAddress));
        ip.setHelperText("A free address of this host's pool is suggested; addresses are unique per host");
        prefix.setValue(Integer.toString(creation.poolPrefix()));
        iface.setValue(creation.defaultInterface());
        context.setValue(suggest(creation::suggestXid));
        context.setHelperText("Static range " + HostGrammar.MIN_XID + ".." + HostGrammar.MAX_XID
                + "; a free id is suggested. Unique on this host: another host may use the same id");
        name.addValueChangeListener(e -> show(name, checks.name(e.getValue())));
        ip.addValueChangeListener(e -> show(ip, checks.address(e.getValue())));
        context.addValueChangeListener(e -> show(context, checks.context(e.getValue())));

        method.setLabel("Method");
        method.setId("wizard-method");
        method.setItems("skeleton", "clone", "debootstrap");
        method.setValue("skeleton");
        source.setLabel("Guest to clone");
        source.setId("wizard-source");
        source.setItems(creation.existingGuests());
        method.addValueChangeListener(e -> showBuildFields());
        showBuildFields();
        startAfter.setId("wizard-start-after");
    }

    private void showBuildFields() {
        source.setVisible("clone".equals(method.getValue()));
        options.showFor(method.getValue());
    }

    void showStep(int index) {
        step = Math.max(0, Math.min(STEPS.length - 1, index));
        for (int i = 0; i < sections.length; i++) {
            sections[i].setVisible(i == step);
        }
        for (int i = 0; i < STEPS.length; i++) {
            stepList.getComponentAt(i).getElement().setAttribute("aria-current", i == step ? "step" : "false");
        }
        back.setEnabled(step > 0);
        next.setVisible(step < STEPS.length - 1);
        create.setVisible(step == STEPS.length - 1);
        if (step == STEPS.length - 1) {
            summary.show(request(), options, limitsStep.describe());
        }
    }

    int step() {
        return step;
    }

    /** Stays on a step whose fields show an error, so the user fixes it where it is. */
    private boolean stepIsValid() {
        if (step == 0 && name.getValue().isEmpty()) {
            show(name, Optional.of("a guest name is required"));
        }
        return switch (step) {
            case 0 -> !name.isInvalid() && !hostname.isInvalid() && !domain.isInvalid();
            case 1 -> !ip.isInvalid() && !prefix.isInvalid() && !iface.isInvalid();
            case 2 -> !context.isInvalid();
            default -> true;
        };
    }

    private void submit() {
        clearErrors();
        try {
            Job job = creation.create(request());
            showJob(job);
        } catch (InvalidInputException e) {
            showServerError(e);
        }
    }

    CreateGuestRequest request() {
        Map<String, CreateGuestRequest.Limit> requested = limitsStep.request();
        return new CreateGuestRequest(name.getValue(), hostname.getValue(), domain.getValue(), ip.getValue(),
                prefix.getValue(), iface.getValue(), context.getValue(),
                options.request(method.getValue(), source.getValue()),
                startAfter.getValue(), requested);
    }

    private void showJob(Job job) {
        for (Component c : sections) {
            c.setVisible(false);
        }
        back.setVisible(false);
        next.setVisible(false);
        create.setVisible(false);
        stepList.setVisible(false);
        result.removeAll();
        result.add(new H3("Creating " + name.getValue()));
        result.add(new JobProgressPanel(jobs, job.id(), finished -> {
            if (finished.state() == JobState.SUCCEEDED) {
                openGuest.setVisible(true);
            } else {
                Button again = new Button("Back to the wizard", e -> {
                    result.removeAll();
                    back.setVisible(true);
                    stepList.setVisible(true);
                    showStep(STEPS.length - 1);
                });
                again.setId("wizard-again");
                result.add(again);
            }
        }));
    }

    /** Puts the server's refusal next to its field and goes back to that field's step. */
    void showServerError(InvalidInputException e) {
        String field = e.field();
        Component target = switch (field) {
            case "name" -> name;
            case "hostname" -> hostname;
            case "domain" -> domain;
            case "ip" -> ip;
            case "prefix" -> prefix;
            case "interface" -> iface;
            case "context" -> context;
            case "build", "build.method" -> method;
            case "build.source" -> source;
            default -> field.startsWith("limits.")
                    ? limitsStep.limits.get(field.substring("limits.".length()))
                    : (Component) options.field(field).orElse(null);
        };
        if (target == null) {
            Feedback.error(java.util.Objects.requireNonNullElse(e.getMessage(), e.toString()));
            return;
        }
        for (int i = 0; i < sections.length; i++) {
            if (contains(sections[i], target)) {
                showStep(i);
            }
        }
        show((HasValidation) target, Optional.of(e.rule()));
    }

    private void clearErrors() {
        List<HasValidation> all = new ArrayList<>(List.of(name, hostname, domain, ip, prefix, iface, context,
                method, source));
        all.addAll(options.all());
        all.addAll(limitsStep.limits.values());
        all.forEach(f -> f.setInvalid(false));
    }

    private static boolean contains(Component parent, Component child) {
        Optional<Component> p = child.getParent();
        while (p.isPresent()) {
            if (p.get() == parent) {
                return true;
            }
            p = p.get().getParent();
        }
        return false;
    }
}
