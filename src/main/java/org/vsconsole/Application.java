package org.vsconsole;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.vsconsole.host.proc.StatCommand;

/** Entry point of the console; also the Vaadin app shell (push, plain stylesheets, no Node build). */
@SpringBootApplication
@ConfigurationPropertiesScan
@Push
@ColorScheme(ColorScheme.Value.LIGHT_DARK)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/vsconsole.css")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("stat")) {
            // vserver-stat for given roots: a plain command, no web server, no database.
            System.exit(StatCommand.run(args, System.out, System.err, org.vsconsole.host.linux.LinuxStat::compute));
        }
        if (args.length > 0 && args[0].equals("agent")) {
            // the host agent: the driver behind a socket or stdin/stdout, no web server, no database
            System.exit(org.vsconsole.host.agent.AgentCommand.run(args));
        }
        SpringApplication.run(Application.class, args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("VServer Console");
    }
}
