package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls the driver makes directly: signalling and rlimits of guest processes would
 * otherwise cost one {@code kill}/{@code prlimit} process per pid.
 */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int SC_PAGESIZE = 30;

    int kill(int pid, int signal) throws LastErrorException;

    /** {@code limits} is {@code struct rlimit}: soft then hard, -1 for RLIM_INFINITY. */
    int prlimit(int pid, int resource, long[] newLimits, long[] oldLimits) throws LastErrorException;

    long sysconf(int name);
}
