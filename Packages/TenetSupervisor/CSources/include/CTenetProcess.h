#ifndef TENET_CTENETPROCESS_H
#define TENET_CTENETPROCESS_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` as the leader of a new process group.
///
/// The child: becomes its own process group leader; asks the kernel to SIGKILL it when the
/// spawning thread dies (PR_SET_PDEATHSIG), and exits at once if that already happened;
/// unblocks every signal and restores default dispositions; reads /dev/null; appends
/// standard output and error to `log_path` (or inherits them when `log_path` is NULL);
/// closes every other descriptor; then execs.
///
/// Returns 0 and stores the pid in `out_pid`, or returns an errno value: the fork's, or the
/// one the child met before or at exec (reported back through a close-on-exec pipe), in which
/// case the child has already been reaped.
int tenet_spawn(const char *path, char *const argv[], char *const envp[], const char *log_path, pid_t *out_pid);

/// Blocks SIGCHLD, SIGTERM, SIGINT and SIGHUP in the calling thread. Call it first thing in
/// `main`, before any thread exists, so every later thread inherits the mask and those signals
/// are only ever read from the descriptor `tenet_signal_fd` returns.
int tenet_block_supervisor_signals(void);

/// A non-blocking, close-on-exec signalfd for the signals `tenet_block_supervisor_signals` blocks.
int tenet_signal_fd(void);

/// Reads one pending signal from a signalfd: its number, 0 if none is pending, -1 on error.
int tenet_read_signal(int fd);

/// Sends `signal` to the process group `pgid`. Returns 0 or an errno value (ESRCH: no such group).
int tenet_signal_group(pid_t pgid, int signal);

/// Polls for the exit of `pid` without blocking. Returns 1 and fills `exited`/`code` when it has
/// exited and was reaped (exited=1: code is the exit status; exited=0: code is the signal),
/// 0 while it runs, or -errno.
int tenet_try_reap(pid_t pid, int *exited, int *code);

#endif

/// Starts the group watchdog: a small child process that outlives nothing. It reads process
/// group ids from a pipe (a positive id adds a group, a negative id removes it) and, when the
/// pipe closes because the supervisor died for any reason (kill -9 included), sends SIGKILL
/// to every group still listed, then exits. This covers what the parent-death signal cannot:
/// processes a plugin started itself. Returns the pipe's write end (close-on-exec), or -1
/// with errno set.
int tenet_start_watchdog(void);

/// Tells the watchdog to add (`pgid` > 0) or forget (`pgid` passed negated) a group.
int tenet_watchdog_note(int fd, int pgid);
