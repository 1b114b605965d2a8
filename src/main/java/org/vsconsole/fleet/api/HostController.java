package org.vsconsole.fleet.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.fleet.FleetGuests;
import org.vsconsole.fleet.HostRegistry;
import org.vsconsole.fleet.HostStatus;
import org.vsconsole.fleet.ManagedHost;
import org.vsconsole.host.HostFacts;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.host.agent.HostGuestSettings;
import org.vsconsole.jobs.Job;

/**
 * Hosts over REST. {@code local} is the console's own host, whose guests keep their resources
 * under {@code /api/v1/guests}; every other name is a host added with its confirmed key.
 */
@RestController
@RequestMapping("/api/v1/hosts")
@Tag(name = ApiTags.HOSTS)
class HostController {

    @Schema(description = "A host as the console last saw it.", example = """
            {"name":"local","local":true,"address":"this host","state":"reachable","driver":"linux",\
            "facts":{"kernel":"6.1.0-28-amd64","architecture":"x86_64","engine":"LXC 5.0.2","cgroups":"v2","missing":[]},\
            "guests":3,"running":2,"load1":0.42,"memTotalBytes":25769803776,"memAvailableBytes":20401094656,\
            "lastContact":"2026-12-01T10:00:00Z"}""")
    record HostRow(String name, boolean local, String address,
            @Schema(allowableValues = {
                    "reachable", "unreachable", "read-only"}) String state,
            @Nullable String problem,
            @Nullable String driver, @Nullable HostFacts facts, int guests, long running, @Nullable Double load1,
            long memTotalBytes, long memAvailableBytes, @Nullable Instant lastContact) {
    }

    record NewHost(@Nullable String name, @Nullable String address, @Nullable Integer port, @Nullable String user,
            @Nullable String fingerprint) {
    }

    record Probe(@Nullable String address, @Nullable Integer port) {
    }

    record Fingerprint(String fingerprint) {
    }

    record ConsoleKey(String authorizedKeysLine) {
    }

    record Removed(String removed) {
    }

    @Schema(example = """
            {"name":"web2","context":1002}""")
    record NewGuestOnHost(@Nullable String name, @Nullable Integer context) {
    }

    @Schema(description = "A limit's soft and hard value; -1 is unlimited.", example = """
            {"soft":100,"hard":120}""")
    record HostGuestLimit(@Nullable Long soft, @Nullable Long hard) {
    }

    record Deleted(String deleted) {
    }

    @Schema(description = "The host name and domain (none when blank), and the digest of the settings as read.", example = """
            {"hostname":"web1","domain":"example.org","digest":"3f1c…"}""")
    record HostGuestHostName(@Nullable String hostname, @Nullable String domain, @Nullable String digest) {
    }

    @Schema(description = "An address entry's address and prefix length, and the digest of the settings as read.", example = """
            {"ip":"10.0.0.7","prefix":"24","digest":"3f1c…"}""")
    record HostGuestAddress(@Nullable String ip, @Nullable String prefix, @Nullable String digest) {
    }

    @Schema(description = "A further address entry: address, prefix length, util-vserver's host device (empty: none), and the"
            + " digest of the settings as read.", example = """
                    {"ip":"10.0.0.8","prefix":"24","dev":"eth0","digest":"3f1c…"}""")
    record NewHostGuestAddress(@Nullable String ip, @Nullable String prefix, @Nullable String dev, @Nullable String digest) {
    }

    record LimitSaved(String limit, long soft, long hard, boolean appliedLive) {
    }

    private final FleetGuests fleet;
    private final HostRegistry registry;

    HostController(FleetGuests fleet, HostRegistry registry) {
        this.fleet = fleet;
        this.registry = registry;
    }

    @GetMapping
    @Operation(operationId = "listHosts", summary = "List hosts", description = "This host first, then every managed host,"
            + " as the last look (every few seconds) found it; an unreachable host carries why and its last known guests.")
    List<HostRow> list() {
        return fleet.hosts().stream().map(HostController::row).toList();
    }

    @GetMapping("/{host}")
    @Operation(operationId = "getHost", summary = "Read a host", description = "One host's state, facts, load and memory.")
    HostRow get(@PathVariable String host) {
        return row(fleet.host(host));
    }

    @GetMapping("/{host}/guests")
    @Operation(operationId = "listHostGuests", summary = "List a host's guests", description = "The guests of one host"
            + " with their context and whether they run, as last seen. An owner sees only the guests they own there.")
    List<HostGuest> guests(@PathVariable String host) {
        return fleet.guests(host);
    }

    @PostMapping("/{host}/guests/{name}/start")
    @Operation(operationId = "startHostGuest", summary = "Start a managed host's guest", description = "Starts the guest"
            + " through the host's agent; for this host's guests use /api/v1/guests/{name}/start.")
    HostGuest start(@PathVariable String host, @PathVariable String name) {
        return fleet.start(host, name);
    }

    @PostMapping("/{host}/guests/{name}/stop")
    @Operation(operationId = "stopHostGuest", summary = "Stop a managed host's guest", description = "Stops the guest"
            + " through the host's agent (killed after 30 s); for this host's guests use /api/v1/guests/{name}/stop.")
    HostGuest stop(@PathVariable String host, @PathVariable String name) {
        return fleet.stop(host, name);
    }

    @PostMapping("/{host}/guests")
    @Operation(operationId = "createHostGuest", summary = "Create a guest on a managed host", description = "Writes the"
            + " guest's config there at once (name and context checked against that host's tree; contexts are unique per"
            + " host) and builds its root (skeleton) as a job; answers 202 with the job.")
    @ApiResponse(responseCode = "202", description = "The build job")
    ResponseEntity<Job> create(@PathVariable String host, @RequestBody NewGuestOnHost guest) {
        Job job = fleet.create(host, guest.name(), guest.context());
        return ResponseEntity.accepted().header("Location", "/api/v1/jobs/" + job.id()).body(job);
    }

    @PutMapping("/{host}/guests/{name}/limits/{limit}")
    @Operation(operationId = "setHostGuestLimit", summary = "Set a limit of a managed host's guest", description = "Saves"
            + " the limit (nproc, nofile, rss, as, memlock, locks, …) in the guest's config there and applies it to the running"
            + " guest too.")
    LimitSaved setLimit(@PathVariable String host, @PathVariable String name, @PathVariable String limit,
            @RequestBody HostGuestLimit body) {
        if (body.soft() == null || body.hard() == null) {
            throw new InvalidInputException(body.soft() == null ? "soft" : "hard", "is required: a whole number, -1 for unlimited");
        }
        boolean live = fleet.setLimit(host, name, limit, body.soft(), body.hard());
        return new LimitSaved(limit, body.soft(), body.hard(), live);
    }

    @GetMapping("/{host}/guests/{name}/settings")
    @Operation(operationId = "getHostGuestSettings", summary = "Read a managed host's guest's settings", description = "Its"
            + " context, host name, domain and address entries as that host's agent reads them, with the digest an edit names.")
    HostGuestSettings settings(@PathVariable String host, @PathVariable String name) {
        return fleet.settings(host, name);
    }

    @PutMapping("/{host}/guests/{name}/hostname")
    @Operation(operationId = "setHostGuestHostName", summary = "Set a managed host's guest's host name", description = "Writes"
            + " uts/nodename and uts/domainname there (from the guest's next start); refused with 409 when the guest changed"
            + " there since the digest was read.")
    HostGuestSettings setHostName(@PathVariable String host, @PathVariable String name, @RequestBody HostGuestHostName body) {
        return fleet.setHostName(host, name, body.hostname(), body.domain(), body.digest());
    }

    @PutMapping("/{host}/guests/{name}/interfaces/{id}")
    @Operation(operationId = "setHostGuestAddress", summary = "Set an address of a managed host's guest", description = "Writes"
            + " interfaces/{id}/ip and prefix there (from the guest's next start); the address must be free on that host.")
    HostGuestSettings setAddress(@PathVariable String host, @PathVariable String name, @PathVariable String id,
            @RequestBody HostGuestAddress body) {
        return fleet.setAddress(host, name, id, body.ip(), body.prefix(), body.digest());
    }

    @PostMapping("/{host}/guests/{name}/interfaces")
    @Operation(operationId = "addHostGuestAddress", summary = "Add an address to a managed host's guest", description = "Writes"
            + " the lowest free interfaces/{n}/ there (from the guest's next start); the address must be free on that host.")
    HostGuestSettings addAddress(@PathVariable String host, @PathVariable String name, @RequestBody NewHostGuestAddress body) {
        return fleet.addAddress(host, name, body.ip(), body.prefix(), body.dev(), body.digest());
    }

    @DeleteMapping("/{host}/guests/{name}")
    @Operation(operationId = "deleteHostGuest", summary = "Delete a managed host's guest", description = "Removes a stopped"
            + " guest's root and config on that host. confirm must repeat the guest's name.")
    Deleted delete(@PathVariable String host, @PathVariable String name,
            @Parameter(description = "The guest's name again") @RequestParam(required = false) @Nullable String confirm) {
        fleet.delete(host, name, confirm);
        return new Deleted(name);
    }

    @PostMapping("/probe")
    @Operation(operationId = "probeHostKey", summary = "Fetch a host's key fingerprint", description = "Connects to the SSH"
            + " server without logging in and answers the SHA256 fingerprint of the key it shows, to compare on the host"
            + " before adding it.")
    Fingerprint probe(@RequestBody Probe probe) {
        return new Fingerprint(registry.probe(probe.address(), probe.port()));
    }

    @GetMapping("/console-key")
    @Operation(operationId = "getConsoleKey", summary = "The console's SSH key", description = "The authorized_keys line to"
            + " install for the managed host's login: the console's key, allowed to run the host agent only.")
    ConsoleKey consoleKey() {
        return new ConsoleKey(fleet.authorizedKeysLine());
    }

    @PostMapping
    @Operation(operationId = "addHost", summary = "Add a host", description = "Adds a host reached over SSH. The fingerprint"
            + " must be the one the host shows now (see probe); it is pinned, and any other key is refused from then on.")
    @ApiResponse(responseCode = "201", description = "The host was added")
    ResponseEntity<ManagedHost> add(@RequestBody NewHost host) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(registry.add(host.name(), host.address(), host.port(), host.user(), host.fingerprint()));
    }

    @DeleteMapping("/{host}")
    @Operation(operationId = "removeHost", summary = "Remove a host", description = "Forgets a managed host; its guests go"
            + " on running there. confirm must repeat the host's name.")
    Removed remove(@PathVariable String host,
            @Parameter(description = "The host's name again") @RequestParam(required = false) @Nullable String confirm) {
        registry.remove(host, confirm);
        return new Removed(host);
    }

    private static HostRow row(HostStatus s) {
        return new HostRow(s.name(), s.local(), s.address(), s.state(), s.problem(), s.driver(), s.facts(), s.guests().size(),
                s.running(), s.load().load1() < 0 ? null : s.load().load1(), s.load().memTotalBytes(),
                s.load().memAvailableBytes(), s.lastContact());
    }
}
