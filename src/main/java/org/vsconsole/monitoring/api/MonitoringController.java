package org.vsconsole.monitoring.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vsconsole.apidocs.ApiTags;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.vsconsole.base.ApiErrors;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.host.ContextFigures;
import org.vsconsole.monitoring.DashboardModel;
import org.vsconsole.monitoring.DashboardRow;
import org.vsconsole.monitoring.GuestDelta;
import org.vsconsole.monitoring.GuestLive;
import org.vsconsole.monitoring.HistoryRange;
import org.vsconsole.monitoring.HostSnapshot;
import org.vsconsole.monitoring.MetricPoint;
import org.vsconsole.monitoring.MetricsHistory;
import org.vsconsole.monitoring.Sampler;
import org.vsconsole.security.CurrentUser;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Live figures and history over REST, scoped like the dashboard. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = ApiTags.MONITORING)
class MonitoringController {

    private final Sampler sampler;
    private final MetricsHistory history;
    private final CurrentUser currentUser;

    MonitoringController(Sampler sampler, MetricsHistory history, CurrentUser currentUser) {
        this.sampler = sampler;
        this.history = history;
        this.currentUser = currentUser;
    }

    /** One running context as {@code vserver-stat} shows it, plus CPU % since the previous tick and limit hits. */
    record StatRow(int xid,
            @Schema(description = "the guest's name; \"root server\" for the host; null for a context no guest names") @Nullable String name,
            @Schema(description = "guest, host (context 0: the host's processes outside every context, not a guest) or"
                    + " context (running, but no guest names it)", allowableValues = {
                            "guest", "host", "context"}) String kind,
            @Schema(description = "on a dynamic context (49152+): the kernel picked the id at start; give the guest a"
                    + " static one with PUT /guests/{name}/context") boolean dynamicContext,
            int processes, long vszBytes, long rssBytes, long userMs, long sysMs, long uptimeMs,
            @Nullable Double cpuPercent, long limitHits, List<String> limitHitsRising) {
    }

    record Stat(String takenAt, long tick, List<StatRow> rows) {
    }

    @GetMapping("/stat")
    @Operation(operationId = "getStat", summary = "Live figures of running contexts", description = "What vserver-stat shows for each running guest the caller may see, from the sampler's"
            + " latest tick, with CPU % since the tick before and limit hits. For those who see every guest also the"
            + " host as context 0 (kind host) and running contexts no guest names (kind context), as vserver-stat lists"
            + " them; sorted by context id.")
    Stat stat() {
        HostSnapshot snapshot = sampler.latest();
        boolean all = currentUser.seesAllGuests();
        var owned = all ? java.util.Set.<String>of() : currentUser.ownedGuests();
        List<StatRow> rows = new java.util.ArrayList<>();
        snapshot.guests().values().stream()
                .filter(g -> g.running() && g.figures() != null)
                .filter(g -> all || owned.contains(g.name()))
                .forEach(g -> rows.add(row(g, snapshot.delta(g.name()))));
        if (all) {
            snapshot.others().forEach((xid, f) -> rows.add(other(xid, f)));
        }
        rows.sort(Comparator.comparingInt(StatRow::xid));
        return new Stat(snapshot.takenAt().toString(), snapshot.tick(), rows);
    }

    private static StatRow row(GuestLive g, GuestDelta d) {
        ContextFigures f = Objects.requireNonNull(g.figures(), "only guests with figures are listed");
        return new StatRow(g.xid(), g.name(), "guest", g.xid() >= DashboardRow.FIRST_DYNAMIC_XID, f.processes(), f.vszBytes(),
                f.rssBytes(), f.userMs(), f.sysMs(), f.uptimeMs(),
                Double.isNaN(d.cpuPercent()) ? null : Math.round(d.cpuPercent() * 10) / 10.0, d.totalHits(), d.risingLimits());
    }

    private static StatRow other(int xid, ContextFigures f) {
        boolean host = xid == 0;
        return new StatRow(xid, host ? DashboardModel.HOST_ROW : null, host ? "host" : "context",
                xid >= DashboardRow.FIRST_DYNAMIC_XID, f.processes(), f.vszBytes(), f.rssBytes(), f.userMs(), f.sysMs(),
                f.uptimeMs(), null, 0, List.of());
    }

    @GetMapping("/guests/{name}/history")
    @Operation(operationId = "getGuestHistory", summary = "A guest's figures over time", description = "Per-minute (up to a day) or per-hour points of CPU, memory and processes. An owner asking"
            + " for another's guest gets the answer for a guest that does not exist (404).")
    @ApiResponse(responseCode = "200", description = "The history", content = @io.swagger.v3.oas.annotations.media.Content(schema = @Schema(implementation = History.class)))
    @ApiErrors({404})
    ResponseEntity<?> history(@PathVariable String name,
            @Parameter(description = "1h, 6h, 24h, 7d or 30d") @RequestParam(defaultValue = "1h") String range) {
        HistoryRange r = HistoryRange.parse(range);
        try {
            List<MetricPoint> points = history.history(name, r);
            return ResponseEntity.ok(new History(name, r.code(), r.hourly() ? "hour" : "minute", points));
        } catch (AccessDeniedException e) {
            // an owner learns nothing about other guests: same answer as for a guest that does not exist
            return org.vsconsole.base.ApiProblem.answer(org.vsconsole.base.ApiProblem.rule(HttpStatus.NOT_FOUND,
                    "not-found", "name", "must name a guest you may see", "No guest named " + name));
        }
    }

    record History(String guest, String range, String resolution, List<MetricPoint> points) {
    }
}
