package org.vsconsole.migration;

import com.vaadin.flow.component.Component;
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
import java.util.Optional;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.fleet.HostStatus;
import org.vsconsole.guests.GuestPageTab;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobProgressPanel;
import org.vsconsole.jobs.JobService;
import org.vsconsole.security.CurrentUser;
import org.vsconsole.security.Role;

/**
 * The guest page's Move tab, for staff: choose a managed host (and, if need be, another context
 * or address there), check first, then move with a confirmation that says the guest stops for
 * the copy; the job's progress shows in place.
 */
@org.springframework.stereotype.Component
class MigrationTab implements GuestPageTab {

    private final MigrationService migrations;
    private final FleetGuests fleet;
    private final JobService jobs;
    private final CurrentUser currentUser;

    MigrationTab(MigrationService migrations, FleetGuests fleet, JobService jobs, CurrentUser currentUser) {
        this.migrations = migrations;
        this.fleet = fleet;
        this.jobs = jobs;
        this.currentUser = currentUser;
    }

    @Override
    public String label() {
        return "Move";
    }

    @Override
    public int order() {
        return 85;
    }

    @Override
    public Optional<Component> create(String guest) {
        if (!currentUser.hasRole(Role.ADMIN) && !currentUser.hasRole(Role.OPERATOR)) {
            return Optional.empty();
        }
        return Optional.of(new Panel(guest));
    }

    private final class Panel extends VerticalLayout {

        private final String guest;
        private final ComboBox<String> target = new ComboBox<>("Target host");
        private final TextField context = new TextField("Context there");
        private final TextField ip = new TextField("Address there");
        private final TextField prefix = new TextField("Prefix");
        private final RadioButtonGroup<String> mode = new RadioButtonGroup<>("How");
        private final Div result = new Div();
        private final Div progress = new Div();

        Panel(String guest) {
            this.guest = guest;
            setId("guest-move");
            setPadding(false);
            add(new Paragraph("Moves " + guest + " to another host: its config is made there first, its files are copied"
                    + " (while it runs, with a pre-copy), it is stopped for the rest, and started there if it ran here. Here it is then disabled and keeps its files"
                    + " until you delete it. A move that fails is undone: the copy there is removed and it runs here again."));
            target.setId("move-target");
            target.setItems(fleet.otherHosts().stream().filter(HostStatus::reachable).map(HostStatus::name).toList());
            target.setHelperText("Managed hosts that answer now");
            context.setId("move-context");
            context.setHelperText("Empty: its context here; contexts are unique per host");
            ip.setId("move-ip");
            ip.setHelperText("Empty: its address here");
            prefix.setId("move-prefix");
            prefix.setWidth("6em");
            mode.setId("move-mode");
            mode.setItems(MigrationService.PRECOPY, MigrationService.OFFLINE);
            mode.setItemLabelGenerator(m -> m.equals(MigrationService.PRECOPY)
                    ? "Copy while it runs, then stop it for what changed (short downtime)"
                    : "Stop it for the whole copy");
            mode.setValue(MigrationService.PRECOPY);
            Button check = new Button("Check", e -> check());
            check.setId("move-check");
            Button move = new Button("Move…", e -> confirmMove());
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
                show(migrations.preflight(guest, request()));
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
                                + (plan.treeBytes() >> 20) + " MiB to copy, " + (plan.freeBytes() >> 20) + " MiB free there."));
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
            String host = target.getValue() == null ? "" : target.getValue();
            String stops = MigrationService.PRECOPY.equals(mode.getValue())
                    ? " stops once most of its files are copied, for the rest,"
                    : " stops while its files are copied";
            Feedback.confirmDestructive("Move " + guest + " to " + host + "?", guest + stops + " and starts on " + host
                    + " if it runs now. Here it is disabled afterwards.", "Move", this::move).open();
        }

        private void move() {
            clearErrors();
            try {
                Job job = migrations.migrate(guest, request());
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
}
