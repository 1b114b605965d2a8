/*
 * Prints the layout of every structure in vserver_abi.h, one line each:
 *   <struct> sizeof <n>
 *   <struct>.<field> <offset>
 * The JNA layout test compiles this with gcc and compares line by line.
 */
#include <stddef.h>
#include <stdio.h>
#include "vserver_abi.h"

#define SIZE(s) printf("%s sizeof %zu\n", #s, sizeof(struct s))
#define FIELD(s, f) printf("%s.%s %zu\n", #s, #f, offsetof(struct s, f))

int main(void)
{
	SIZE(vcmd_ctx_rlimit_v0);
	FIELD(vcmd_ctx_rlimit_v0, id);
	FIELD(vcmd_ctx_rlimit_v0, minimum);
	FIELD(vcmd_ctx_rlimit_v0, softlimit);
	FIELD(vcmd_ctx_rlimit_v0, maximum);

	SIZE(vcmd_ctx_rlimit_mask_v0);
	FIELD(vcmd_ctx_rlimit_mask_v0, minimum);
	FIELD(vcmd_ctx_rlimit_mask_v0, softlimit);
	FIELD(vcmd_ctx_rlimit_mask_v0, maximum);

	SIZE(vcmd_rlimit_stat_v0);
	FIELD(vcmd_rlimit_stat_v0, id);
	FIELD(vcmd_rlimit_stat_v0, hits);
	FIELD(vcmd_rlimit_stat_v0, value);
	FIELD(vcmd_rlimit_stat_v0, minimum);
	FIELD(vcmd_rlimit_stat_v0, maximum);

	SIZE(vcmd_vx_info_v0);
	FIELD(vcmd_vx_info_v0, xid);
	FIELD(vcmd_vx_info_v0, initpid);

	SIZE(vcmd_ctx_stat_v0);
	FIELD(vcmd_ctx_stat_v0, usecnt);
	FIELD(vcmd_ctx_stat_v0, tasks);

	SIZE(vcmd_virt_stat_v0);
	FIELD(vcmd_virt_stat_v0, offset);
	FIELD(vcmd_virt_stat_v0, uptime);
	FIELD(vcmd_virt_stat_v0, nr_threads);
	FIELD(vcmd_virt_stat_v0, nr_running);
	FIELD(vcmd_virt_stat_v0, nr_uninterruptible);
	FIELD(vcmd_virt_stat_v0, nr_onhold);
	FIELD(vcmd_virt_stat_v0, nr_forks);
	FIELD(vcmd_virt_stat_v0, load);

	SIZE(vcmd_sched_info);
	FIELD(vcmd_sched_info, cpu_id);
	FIELD(vcmd_sched_info, bucket_id);
	FIELD(vcmd_sched_info, user_msec);
	FIELD(vcmd_sched_info, sys_msec);
	FIELD(vcmd_sched_info, hold_msec);
	FIELD(vcmd_sched_info, token_usec);
	FIELD(vcmd_sched_info, vavavoom);

	SIZE(vcmd_ctx_kill_v0);
	FIELD(vcmd_ctx_kill_v0, pid);
	FIELD(vcmd_ctx_kill_v0, sig);
	return 0;
}
