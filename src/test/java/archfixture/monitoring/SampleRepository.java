package archfixture.monitoring;

import org.springframework.stereotype.Repository;

/** Fixture for ArchitectureTest: a feature's repository (outside org.vsconsole, never scanned by Spring). */
@Repository
public class SampleRepository {

    public int rows() {
        return 0;
    }
}
