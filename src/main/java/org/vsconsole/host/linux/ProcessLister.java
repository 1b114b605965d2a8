package org.vsconsole.host.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vsconsole.host.GuestProcess;

/** What {@code vps} shows for the processes of one context. */
final class ProcessLister {

    private ProcessLister() {
    }

    /** Users are shown as the guest sees them: its passwd names its own ids, not the host's shifted ones. */
    static List<GuestProcess> list(Path proc, Path guestRoot, IdRange ids, List<Integer> pids) {
        Map<Integer, String> users = userNames(guestRoot);
        double uptime;
        long bootEpochMs;
        try {
            uptime = ProcStat.uptimeSeconds(proc);
            bootEpochMs = System.currentTimeMillis() - (long) (uptime * 1000);
        } catch (IOException e) {
            bootEpochMs = 0;
        }
        List<GuestProcess> result = new ArrayList<>();
        for (int pid : pids) {
            Optional<ProcStat> stat = ProcStat.read(proc, pid);
            Optional<ProcStatus> status = ProcStatus.read(proc, pid);
            if (stat.isEmpty() || status.isEmpty()) {
                continue; // ended while listing
            }
            ProcStat s = stat.get();
            long uid = ids.toGuest(status.get().uid());
            String user = uid < 0 ? "host:" + status.get().uid() : users.getOrDefault((int) uid, Long.toString(uid));
            result.add(new GuestProcess(pid, status.get().guestPid(), user,
                    s.vszBytes(), s.rssPages() * Rlimits.PAGE_SIZE,
                    (s.userTicks() + s.sysTicks()) * ProcStat.MS_PER_TICK,
                    bootEpochMs + s.startTicks() * ProcStat.MS_PER_TICK, ProcStatus.commandLine(proc, pid)));
        }
        return result;
    }

    /**
     * User names from the guest's own {@code etc/passwd}. The guest owns that tree, so neither
     * {@code etc} nor the file may be a symlink: it could point at a host file.
     */
    static Map<Integer, String> userNames(Path guestRoot) {
        Map<Integer, String> names = new HashMap<>();
        Path etc = guestRoot.resolve("etc");
        if (!Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(
                Files.newByteChannel(etc.resolve("passwd"), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)),
                StandardCharsets.UTF_8))) {
            String line;
            int count = 0;
            while ((line = reader.readLine()) != null && count++ < 10_000) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].matches("\\d{1,9}")) {
                    names.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                }
            }
        } catch (IOException e) {
            // no readable passwd: numeric ids will do
        }
        return names;
    }
}
