package archfixture.guests;

import archfixture.base.BadView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Service;

/** Fixture for ArchitectureTest: a service that builds a view (rule f) and reads a host file itself (rule g). */
@Service
public class ViewTouchingService {

    BadView view;

    String context() throws IOException {
        return Files.readString(Path.of("/etc/vservers/web1/context"));
    }
}
