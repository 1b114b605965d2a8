package archfixture.monitoring;

import archfixture.guests.BadGuestService;

/** Fixture for ArchitectureTest: monitoring uses guests while guests uses monitoring, a cycle (rule e). */
public class CyclicMonitor {

    BadGuestService guests;
}
