package archfixture.guests;

import archfixture.monitoring.SampleRepository;
import archfixture.monitoring.internal.Sampler;
import java.io.IOException;

/** Fixture for ArchitectureTest: breaks rules (a), (c) on purpose. */
public class BadGuestService {

    int reachAcross() {
        return new SampleRepository().rows() + new Sampler().sample();
    }

    Process spawn() throws IOException {
        return Runtime.getRuntime().exec(new String[]{"true"});
    }
}
