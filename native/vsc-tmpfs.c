/*
 * vsc-tmpfs: remounts a running guest's /tmp with a new size.
 *
 *   vsc-tmpfs --pid PID --size S
 *
 * Enters PID's mount namespace and remounts its /tmp in place. It exists because Java cannot
 * enter a mount namespace (setns(CLONE_NEWNS) refuses a multi-threaded caller), and because after
 * LXC's pivot_root only the guest's own binaries are reachable in that namespace: running the
 * guest's mount would let the guest decide what "done" means. No shell, no exec: one syscall.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static void die(const char *what) {
    fprintf(stderr, "vsc-tmpfs: %s: %s\n", what, strerror(errno));
    exit(126);
}

static void fail(const char *msg) {
    fprintf(stderr, "vsc-tmpfs: %s\n", msg);
    exit(125);
}

/* Sizes end up inside a mount option string, so nothing but digits and one unit may pass. */
static int valid_size(const char *s) {
    size_t n = strlen(s), i = 0;
    if (n == 0 || n > 16) return 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == 0) return 0;
    if (i == n) return 1;
    return i == n - 1 && strchr("kKmMgG%", s[i]) != NULL;
}

static int valid_pid(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 9) return 0;
    for (size_t i = 0; i < n; i++) if (s[i] < '0' || s[i] > '9') return 0;
    return atoi(s) > 1;
}

int main(int argc, char **argv) {
    const char *pid = NULL, *size = NULL;
    char path[64], opts[64];
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--pid") == 0) pid = argv[i + 1];
        else if (strcmp(argv[i], "--size") == 0) size = argv[i + 1];
        else fail("unknown option");
    }
    if (pid == NULL || size == NULL || !valid_pid(pid) || !valid_size(size)) fail("usage: vsc-tmpfs --pid PID --size S");
    snprintf(path, sizeof path, "/proc/%s/ns/mnt", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die(path);
    if (setns(fd, CLONE_NEWNS) < 0) die("enter guest mount namespace");
    if (chdir("/") < 0) die("chdir /");
    snprintf(opts, sizeof opts, "size=%s", size);
    if (mount("tmpfs", "/tmp", "tmpfs", MS_REMOUNT | MS_NOSUID | MS_NODEV, opts) < 0) die("remount /tmp");
    return 0;
}
