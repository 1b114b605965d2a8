/**
 * The {@code linux} driver: runs guests on a stock kernel as unprivileged LXC containers, one per
 * context. A guest's root is an unprivileged host user (its id range is derived from its context
 * and its tree is owned by that range), LXC's hardening stays on (dropped capabilities, masked
 * {@code /proc} and {@code /sys}, seccomp, AppArmor where the host has it) and the console adds its
 * own seccomp list and device whitelist. The container's cgroup is {@code <parent>/<xid>}, where
 * the limits are set and the sampler reads its figures without running an {@code lxc-*} command.
 * Guests sit on one bridge that carries the pool's gateway, behind nftables rules that let each
 * send only from its own MAC and addresses and keep it away from the host's services. The LXC
 * configuration is generated from the {@code /etc/vservers} tree at every start; all state is
 * read back from the kernel, so a restarted console finds its running guests again.
 */
@NullMarked
package org.vsconsole.host.linux;

import org.jspecify.annotations.NullMarked;
