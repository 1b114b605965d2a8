package org.vsconsole.host.proc;

import java.util.OptionalLong;

/**
 * {@code /proc/virtual/<xid>/info}.
 *
 * @param infoPointer opaque kernel pointer (hashed on kernels ≥ 4.15), kept only for debugging
 * @param initPid host pid of the guest's init, 0 without fakeinit
 * @param oomBias late 2.3 only
 */
public record ContextInfo(int xid, String infoPointer, long initPid, OptionalLong oomBias) {

    public static final ContextInfo EMPTY = new ContextInfo(0, "", 0, OptionalLong.empty());
}
