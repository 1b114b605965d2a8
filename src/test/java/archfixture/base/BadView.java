package archfixture.base;

import archfixture.guests.BadGuestService;
import archfixture.monitoring.SampleRepository;
import com.vaadin.flow.component.html.Div;
import java.io.IOException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixture for ArchitectureTest: a view in "base" that breaks rules (b), (c) and (d) on purpose. */
public class BadView extends Div {

    BadView(SampleRepository repository, JdbcClient jdbc, BadGuestService guests) {
        add(String.valueOf(repository.rows()));
    }

    void run() throws IOException {
        new ProcessBuilder("true").start();
    }
}
