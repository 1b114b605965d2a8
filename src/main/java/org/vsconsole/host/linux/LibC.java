package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jspecify.annotations.Nullable;

/**
 * The few libc calls the driver makes directly: signalling and rlimits of guest processes would
 * otherwise cost one {@code kill}/{@code prlimit} process per pid, and shifting a tree's owners
 * one {@code chown} per file (Java's own attribute calls cannot keep file capabilities).
 */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int SC_PAGESIZE = 30;

    int kill(int pid, int signal) throws LastErrorException;

    /** {@code limits} is {@code struct rlimit}: soft then hard, -1 for RLIM_INFINITY. */
    int prlimit(int pid, int resource, long @Nullable [] newLimits, long @Nullable [] oldLimits) throws LastErrorException;

    long sysconf(int name);

    int lchown(String path, int uid, int gid) throws LastErrorException;

    int chmod(String path, int mode) throws LastErrorException;

    /** Returns the value's size; -1 with ENODATA when the attribute is absent. */
    long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;
}
