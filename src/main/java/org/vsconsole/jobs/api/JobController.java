package org.vsconsole.jobs.api;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobService;

/** Jobs over REST: state, items and log of one job; cancel. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    record JobWithLog(Job job, List<String> log) {
    }

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/{id}")
    JobWithLog get(@PathVariable long id) {
        return new JobWithLog(jobs.get(id), jobs.logOf(id));
    }

    @PostMapping("/{id}/cancel")
    Job cancel(@PathVariable long id) {
        jobs.cancel(id);
        return jobs.get(id);
    }
}
