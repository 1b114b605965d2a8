/*
 * Data structures of the vserver(2) system call, written from the reference
 * (vserver-interfaces.md section 5.4) in the kernel's own terms. Only used by
 * vserver_abi_check.c to prove that the JNA structures in
 * org.vsconsole.host.vserver.VserverAbi have the same size and offsets on this
 * machine's ABI (x86_64).
 */
#ifndef VSERVER_ABI_H
#define VSERVER_ABI_H

#include <stdint.h>

struct vcmd_ctx_rlimit_v0 {
	uint32_t id;
	uint64_t minimum;
	uint64_t softlimit;
	uint64_t maximum;
};

struct vcmd_ctx_rlimit_mask_v0 {
	uint32_t minimum;
	uint32_t softlimit;
	uint32_t maximum;
};

struct vcmd_rlimit_stat_v0 {
	uint32_t id;
	uint32_t hits;
	uint64_t value;
	uint64_t minimum;
	uint64_t maximum;
};

struct vcmd_vx_info_v0 {
	uint32_t xid;
	uint32_t initpid;
};

struct vcmd_ctx_stat_v0 {
	uint32_t usecnt;
	uint32_t tasks;
};

struct vcmd_virt_stat_v0 {
	uint64_t offset;
	uint64_t uptime;
	uint32_t nr_threads;
	uint32_t nr_running;
	uint32_t nr_uninterruptible;
	uint32_t nr_onhold;
	uint32_t nr_forks;
	uint32_t load[3];
};

struct vcmd_sched_info {
	int32_t cpu_id;
	int32_t bucket_id;
	uint64_t user_msec;
	uint64_t sys_msec;
	uint64_t hold_msec;
	uint32_t token_usec;
	int32_t vavavoom;
};

struct vcmd_ctx_kill_v0 {
	int32_t pid;
	int32_t sig;
};

#endif
