package archfixture.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vsconsole.base.DataDirFiles;

/** Fixture for ArchitectureTest: a class that declares its files are the console's own (allowed by rule g). */
@DataDirFiles
public class OwnFiles {

    String anchor(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("audit-anchor"));
    }
}
