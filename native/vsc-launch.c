/*
 * vsc-launch: the console's only native helper for the linux driver.
 *
 * It exists because a process must be inside a guest's cgroups *before* it can fork, and Java
 * cannot move a child between fork and exec. Every mode therefore starts by writing "0" (= the
 * writer itself) into each cgroup.procs file it is given, then does the rest.
 *
 * Modes (all values arrive as separate argv entries, never through a shell):
 *
 *   enter --procs F [--procs F]... --pid PID -- COMMAND ARGS...
 *       what "nsenter -t PID -i -u -n -p -m -r" does, but joined to the cgroups first and with
 *       PID's nofile/as/memlock/locks applied right before exec (after nsenter's own namespace
 *       files are closed, so a small nofile does not stop the entry itself). Becomes a session
 *       leader so a timeout can kill the whole process group; COMMAND runs with the same
 *       capabilities as the guest's init; exits with COMMAND's status.
 *
 *   start --procs F [--procs F]... --root DIR --hostname H [--domainname D] [--tmp-size S]
 *         -- INIT ARGS...
 *       new UTS/IPC/mount/net/PID namespaces with loopback up; the child (pid 1 of the new PID namespace) joins
 *       the cgroups, prints nothing, waits for the go, pivots into DIR, mounts /proc, /tmp and
 *       /dev/pts and execs INIT. The parent prints "pid <host pid of child>", waits for a line
 *       "go" on stdin (the console sets up network and rlimits meanwhile), then prints
 *       "started" or the child's error, detaches from the console's pipes and stays as the
 *       child's reaper until the guest's init exits.
 *
 *   remount-tmp --procs F... --pid PID --size S
 *       join the cgroups, enter PID's mount namespace and remount its /tmp with size S. Done
 *       here rather than by nsenter+mount because after pivot_root only the guest's own
 *       binaries are reachable inside that namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PROCS 8

static void die(const char *what) {
    fprintf(stderr, "vsc-launch: %s: %s\n", what, strerror(errno));
    exit(126);
}

static void fail(const char *msg) {
    fprintf(stderr, "vsc-launch: %s\n", msg);
    exit(125);
}

static int join_cgroups(char **procs, int n, char *err, size_t errlen) {
    for (int i = 0; i < n; i++) {
        int fd = open(procs[i], O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write(fd, "0", 1) != 1) {
            snprintf(err, errlen, "join cgroup %s: %s", procs[i], strerror(errno));
            if (fd >= 0) close(fd);
            return -1;
        }
        close(fd);
    }
    return 0;
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

/*
 * Capabilities a guest's root does not get, close to Linux-VServer's default bcaps: the kernel
 * and clock (module, rawio, time, MAC), device nodes (mknod), and mount/cgroup/rlimit/network
 * administration (sys_admin would let a guest mount a cgroup hierarchy and lift its own
 * pids.max; sys_resource would let it raise its own hard rlimits; net_admin would let it take
 * other addresses on the bridge). Dropped from the bounding set, with the inheritable set
 * cleared, so the next execve leaves root without them.
 */
static const char *drop_guest_caps(void) {
    static const int caps[] = {CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_TIME, CAP_MAC_ADMIN, CAP_MAC_OVERRIDE,
                               CAP_MKNOD, CAP_SYS_ADMIN, CAP_SYS_RESOURCE, CAP_NET_ADMIN};
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
        if (prctl(PR_CAPBSET_DROP, caps[i], 0, 0, 0) < 0 && errno != EINVAL) return "drop capability";
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) < 0) return "read capabilities";
    data[0].inheritable = 0;
    data[1].inheritable = 0;
    if (syscall(SYS_capset, &header, data) < 0) return "clear inheritable capabilities";
    return NULL;
}

/* What an exec gets from the guest's init besides namespaces: the limits a guest process lives under. */
static const int GUEST_RLIMITS[] = {RLIMIT_NOFILE, RLIMIT_AS, RLIMIT_MEMLOCK, RLIMIT_LOCKS};
#define N_GUEST_RLIMITS (sizeof GUEST_RLIMITS / sizeof GUEST_RLIMITS[0])

static int mode_enter(int argc, char **argv) {
    static const char *NS[] = {"ipc", "uts", "net", "pid", "mnt"};
    static const int NS_TYPE[] = {CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWNS};
    char *procs[MAX_PROCS];
    int nprocs = 0, i;
    pid_t pid = 0;
    char path[64], err[512];
    for (i = 0; i + 1 < argc && strcmp(argv[i], "--") != 0; i += 2) {
        if (strcmp(argv[i], "--procs") == 0 && nprocs < MAX_PROCS) procs[nprocs++] = argv[i + 1];
        else if (strcmp(argv[i], "--pid") == 0) pid = (pid_t) atoi(argv[i + 1]);
        else fail("unknown option");
    }
    if (pid <= 0 || i + 1 >= argc || strcmp(argv[i], "--") != 0) fail("usage: enter --procs F --pid PID -- COMMAND...");
    char **command = &argv[i + 1];

    if (join_cgroups(procs, nprocs, err, sizeof err) < 0) fail(err);
    struct rlimit limits[N_GUEST_RLIMITS];
    for (size_t r = 0; r < N_GUEST_RLIMITS; r++)
        if (prlimit(pid, GUEST_RLIMITS[r], NULL, &limits[r]) < 0) die("read guest rlimits");
    int fds[5];
    for (int n = 0; n < 5; n++) {
        snprintf(path, sizeof path, "/proc/%d/ns/%s", (int) pid, NS[n]);
        if ((fds[n] = open(path, O_RDONLY | O_CLOEXEC)) < 0) die(path);
    }
    snprintf(path, sizeof path, "/proc/%d/root", (int) pid);
    int rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0) die(path);
    for (int n = 0; n < 5; n++) {
        if (setns(fds[n], NS_TYPE[n]) < 0) die(NS[n]);
        close(fds[n]);
    }
    if (fchdir(rootfd) < 0 || chroot(".") < 0 || chdir("/") < 0) die("enter guest root");
    close(rootfd);
    setsid();
    /* a PID namespace is only entered by children */
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        /* applied last, so the helper's own files do not count against the guest's nofile */
        for (size_t r = 0; r < N_GUEST_RLIMITS; r++)
            if (setrlimit(GUEST_RLIMITS[r], &limits[r]) < 0) die("apply guest rlimits");
        const char *cap_error = drop_guest_caps();
        if (cap_error != NULL) die(cap_error);
        execvp(command[0], command);
        die(command[0]);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void report(int fd, const char *what) {
    char buf[512];
    int len = snprintf(buf, sizeof buf, "%s: %s", what, strerror(errno));
    if (write(fd, buf, (size_t) len) < 0) { /* nothing left to tell */ }
    _exit(127);
}

static void child_init(char **procs, int nprocs, const char *root, const char *tmp_size,
                       int gofd, int errfd, int devnull, char **init) {
    char err[512], opts[64], c;
    if (join_cgroups(procs, nprocs, err, sizeof err) < 0) {
        if (write(errfd, err, strlen(err)) < 0) { /* parent sees EOF instead */ }
        _exit(127);
    }
    if (read(gofd, &c, 1) != 1) _exit(1);
    close(gofd);
    /* pivot_root rather than chroot: a chroot can be left by a root process holding CAP_SYS_CHROOT */
    if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0) report(errfd, "bind guest root");
    if (chdir(root) < 0) report(errfd, "chdir guest root");
    if (syscall(SYS_pivot_root, ".", ".") < 0) report(errfd, "pivot_root");
    if (umount2(".", MNT_DETACH) < 0) report(errfd, "detach host root");
    if (chdir("/") < 0) report(errfd, "chdir /");
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) report(errfd, "mount /proc");
    if (tmp_size != NULL) {
        snprintf(opts, sizeof opts, "size=%s,mode=1777", tmp_size);
        if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) report(errfd, "mount /tmp");
    }
    struct stat st;
    if (stat("/dev/pts", &st) == 0 && S_ISDIR(st.st_mode)
            && mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620") < 0)
        report(errfd, "mount /dev/pts");
    const char *cap_error = drop_guest_caps();
    if (cap_error != NULL) report(errfd, cap_error);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    close(devnull);
    execv(init[0], init);
    report(errfd, init[0]);
}

/* Every guest has a loopback; doing it here spares the console an nsenter+ip per start. */
static void loopback_up(void) {
    struct ifreq ifr;
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (sock < 0) die("socket");
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0) die("read lo flags");
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(sock, SIOCSIFFLAGS, &ifr) < 0) die("bring lo up");
    close(sock);
}

static int mode_start(int argc, char **argv) {
    char *procs[MAX_PROCS];
    int nprocs = 0, i;
    const char *root = NULL, *hostname = NULL, *domainname = NULL, *tmp_size = NULL;
    for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        if (i + 1 >= argc) fail("option without value");
        if (strcmp(argv[i], "--procs") == 0) {
            if (nprocs == MAX_PROCS) fail("too many cgroups");
            procs[nprocs++] = argv[i + 1];
        } else if (strcmp(argv[i], "--root") == 0) root = argv[i + 1];
        else if (strcmp(argv[i], "--hostname") == 0) hostname = argv[i + 1];
        else if (strcmp(argv[i], "--domainname") == 0) domainname = argv[i + 1];
        else if (strcmp(argv[i], "--tmp-size") == 0) tmp_size = argv[i + 1];
        else fail("unknown option");
    }
    if (i + 1 >= argc || root == NULL || hostname == NULL || argv[i + 1][0] != '/') fail("usage: start --procs F --root DIR --hostname H -- /INIT");
    if (tmp_size != NULL && !valid_size(tmp_size)) fail("bad tmp size");
    char **init = &argv[i + 1];

    int go[2], errp[2];
    if (pipe2(go, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) die("pipe");
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull < 0) die("/dev/null");
    setsid();
    if (unshare(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID) < 0) die("unshare");
    loopback_up();
    if (sethostname(hostname, strlen(hostname)) < 0) die("sethostname");
    if (domainname != NULL && setdomainname(domainname, strlen(domainname)) < 0) die("setdomainname");
    /* nothing the guest mounts may propagate back to the host */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die("make mounts private");

    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        close(go[1]);
        close(errp[0]);
        child_init(procs, nprocs, root, tmp_size, go[0], errp[1], devnull, init);
    }
    close(go[0]);
    close(errp[1]);
    printf("pid %d\n", (int) child);
    fflush(stdout);

    char line[16] = {0};
    if (fgets(line, sizeof line, stdin) == NULL || strcmp(line, "go\n") != 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        fail("aborted by the console");
    }
    if (write(go[1], "g", 1) != 1) die("release guest init");
    close(go[1]);

    char err[512];
    ssize_t n = read(errp[0], err, sizeof err - 1);
    if (n > 0) {
        err[n] = 0;
        waitpid(child, NULL, 0);
        fail(err);
    }
    printf("started\n");
    fflush(stdout);
    /* the console must see EOF now; the guest outlives this conversation */
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int mode_remount_tmp(int argc, char **argv) {
    char *procs[MAX_PROCS];
    int nprocs = 0;
    const char *pid = NULL, *size = NULL;
    char path[64], opts[64], err[512];
    for (int i = 0; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--procs") == 0 && nprocs < MAX_PROCS) procs[nprocs++] = argv[i + 1];
        else if (strcmp(argv[i], "--pid") == 0) pid = argv[i + 1];
        else if (strcmp(argv[i], "--size") == 0) size = argv[i + 1];
        else fail("unknown option");
    }
    if (pid == NULL || size == NULL || !valid_size(size) || atoi(pid) <= 0) fail("usage: remount-tmp --procs F --pid PID --size S");
    if (join_cgroups(procs, nprocs, err, sizeof err) < 0) fail(err);
    snprintf(path, sizeof path, "/proc/%d/ns/mnt", atoi(pid));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die(path);
    if (setns(fd, CLONE_NEWNS) < 0) die("enter guest mount namespace");
    if (chdir("/") < 0) die("chdir /");
    snprintf(opts, sizeof opts, "size=%s", size);
    if (mount("tmpfs", "/tmp", "tmpfs", MS_REMOUNT | MS_NOSUID | MS_NODEV, opts) < 0) die("remount /tmp");
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) fail("usage: vsc-launch enter|start|remount-tmp ...");
    if (strcmp(argv[1], "enter") == 0) return mode_enter(argc - 2, argv + 2);
    if (strcmp(argv[1], "start") == 0) return mode_start(argc - 2, argv + 2);
    if (strcmp(argv[1], "remount-tmp") == 0) return mode_remount_tmp(argc - 2, argv + 2);
    fail("unknown mode");
    return 2;
}
