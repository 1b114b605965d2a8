/*
 * A hostile guest's escape attempts, run as the guest's root inside a container by HostileGuestIT.
 * Built static (gcc -static -O2) so it runs in a busybox skeleton without a libc of its own.
 *
 *   probe all [HOSTDISK]        every attempt below; HOSTDISK is a block node of a host disk
 *   probe chattr +i|+a|-i|-a F  set or clear the immutable or append-only flag of F
 *   probe deep DIR N            DIR/d/d/…/d, N levels, made relative to each parent's descriptor
 *                               (so past PATH_MAX, where a shell's cd gives up), a file at the end
 *
 * Every attempt prints one line, "name: refused errno=N" or "name: ALLOWED"; lines starting with
 * "info:" say what was found on the way. Nothing here harms the host when it is refused; when it is
 * allowed, it does the least that shows the hole (read-only mounts, no byte written anywhere).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* kept here rather than taken from kernel headers, so the probe builds with libc6-dev alone */
#define FS_IOC_GETFLAGS_ _IOR('f', 1, long)
#define FS_IOC_SETFLAGS_ _IOW('f', 2, long)
#define FS_IMMUTABLE_FL_ 0x00000010
#define FS_APPEND_FL_ 0x00000020
#define BPF_MAP_CREATE_ 0
#define BPF_MAP_TYPE_ARRAY_ 2
#define KEYCTL_GET_KEYRING_ID_ 0
#define KEY_SPEC_SESSION_KEYRING_ -3
#define KEY_SPEC_PROCESS_KEYRING_ -2

static int allowed_count;

static void report(const char *name, long result, int err) {
    if (result < 0) {
        printf("%s: refused errno=%d\n", name, err);
    } else {
        printf("%s: ALLOWED\n", name);
        allowed_count++;
    }
    fflush(stdout);
}

/* "shocker": a file handle for inode 2 of the file system under "/" opens the host's root */
static void shocker(void) {
    struct {
        struct file_handle head;
        unsigned char bytes[MAX_HANDLE_SZ];
    } handle;
    int mount_id = 0;
    memset(&handle, 0, sizeof handle);
    handle.head.handle_bytes = MAX_HANDLE_SZ;
    int type = 1; /* FILEID_INO32_GEN, ext4's handle type, when the own handle cannot be had */
    if (name_to_handle_at(AT_FDCWD, "/", &handle.head, &mount_id, 0) == 0) {
        type = handle.head.handle_type;
        printf("info: name_to_handle_at / type=%d bytes=%u\n", type, handle.head.handle_bytes);
    } else {
        printf("info: name_to_handle_at / errno=%d, trying type 1\n", errno);
    }
    memset(&handle, 0, sizeof handle);
    handle.head.handle_bytes = 8;
    handle.head.handle_type = type;
    uint32_t ino = 2, generation = 0;
    memcpy(handle.head.f_handle, &ino, 4);
    memcpy(handle.head.f_handle + 4, &generation, 4);
    int root = open("/", O_RDONLY | O_DIRECTORY);
    long fd = open_by_handle_at(root, &handle.head, O_RDONLY | O_DIRECTORY);
    report("open_by_handle_at_inode2", fd, errno);
    if (fd >= 0) {
        close((int) fd);
    }
    close(root);
}

static void block_device(const char *hostdisk) {
    unlink("/root/probe-blk");
    long r = mknod("/root/probe-blk", S_IFBLK | 0600, makedev(254, 0));
    report("mknod_block_device", r, errno);
    if (r == 0) {
        unlink("/root/probe-blk");
    }
    if (hostdisk == NULL) {
        return;
    }
    long fd = open(hostdisk, O_RDONLY);
    report("open_host_disk", fd, errno);
    if (fd >= 0) {
        close((int) fd);
    }
    mkdir("/root/probe-mnt", 0700);
    r = mount(hostdisk, "/root/probe-mnt", "ext4", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    report("mount_host_disk", r, errno);
    if (r == 0) {
        umount2("/root/probe-mnt", MNT_DETACH);
    }
}

static void modules(void) {
    int fd = open("/bin/busybox", O_RDONLY);
    long r = syscall(SYS_finit_module, fd, "", 0);
    report("finit_module", r, errno);
    close(fd);
    static const char not_a_module[64];
    r = syscall(SYS_init_module, not_a_module, sizeof not_a_module, "");
    report("init_module", r, errno);
    r = syscall(SYS_delete_module, "ext4", O_NONBLOCK);
    report("delete_module", r, errno);
}

static void keyring(void) {
    long r = syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID_, KEY_SPEC_SESSION_KEYRING_, 0);
    report("keyctl", r, errno);
    r = syscall(SYS_add_key, "user", "vsconsole-hostile", "x", 1, KEY_SPEC_PROCESS_KEYRING_);
    report("add_key", r, errno);
}

static void kernel_surface(void) {
    struct {
        uint32_t map_type, key_size, value_size, max_entries, map_flags;
        unsigned char rest[108];
    } attr;
    memset(&attr, 0, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY_;
    attr.key_size = 4;
    attr.value_size = 4;
    attr.max_entries = 1;
    long r = syscall(SYS_bpf, BPF_MAP_CREATE_, &attr, sizeof attr);
    report("bpf_map_create", r, errno);
    if (r >= 0) {
        close((int) r);
    }
    r = syscall(SYS_kexec_load, 0UL, 0UL, NULL, 0UL);
    report("kexec_load", r, errno);
    r = syscall(SYS_userfaultfd, O_CLOEXEC);
    report("userfaultfd", r, errno);
    if (r >= 0) {
        close((int) r);
    }
    struct {
        uint32_t type, size;
        uint64_t config;
        unsigned char rest[112];
    } pe;
    memset(&pe, 0, sizeof pe);
    pe.type = 1; /* PERF_TYPE_SOFTWARE */
    pe.size = 128;
    pe.config = 0; /* PERF_COUNT_SW_CPU_CLOCK */
    r = syscall(SYS_perf_event_open, &pe, -1, 0, -1, 0); /* every process on cpu 0 */
    report("perf_event_open_cpu_wide", r, errno);
    if (r >= 0) {
        close((int) r);
    }
}

/* host-wide sysctls: opened for writing only (nothing is written), each must stay refused */
static const char *const HOST_SYSCTLS[] = {"kernel/core_pattern", "kernel/panic", "kernel/randomize_va_space",
        "kernel/printk", "vm/overcommit_memory", "vm/drop_caches", "fs/suid_dumpable", "fs/file-max", NULL};

static void host_sysctls(const char *proc_sys, const char *label) {
    char path[256], name[96];
    for (int i = 0; HOST_SYSCTLS[i] != NULL; i++) {
        snprintf(path, sizeof path, "%s/%s", proc_sys, HOST_SYSCTLS[i]);
        snprintf(name, sizeof name, "%s_%s", label, HOST_SYSCTLS[i]);
        for (char *c = name; *c; c++) {
            if (*c == '/' || *c == '-') {
                *c = '_';
            }
        }
        if (access(path, F_OK) < 0) {
            printf("info: %s is absent\n", path);
            continue;
        }
        long fd = open(path, O_WRONLY | O_NOFOLLOW);
        report(name, fd, errno);
        if (fd >= 0) {
            close((int) fd);
        }
    }
}

/*
 * LXC mounts /proc/sys read-only from inside the guest's user namespace, so that mount is not
 * locked and the guest's root may remount it: the barrier that counts is the kernel's check that
 * a host-wide sysctl belongs to the host's root. Both are tried, and a fresh procfs too.
 */
static void proc_sys(void) {
    long r = mount(NULL, "/proc/sys", NULL, MS_REMOUNT | MS_BIND, NULL);
    if (r == 0) {
        printf("info: remount_proc_sys_rw: done in the guest's own mount namespace\n");
    } else {
        printf("info: remount_proc_sys_rw: refused errno=%d\n", errno);
    }
    host_sysctls("/proc/sys", "write_sysctl");
    mkdir("/root/probe-proc", 0700);
    r = mount("proc", "/root/probe-proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    if (r == 0) {
        printf("info: a new procfs mounted at /root/probe-proc\n");
        host_sysctls("/root/probe-proc/sys", "new_procfs_write_sysctl");
        umount2("/root/probe-proc", MNT_DETACH);
    } else {
        printf("info: a new procfs cannot be mounted, errno=%d\n", errno);
    }
    rmdir("/root/probe-proc");
}

static int chattr(const char *op, const char *path) {
    if (strlen(op) != 2 || (op[0] != '+' && op[0] != '-') || (op[1] != 'i' && op[1] != 'a')) {
        fprintf(stderr, "usage: probe chattr +i|+a|-i|-a FILE\n");
        return 2;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0) {
        perror(path);
        return 2;
    }
    long flags = 0;
    if (ioctl(fd, FS_IOC_GETFLAGS_, &flags) < 0) {
        perror("FS_IOC_GETFLAGS");
        return 2;
    }
    long bit = op[1] == 'i' ? FS_IMMUTABLE_FL_ : FS_APPEND_FL_;
    flags = op[0] == '+' ? (flags | bit) : (flags & ~bit);
    char name[16];
    snprintf(name, sizeof name, "chattr_%c%c", op[0] == '+' ? 'p' : 'm', op[1]);
    long r = ioctl(fd, FS_IOC_SETFLAGS_, &flags);
    report(name, r, errno);
    close(fd);
    return allowed_count > 0 ? 1 : 0;
}

static int deep(const char *top, long levels) {
    if (mkdir(top, 0755) < 0 && errno != EEXIST) {
        perror(top);
        return 2;
    }
    int dir = open(top, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    for (long i = 0; dir >= 0 && i < levels; i++) {
        if (mkdirat(dir, "d", 0755) < 0 && errno != EEXIST) {
            perror("mkdirat");
            return 2;
        }
        int next = openat(dir, "d", O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        close(dir);
        dir = next;
    }
    if (dir < 0) {
        perror("openat");
        return 2;
    }
    int leaf = openat(dir, "leaf", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (leaf < 0 || write(leaf, "deep\n", 5) != 5) {
        perror("leaf");
        return 2;
    }
    close(leaf);
    close(dir);
    printf("deep: %ld levels under %s\n", levels, top);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "all") == 0) {
        shocker();
        block_device(argc >= 3 ? argv[2] : NULL);
        modules();
        keyring();
        kernel_surface();
        proc_sys();
        printf("info: %d allowed\n", allowed_count);
        return allowed_count > 0 ? 1 : 0;
    }
    if (argc == 4 && strcmp(argv[1], "chattr") == 0) {
        return chattr(argv[2], argv[3]);
    }
    if (argc == 4 && strcmp(argv[1], "deep") == 0) {
        return deep(argv[2], strtol(argv[3], NULL, 10));
    }
    fprintf(stderr, "usage: probe all [HOSTDISK] | probe chattr +i|+a|-i|-a FILE | probe deep DIR N\n");
    return 2;
}
