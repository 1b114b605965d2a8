package org.vsconsole.guests.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vsconsole.apidocs.ApiTags;
import org.vsconsole.base.ApiErrors;
import org.vsconsole.guests.GuestProcessService;
import org.vsconsole.host.ExecResult;
import org.vsconsole.host.GuestProcess;
import org.jspecify.annotations.Nullable;

/** What runs inside a guest over REST: its processes, signals to them and commands (GuestProcessService). */
@RestController
@RequestMapping("/api/v1/guests/{name}")
@Tag(name = ApiTags.GUESTS)
class GuestProcessController {

    @Schema(example = "{\"command\":[\"uname\",\"-a\"]}")
    record ExecRequest(@Schema(description = "argv: no shell is involved") @Nullable List<String> command) {
    }

    record ExecResponse(int exitCode, boolean timedOut, List<String> output) {
    }

    @Schema(example = "{\"signal\":\"TERM\"}")
    record SignalRequest(
            @Schema(description = "HUP, INT, QUIT, KILL, USR1, USR2, TERM, CONT or STOP (SIG prefix allowed)") @Nullable String signal) {
    }

    record SignalSent(int pid, String signal) {
    }

    record SignalsSent(String signal, int processes) {
    }

    private final GuestProcessService processes;

    GuestProcessController(GuestProcessService processes) {
        this.processes = processes;
    }

    @GetMapping("/processes")
    @Operation(operationId = "listGuestProcesses", summary = "List a guest's processes", description = "The guest's processes as vps shows them: host pid, pid inside the guest, user, VSZ and RSS"
            + " in bytes, CPU time, start time and command line. Empty when the guest is stopped or its"
            + " context is held by another guest.")
    List<GuestProcess> list(@PathVariable String name) {
        return processes.processes(name);
    }

    @PostMapping("/processes/{pid}/signal")
    @Operation(operationId = "signalGuestProcess", summary = "Send a signal to a guest's process", description = "Sends the named signal to one process of the guest (by host pid, as listed); refused when"
            + " the process is not the guest's. Needs operate rights on the guest; audited.")
    @ApiErrors({409})
    SignalSent signal(@PathVariable String name, @PathVariable int pid, @RequestBody SignalRequest body) {
        return new SignalSent(pid, processes.kill(name, pid, body == null ? null : body.signal()).name());
    }

    @PostMapping("/processes/signal")
    @Operation(operationId = "signalAllGuestProcesses", summary = "Send a signal to every process of a guest", description = "Sends the named signal to every process of the guest, as vkill --xid does (KILL ends the guest"
            + " the hard way), and answers how many it reached. Needs operate rights on the guest; audited.")
    @ApiErrors({409})
    SignalsSent signalAll(@PathVariable String name, @RequestBody SignalRequest body) {
        var sent = processes.signalAll(name, body == null ? null : body.signal());
        return new SignalsSent(sent.signal().name(), sent.processes());
    }

    @PostMapping("/exec")
    @Operation(operationId = "execInGuest", summary = "Run a command in a guest", description = "Runs argv (no shell) in the running guest with a timeout and answers its exit code and"
            + " output (at most 10,000 lines). ADMIN and OPERATOR only; audited.")
    @ApiErrors({409})
    ExecResponse exec(@PathVariable String name, @RequestBody ExecRequest body) {
        List<String> output = new ArrayList<>();
        ExecResult result = processes.exec(name, body == null ? null : body.command(), line -> {
            synchronized (output) {
                if (output.size() < 10_000) {
                    output.add(line);
                }
            }
        });
        return new ExecResponse(result.exitCode(), result.timedOut(), output);
    }
}
