package org.vsconsole.jobs.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.Paging;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobService;

/** Jobs over REST: recent jobs, state, items and log of one job; cancel. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = ApiTags.JOBS)
class JobController {

    /** How far back the list reaches: the job table keeps more, but scripts follow recent work. */
    static final int RECENT = 500;

    record JobWithLog(Job job, List<String> log) {
    }

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    /**
     * No total: which jobs a caller sees is decided per job (an owner sees their own), so counting
     * them would mean reading them all; a page shorter than {@code limit} is the last one.
     */
    @GetMapping
    @Operation(operationId = "listJobs", summary = "List recent jobs", description = "The most recent jobs the caller may see (up to 500 back), newest first, paged with offset"
            + " and limit; a page shorter than limit is the last one.")
    List<Job> list(@RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to 1000") @RequestParam(defaultValue = "100") int limit) {
        Paging paging = new Paging(offset, limit);
        return paging.of(jobs.recent((int) Math.min(RECENT, (long) offset + limit)));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getJob", summary = "Read a job and its log", description = "The job's state, progress and items, with its log lines so far.")
    JobWithLog get(@PathVariable long id) {
        return new JobWithLog(jobs.get(id), jobs.logOf(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelJob", summary = "Cancel a job", description = "Asks a running job to stop; it ends as cancelled at its next check (a cancelled creation"
            + " is rolled back). ADMIN, OPERATOR, or the OWNER who submitted it.")
    Job cancel(@PathVariable long id) {
        jobs.cancel(id);
        return jobs.get(id);
    }
}
