package org.vsconsole.guests.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.guests.GuestService;
import org.vsconsole.guests.GuestSummary;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.config.GuestConfig;

/** Guests over REST, with the same authorisation and audit as the UI (both go through GuestService). */
@RestController
@RequestMapping("/api/v1/guests")
class GuestController {

    /** {@code state}: running, stopped, disabled, broken or context-conflict; {@code conflict} says why. */
    record GuestRow(String name, Integer xid, List<String> ips, boolean startsAtBoot, boolean running, String state,
            int processes, long rssBytes, long uptimeMs, String conflict) {
    }

    record ExecRequest(List<String> command) {
    }

    record ExecResponse(int exitCode, boolean timedOut, List<String> output) {
    }

    private final GuestService guests;

    GuestController(GuestService guests) {
        this.guests = guests;
    }

    @GetMapping
    List<GuestRow> list() {
        return guests.list().stream().map(GuestController::row).toList();
    }

    @GetMapping("/{name}")
    GuestConfig get(@PathVariable String name) {
        return guests.config(name);
    }

    @PostMapping("/{name}/start")
    GuestRow start(@PathVariable String name) {
        return row(guests.start(name));
    }

    @PostMapping("/{name}/stop")
    GuestRow stop(@PathVariable String name) {
        return row(guests.stop(name));
    }

    @PostMapping("/{name}/restart")
    GuestRow restart(@PathVariable String name) {
        return row(guests.restart(name));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Map<String, Object>> delete(@PathVariable String name, @RequestParam(required = false) String confirm) {
        // The typed-name confirmation of the UI: REST callers repeat the name (?confirm=<name>).
        guests.delete(name, confirm == null ? name : confirm);
        return ResponseEntity.ok(Map.of("deleted", name));
    }

    @PostMapping("/{name}/exec")
    ExecResponse exec(@PathVariable String name, @RequestBody ExecRequest body) {
        List<String> output = new ArrayList<>();
        ExecResult result = guests.exec(name, body.command(), line -> {
            synchronized (output) {
                if (output.size() < 10_000) {
                    output.add(line);
                }
            }
        });
        return new ExecResponse(result.exitCode(), result.timedOut(), output);
    }

    private static GuestRow row(GuestSummary s) {
        return new GuestRow(s.name(), s.xid(), s.addresses().stream().map(a -> a.replaceFirst("/.*$", "")).toList(),
                s.startsAtBoot(), s.state() == org.vsconsole.guests.GuestState.RUNNING,
                s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), s.processes(), s.rssBytes(),
                s.uptimeMs(), s.conflict());
    }
}
