package org.vsconsole.host;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.vsconsole.base.ConsoleProperties;
import org.vsconsole.base.Feedback;
import org.vsconsole.base.MainLayout;

/**
 * The settings in effect: where the console keeps its data, which host tree it manages and which
 * driver runs guests (with the reason when the host is read-only), and the host's own facts. Settings are Spring
 * properties, so this page shows them and names the property to change each.
 */
@Route(value = "settings", layout = MainLayout.class)
@PageTitle("Settings · VServer Console")
@Menu(order = 90, title = "Settings", icon = "vaadin:cog")
@RolesAllowed("ADMIN")
public class HostSettingsView extends VerticalLayout {

    public HostSettingsView(HostProperties host, ConsoleProperties console, HostDriver driver, Environment env) {
        setMaxWidth("60rem");
        add(new H2("Settings"));
        add(new Paragraph("Settings are Spring properties: pass them as --name=value, put them in"
                + " application.properties next to the jar, or set environment variables. Changes take effect"
                + " at the next start."));
        add(new H3("Host"));
        Div driverFacts = facts(
                "Driver", driver.name(), "vsconsole.host.driver = " + host.driver(),
                "Config root (/etc/vservers)", host.configRoot().toAbsolutePath().normalize().toString(), "vsconsole.host.config-root",
                "Guest roots", host.guestsRoot().toAbsolutePath().normalize().toString(), "vsconsole.host.guests-root",
                "Proc root", host.procRoot().toString(), "vsconsole.host.proc-root",
                "Cgroup root", host.cgroupRoot().toString(), "vsconsole.host.cgroup-root");
        driverFacts.setId("settings-host");
        add(driverFacts);
        driver.readOnlyReason().ifPresent(reason -> {
            add(Feedback.banner("warning", "Read-only: " + reason));
        });
        add(hostFacts(driver.facts(), driver.readOnlyReason().orElse(null)));
        add(new H3("Console"));
        add(facts(
                "Data directory", console.dataDir().toAbsolutePath().normalize().toString(), "vsconsole.data-dir",
                "HTTP port", env.getProperty("server.port", "8080"), "server.port",
                "Sampling interval", env.getProperty("vsconsole.monitoring.tick", "1s"), "vsconsole.monitoring.tick"));
    }

    /** What {@code vserver-info} would say: kernel, engine, cgroups, and what guests here cannot have. */
    public static Div hostFacts(HostFacts facts, @Nullable String shownAbove) {
        Div list = new Div();
        list.addClassName("facts");
        list.setId("settings-host-facts");
        list.add(fact("Kernel", facts.kernel() + " (" + facts.architecture() + ")"));
        list.add(fact("Engine", facts.engine() == null ? "none" : facts.engine()));
        list.add(fact("Cgroups", facts.cgroups()));
        List<String> notHere = facts.missing().stream().filter(m -> !m.equals(shownAbove)).toList();
        if (!notHere.isEmpty()) {
            UnorderedList missing = new UnorderedList();
            notHere.forEach(m -> missing.add(new ListItem(m)));
            missing.getStyle().set("margin", "0");
            Div line = new Div(new Span("Not on this host"), missing);
            line.addClassName("fact");
            list.add(line);
        }
        return list;
    }

    private static Div fact(String name, String text) {
        Span value = new Span(text);
        value.addClassName("mono");
        Div line = new Div(new Span(name), value);
        line.addClassName("fact");
        return line;
    }

    private static Div facts(String... triples) {
        Div list = new Div();
        list.addClassName("facts");
        for (int i = 0; i < triples.length; i += 3) {
            Span value = new Span(triples[i + 1]);
            value.addClassName("mono");
            Span property = new Span(" (" + triples[i + 2] + ")");
            property.getStyle().set("color", "var(--lumo-secondary-text-color)");
            Div line = new Div(new Span(triples[i]), new Span(value, property));
            line.addClassName("fact");
            list.add(line);
        }
        return list;
    }
}
