package org.vsconsole.updates;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The plan of each update job, kept beside the job so its failed guests can be retried after a
 * restart. Every part of a plan is allow-listed (names, packages, action), so a plain
 * {@code |}-separated line holds it without escaping.
 */
@Repository
class UpdateJobs {

    private final JdbcClient jdbc;

    UpdateJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(long jobId, UpdatePlan plan) {
        String line = String.join("|", plan.action().command(), Boolean.toString(plan.dryRun()),
                Boolean.toString(plan.startStopped()), String.join(",", plan.packages()), String.join(",", plan.guests()));
        jdbc.sql("INSERT INTO update_job (job_id, plan) VALUES (?, ?)").params(jobId, line).update();
    }

    Optional<UpdatePlan> plan(long jobId) {
        return jdbc.sql("SELECT plan FROM update_job WHERE job_id = ?").param(jobId).query(String.class).optional()
                .map(UpdateJobs::parse);
    }

    private static UpdatePlan parse(String line) {
        String[] f = line.split("\\|", -1);
        return new UpdatePlan(split(f[4]), UpdateAction.of(f[0]).orElseThrow(), split(f[3]), Boolean.parseBoolean(f[1]),
                Boolean.parseBoolean(f[2]));
    }

    private static List<String> split(String list) {
        return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }
}
