#define _GNU_SOURCE
#include "CTenetProcess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define TENET_WATCHDOG_GROUPS 4096

/// The watchdog's loop. Runs in a child forked from a multi-threaded process, so it keeps to
/// async-signal-safe calls and static memory until it exits.
static void tenet_watchdog_main(int input) {
    static int groups[TENET_WATCHDOG_GROUPS];
    int count = 0;
    for (;;) {
        int value = 0;
        ssize_t got = read(input, &value, sizeof value);
        if (got < 0 && errno == EINTR) continue;
        if (got != (ssize_t)sizeof value) break; // EOF or error: the supervisor is gone.
        if (value > 1) {
            if (count < TENET_WATCHDOG_GROUPS) groups[count++] = value;
        } else if (value < -1) {
            for (int index = 0; index < count; index++) {
                if (groups[index] == -value) {
                    groups[index] = groups[--count];
                    break;
                }
            }
        }
    }
    for (int index = 0; index < count; index++) kill(-groups[index], SIGKILL);
    _exit(0);
}

int tenet_start_watchdog(void) {
    int channel[2];
    if (pipe2(channel, O_CLOEXEC) != 0) return -1;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        close(channel[0]);
        close(channel[1]);
        errno = error;
        return -1;
    }
    if (pid == 0) {
        // Its own group, so that signals meant for the supervisor's group (Ctrl-C) do not end
        // it before it has done its work; it ends by itself when the pipe closes.
        setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        int input = channel[0];
        for (int fd = 0; fd < 1024; fd++) {
            if (fd != input) close(fd);
        }
        syscall(SYS_close_range, 1024, ~0U, 0);
        if (getppid() != parent) {
            // The supervisor died before we started: nothing was listed yet.
            _exit(0);
        }
        tenet_watchdog_main(input);
    }
    close(channel[0]);
    return channel[1];
}

int tenet_watchdog_note(int fd, int pgid) {
    ssize_t wrote;
    do {
        wrote = write(fd, &pgid, sizeof pgid);
    } while (wrote < 0 && errno == EINTR);
    return wrote == (ssize_t)sizeof pgid ? 0 : -1;
}
