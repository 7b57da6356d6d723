#define _GNU_SOURCE
#include "CTenetProcess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void tenet_supervisor_signal_set(sigset_t *set) {
    sigemptyset(set);
    sigaddset(set, SIGCHLD);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP);
}

int tenet_block_supervisor_signals(void) {
    sigset_t set;
    tenet_supervisor_signal_set(&set);
    return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int tenet_signal_fd(void) {
    sigset_t set;
    tenet_supervisor_signal_set(&set);
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

int tenet_read_signal(int fd) {
    struct signalfd_siginfo info;
    ssize_t got = read(fd, &info, sizeof info);
    if (got == (ssize_t)sizeof info) return (int)info.ssi_signo;
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) return 0;
    return -1;
}

int tenet_signal_group(pid_t pgid, int signal) {
    if (pgid <= 1) return EINVAL;
    return kill(-pgid, signal) == 0 ? 0 : errno;
}

int tenet_try_reap(pid_t pid, int *exited, int *code) {
    int status = 0;
    pid_t got = waitpid(pid, &status, WNOHANG);
    if (got == 0) return 0;
    if (got < 0) return -errno;
    if (WIFEXITED(status)) {
        *exited = 1;
        *code = WEXITSTATUS(status);
    } else {
        *exited = 0;
        *code = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
    return 1;
}

/// Everything between fork and exec uses async-signal-safe calls only.
static void tenet_child(const char *path, char *const argv[], char *const envp[], const char *log_path,
                        pid_t parent, int report) {
    setpgid(0, 0);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(127);

    for (int signal = 1; signal < NSIG; signal++) {
        if (signal != SIGKILL && signal != SIGSTOP) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_handler = SIG_DFL;
            sigaction(signal, &action, NULL);
        }
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    int input = open("/dev/null", O_RDONLY);
    if (input < 0 || dup2(input, 0) < 0) goto failed;
    if (log_path != NULL) {
        // Private to the stack's user: a log older than this rule is tightened too.
        int output = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (output < 0 || dup2(output, 1) < 0 || dup2(output, 2) < 0) goto failed;
        (void)fchmod(output, 0600);
    }
    // Close everything else but the report pipe (close-on-exec, so exec closes it).
    for (int fd = 3; fd < 1024; fd++) {
        if (fd != report) close(fd);
    }
    syscall(SYS_close_range, 1024, ~0U, 0);

    execve(path, argv, envp);
failed:;
    int error = errno;
    ssize_t ignored = write(report, &error, sizeof error);
    (void)ignored;
    _exit(127);
}

int tenet_spawn(const char *path, char *const argv[], char *const envp[], const char *log_path, pid_t *out_pid) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        close(report[0]);
        close(report[1]);
        return error;
    }
    if (pid == 0) {
        close(report[0]);
        tenet_child(path, argv, envp, log_path, parent, report[1]);
    }
    close(report[1]);
    // Either the child execs (the pipe closes with nothing in it) or it reports an errno.
    setpgid(pid, pid);
    int child_error = 0;
    ssize_t got;
    do {
        got = read(report[0], &child_error, sizeof child_error);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof child_error) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return child_error != 0 ? child_error : ECHILD;
    }
    *out_pid = pid;
    return 0;
}
