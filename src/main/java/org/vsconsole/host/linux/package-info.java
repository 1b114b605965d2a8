/**
 * The {@code linux} driver: runs guests on a stock kernel, one context being a pivoted guest
 * tree inside fresh PID/UTS/IPC/mount/net namespaces plus a cgroup per context (pids, memory,
 * cpuacct on v1; the same files of the unified tree on v2) that carries the limits. Every process
 * that enters a guest, its init as well as each exec, first joins the guest's cgroups through the
 * small native helper {@code vsc-launch} (built from {@code native/}), because {@code nsenter}
 * alone leaves commands in the console's cgroups. Guests run without the capabilities that reach
 * the host kernel or lift their own limits, and (on v1) behind a device whitelist. All state is
 * read back from the kernel, so a restarted console finds its running guests again.
 */
package org.vsconsole.host.linux;
