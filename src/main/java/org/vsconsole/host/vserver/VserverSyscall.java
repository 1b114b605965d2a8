package org.vsconsole.host.vserver;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.vsconsole.host.LimitValues;

/**
 * The {@code vserver(2)} system call through libc's {@code syscall()}, x86_64 only (number 236;
 * other architectures use other numbers and struct layouts, reference §5.1). On a kernel without
 * the patch, and for callers without {@code CAP_CONTEXT}, every command fails with ENOSYS:
 * {@link #getVersion()} turns that into an empty result, the other commands throw
 * {@link VserverSyscallException}.
 */
public final class VserverSyscall {

    public static final long NR_VSERVER_X86_64 = 236;
    public static final int ENOSYS = 38;

    public static final int CMD_GET_VERSION = command(0, 0, 0);
    public static final int CMD_CTX_KILL = command(12, 1, 0);
    public static final int CMD_SCHED_INFO = command(14, 3, 0);
    public static final int CMD_CTX_STAT = command(40, 0, 0);
    public static final int CMD_RLIMIT_STAT = command(40, 1, 0);
    public static final int CMD_VIRT_STAT = command(40, 3, 0);
    public static final int CMD_VX_INFO = command(46, 5, 0);
    public static final int CMD_GET_RLIMIT = command(60, 1, 0);
    public static final int CMD_SET_RLIMIT = command(60, 2, 0);

    /** All bits set: "no limit" for get and set; equal to {@link LimitValues#UNLIMITED}. */
    public static final long CRLIM_INFINITY = -1L;
    /** Leave this part of the limit as it is. */
    public static final long CRLIM_KEEP = -2L;

    /** Fixed-point unit of the load averages in {@code virt_stat}. */
    private static final double FIXED_1 = 2048.0;
    private static final int MAX_CPUS = 4096;

    /** One raw call: returns the non-negative result or throws with the errno. */
    @FunctionalInterface
    public interface Invoker {

        long invoke(String commandName, int cmd, int id, @Nullable Pointer data);
    }

    public record ContextInfo(int xid, int initPid) {
    }

    public record ContextStat(int useCount, int tasks) {
    }

    /** Soft and hard in the resource's unit; {@link LimitValues#UNLIMITED} for infinity. */
    public record Rlimit(long minimum, long soft, long hard) {
    }

    public record RlimitStat(long hits, long current, long minimum, long maximum) {
    }

    public record VirtStat(long uptimeNs, long threads, long running, long uninterruptible, long onHold,
            long forks, double load1, double load5, double load15) {
    }

    public record CpuTimes(int cpu, long userMs, long sysMs, long holdMs) {
    }

    private interface LibC extends Library {

        // libc's syscall() is variadic; fixed integer/pointer parameters are passed in the same
        // registers on x86_64, so a literal declaration is safe there (reference §5.1).
        long syscall(long number, int cmd, int id, @Nullable Pointer data);
    }

    private final Invoker invoker;

    public VserverSyscall(Invoker invoker) {
        this.invoker = invoker;
    }

    /** The real call on this machine; on anything but x86_64 every command fails with ENOSYS. */
    public static VserverSyscall forThisHost() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return new VserverSyscall((name, cmd, id, data) -> {
                throw new VserverSyscallException(name + " (not bound on " + arch + ")", ENOSYS);
            });
        }
        LibC libc = Native.load("c", LibC.class);
        return new VserverSyscall((name, cmd, id, data) -> {
            long result = libc.syscall(NR_VSERVER_X86_64, cmd, id, data);
            if (result < 0) {
                throw new VserverSyscallException(name, Native.getLastError());
            }
            return result;
        });
    }

    /** {@code cmd = category << 24 | number << 16 | version} (reference §5.2). */
    public static int command(int category, int number, int version) {
        return ((category & 0x3F) << 24) | ((number & 0xFF) << 16) | (version & 0xFFF);
    }

    /** The kernel's API version (e.g. {@code 0x00020308}), or empty when the call is not there (ENOSYS). */
    public OptionalInt getVersion() {
        try {
            return OptionalInt.of((int) invoker.invoke("get_version", CMD_GET_VERSION, 0, null));
        } catch (VserverSyscallException e) {
            if (e.errno() == ENOSYS) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    public ContextInfo vxInfo(int xid) {
        var data = new VserverAbi.VxInfo();
        call("vx_info", CMD_VX_INFO, xid, data);
        return new ContextInfo(data.xid, data.initpid);
    }

    public ContextStat ctxStat(int xid) {
        var data = new VserverAbi.CtxStat();
        call("ctx_stat", CMD_CTX_STAT, xid, data);
        return new ContextStat(data.usecnt, data.tasks);
    }

    public Rlimit getRlimit(int xid, int resourceId) {
        var data = new VserverAbi.CtxRlimit();
        data.id = resourceId;
        call("get_rlimit", CMD_GET_RLIMIT, xid, data);
        return new Rlimit(data.minimum, data.softlimit, data.maximum);
    }

    /** Sets soft and hard, leaves the minimum; UNLIMITED (-1) is the kernel's infinity bit pattern. */
    public void setRlimit(int xid, int resourceId, LimitValues values) {
        var data = new VserverAbi.CtxRlimit();
        data.id = resourceId;
        data.minimum = CRLIM_KEEP;
        data.softlimit = values.soft();
        data.maximum = values.hard();
        call("set_rlimit", CMD_SET_RLIMIT, xid, data);
    }

    public RlimitStat rlimitStat(int xid, int resourceId) {
        var data = new VserverAbi.RlimitStat();
        data.id = resourceId;
        call("rlimit_stat", CMD_RLIMIT_STAT, xid, data);
        return new RlimitStat(Integer.toUnsignedLong(data.hits), data.value, data.minimum, data.maximum);
    }

    public VirtStat virtStat(int xid) {
        var data = new VserverAbi.VirtStat();
        call("virt_stat", CMD_VIRT_STAT, xid, data);
        return new VirtStat(data.uptime, u32(data.nr_threads), u32(data.nr_running), u32(data.nr_uninterruptible),
                u32(data.nr_onhold), u32(data.nr_forks),
                u32(data.load[0]) / FIXED_1, u32(data.load[1]) / FIXED_1, u32(data.load[2]) / FIXED_1);
    }

    public CpuTimes schedInfo(int xid, int cpu) {
        var data = new VserverAbi.SchedInfo();
        data.cpu_id = cpu;
        data.bucket_id = 0;
        call("sched_info", CMD_SCHED_INFO, xid, data);
        return new CpuTimes(cpu, data.user_msec, data.sys_msec, data.hold_msec);
    }

    /** Every CPU's times: the kernel has no CPU count command, the call fails past the last CPU. */
    public List<CpuTimes> schedInfoAllCpus(int xid) {
        List<CpuTimes> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
            try {
                cpus.add(schedInfo(xid, cpu));
            } catch (VserverSyscallException e) {
                if (cpu == 0) {
                    throw e;
                }
                break;
            }
        }
        return List.copyOf(cpus);
    }

    /** pid 0: every process of the context; 1: the guest's init; else that process if it is in the context. */
    public void ctxKill(int xid, int pid, int signal) {
        var data = new VserverAbi.CtxKill();
        data.pid = pid;
        data.sig = signal;
        call("ctx_kill", CMD_CTX_KILL, xid, data);
    }

    private void call(String name, int cmd, int id, AbiStructure data) {
        data.write();
        invoker.invoke(name, cmd, id, data.getPointer());
        data.read();
    }

    private static long u32(int value) {
        return Integer.toUnsignedLong(value);
    }
}
