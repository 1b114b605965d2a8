package org.vsconsole.jobs;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Runs before anything else may submit work: jobs left unfinished by a crash become interrupted. */
@Component
@Order(0)
class JobStartupRecovery implements ApplicationRunner {

    private final JobService jobs;

    JobStartupRecovery(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public void run(ApplicationArguments args) {
        jobs.markInterrupted();
    }
}
