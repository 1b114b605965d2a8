package org.vsconsole.migration;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.fleet.HostStatus;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobProgressPanel;
import org.vsconsole.jobs.JobService;

/**
 * Where and how to move one guest, checked first, then moved with a confirmation that says when
 * the guest stops; the job's progress shows in place. The guest page's Move tab holds it for this
 * host's guests, a dialog on the host page for a managed host's.
 */
final class MigrationForm extends VerticalLayout {

    private final MigrationService migrations;
    private final JobService jobs;
    private final String host;
    private final String guest;
    private final ComboBox<String> target = new ComboBox<>("Target host");
    private final TextField context = new TextField("Context there");
    private final TextField ip = new TextField("Address there");
    private final TextField prefix = new TextField("Prefix");
    private final RadioButtonGroup<String> mode = new RadioButtonGroup<>("How");
    private final Div result = new Div();
    private final Div progress = new Div();
    private final Button check;
    private final Button move;

    MigrationForm(MigrationService migrations, FleetGuests fleet, JobService jobs, String host, String guest) {
        this.migrations = migrations;
        this.jobs = jobs;
        this.host = host;
        this.guest = guest;
        String where = host.equals(HostGrammar.LOCAL_HOST) ? "here" : "on " + host;
        setId("guest-move");
        setPadding(false);
        add(new Paragraph("Moves " + guest + " to another host: its config is made there first, its files are copied"
                + " (while it runs, with a pre-copy), it is stopped for the rest, and started there if it ran " + where + ". "
                + (host.equals(HostGrammar.LOCAL_HOST) ? "Here" : "On " + host) + " it is then disabled and keeps its files"
                + " until you delete it. A move that fails is undone: the copy there is removed and it runs " + where + " again."));
        target.setId("move-target");
        boolean local = host.equals(HostGrammar.LOCAL_HOST);
        List<String> targets = new ArrayList<>();
        if (!local) {
            targets.add(HostGrammar.LOCAL_HOST);
        }
        fleet.otherHosts().stream().filter(HostStatus::reachable).map(HostStatus::name).filter(h -> !h.equals(host)).forEach(targets::add);
        target.setItems(targets);
        target.setItemLabelGenerator(h -> h.equals(HostGrammar.LOCAL_HOST) ? "local (this host)" : h);
        target.setHelperText(local ? "Managed hosts that answer now" : "This host, or a managed host that answers now");
        context.setId("move-context");
        context.setHelperText("Empty: its context " + where + " (a free one if it has none); contexts are unique per host");
        ip.setId("move-ip");
        ip.setHelperText("Empty: its address " + where);
        prefix.setId("move-prefix");
        prefix.setWidth("6em");
        mode.setId("move-mode");
        mode.setItems(MigrationService.PRECOPY, MigrationService.OFFLINE);
        mode.setItemLabelGenerator(m -> m.equals(MigrationService.PRECOPY)
                ? "Copy while it runs, then stop it for what changed (short downtime)"
                : "Stop it for the whole copy");
        mode.setValue(MigrationService.PRECOPY);
        check = new Button("Check", e -> check());
        check.setId("move-check");
        move = new Button("Move…", e -> confirmMove());
        move.setId("move-start");
        move.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout fields = new HorizontalLayout(target, context, ip, prefix);
        fields.setWrap(true);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        result.setId("move-result");
        progress.setId("move-progress");
        progress.setWidthFull();
        add(fields, mode, new HorizontalLayout(check, move), result, progress);
    }

    private MigrationRequest request() {
        return new MigrationRequest(target.getValue(), context.getValue(), ip.getValue(), prefix.getValue(), mode.getValue());
    }

    private void check() {
        clearErrors();
        try {
            show(migrations.preflight(host, guest, request()));
        } catch (InvalidInputException e) {
            refused(e);
        }
    }

    private void show(MigrationPlan plan) {
        result.removeAll();
        if (plan.ready()) {
            result.add(Feedback.banner("success",
                    "Ready to move " + guest + " to " + plan.targetHost() + " (" + plan.mode() + ") on context "
                            + plan.context() + (plan.ip() == null ? "" : " at " + plan.ip() + "/" + plan.prefix()) + ": "
                            + Formats.bytes(plan.treeBytes()) + " to copy, " + Formats.bytes(plan.freeBytes()) + " free there."));
        } else {
            UnorderedList problems = new UnorderedList();
            plan.problems().forEach(p -> problems.add(new ListItem(p.field() + ": " + p.message())));
            result.add(Feedback.banner("error", "It cannot be moved yet:"), problems);
            plan.problems().forEach(p -> fieldOf(p.field()).ifPresent(f -> {
                f.setInvalid(true);
                f.setErrorMessage(p.message());
            }));
        }
        if (!plan.notCarried().isEmpty()) {
            result.add(Feedback.banner("warning", "Not carried to the target: " + String.join("; ", plan.notCarried()) + "."));
        }
    }

    private void confirmMove() {
        String there = target.getValue() == null ? "" : target.getValue();
        String stops = MigrationService.PRECOPY.equals(mode.getValue())
                ? " stops once most of its files are copied, for the rest,"
                : " stops while its files are copied";
        Feedback.confirmDestructive("Move " + guest + " to " + there + "?", guest + stops + " and starts on " + there
                + " if it runs now. " + (host.equals(HostGrammar.LOCAL_HOST) ? "Here" : "On " + host)
                + " it is disabled afterwards.", "Move", this::move).open();
    }

    private void move() {
        clearErrors();
        try {
            Job job = migrations.migrate(host, guest, request());
            // one move per form: the guest is on its way, and a second click could only be refused
            move.setEnabled(false);
            check.setEnabled(false);
            progress.removeAll();
            progress.add(new JobProgressPanel(jobs, job.id(), finished -> {
            }));
            result.removeAll();
        } catch (InvalidInputException e) {
            refused(e);
        }
    }

    private void refused(InvalidInputException e) {
        result.removeAll();
        result.add(Feedback.banner("error", String.valueOf(e.getMessage())));
        fieldOf(e.field()).ifPresent(f -> {
            f.setInvalid(true);
            f.setErrorMessage(e.rule());
        });
    }

    private Optional<com.vaadin.flow.component.HasValidation> fieldOf(String field) {
        return Optional.ofNullable(switch (field) {
            case "targetHost" -> target;
            case "context" -> context;
            case "ip" -> ip;
            case "prefix" -> prefix;
            case "mode" -> mode;
            default -> null;
        });
    }

    private void clearErrors() {
        target.setInvalid(false);
        context.setInvalid(false);
        ip.setInvalid(false);
        prefix.setInvalid(false);
        mode.setInvalid(false);
    }
}
