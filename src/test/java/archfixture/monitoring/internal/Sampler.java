package archfixture.monitoring.internal;

/** Fixture for ArchitectureTest: an internal class of a feature. */
public class Sampler {

    public int sample() {
        return 1;
    }
}
