package org.vsconsole.host.vserver;

import com.sun.jna.Structure.FieldOrder;

/**
 * The {@code vserver(2)} data structures for x86_64 (reference §5.4). Field names are the C names
 * on purpose, so each field can be checked against {@code offsetof} in the C header; JNA's default
 * alignment equals gcc's on x86_64, which the ABI test proves rather than assumes. u32/u64 map to
 * int/long: callers read unsigned values with {@link Integer#toUnsignedLong}.
 */
public final class VserverAbi {

    private VserverAbi() {
    }

    /** get/set_rlimit: 32 bytes, 4 bytes of padding after {@code id}. */
    @FieldOrder({"id", "minimum", "softlimit", "maximum"})
    public static class CtxRlimit extends AbiStructure {

        public int id;
        public long minimum;
        public long softlimit;
        public long maximum;

        @Override
        public String cName() {
            return "vcmd_ctx_rlimit_v0";
        }
    }

    @FieldOrder({"minimum", "softlimit", "maximum"})
    public static class CtxRlimitMask extends AbiStructure {

        public int minimum;
        public int softlimit;
        public int maximum;

        @Override
        public String cName() {
            return "vcmd_ctx_rlimit_mask_v0";
        }
    }

    @FieldOrder({"id", "hits", "value", "minimum", "maximum"})
    public static class RlimitStat extends AbiStructure {

        public int id;
        public int hits;
        public long value;
        public long minimum;
        public long maximum;

        @Override
        public String cName() {
            return "vcmd_rlimit_stat_v0";
        }
    }

    @FieldOrder({"xid", "initpid"})
    public static class VxInfo extends AbiStructure {

        public int xid;
        public int initpid;

        @Override
        public String cName() {
            return "vcmd_vx_info_v0";
        }
    }

    @FieldOrder({"usecnt", "tasks"})
    public static class CtxStat extends AbiStructure {

        public int usecnt;
        public int tasks;

        @Override
        public String cName() {
            return "vcmd_ctx_stat_v0";
        }
    }

    @FieldOrder({"offset", "uptime", "nr_threads", "nr_running", "nr_uninterruptible", "nr_onhold", "nr_forks",
            "load"})
    public static class VirtStat extends AbiStructure {

        public long offset;
        public long uptime;
        public int nr_threads;
        public int nr_running;
        public int nr_uninterruptible;
        public int nr_onhold;
        public int nr_forks;
        public int[] load = new int[3];

        @Override
        public String cName() {
            return "vcmd_virt_stat_v0";
        }
    }

    @FieldOrder({"cpu_id", "bucket_id", "user_msec", "sys_msec", "hold_msec", "token_usec", "vavavoom"})
    public static class SchedInfo extends AbiStructure {

        public int cpu_id;
        public int bucket_id;
        public long user_msec;
        public long sys_msec;
        public long hold_msec;
        public int token_usec;
        public int vavavoom;

        @Override
        public String cName() {
            return "vcmd_sched_info";
        }
    }

    @FieldOrder({"pid", "sig"})
    public static class CtxKill extends AbiStructure {

        public int pid;
        public int sig;

        @Override
        public String cName() {
            return "vcmd_ctx_kill_v0";
        }
    }
}
