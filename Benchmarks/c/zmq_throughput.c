/*
 * zmq_throughput: the C twin of tenet-bus-bench (Benchmarks/BusBenchmark), straight against
 * libzmq, so that Scripts/bench.sh (`make bench`) can tell what the Swift binding costs.
 *
 * Messages/s through PUSH/PULL and PUB/SUB over ipc://, in the manner of libzmq's
 * local_thr/remote_thr but in one process: a sender thread and a receiver thread, each creating,
 * using and closing its own socket; only the context is shared. Everything mirrors the Swift
 * program: the same stream (probes until the receiver has seen one and said so on an inproc
 * PAIR socket, a start marker, `warmup` untimed then `messages` timed messages, an end marker
 * that must come right after: exactly `messages` counted), the same socket options (linger 2 s
 * as the binding sets on every socket, receive timeout 30 s on the data receiver, PUB/SUB
 * high-water marks 0 = unlimited, PUSH/PULL libzmq's default), zmq_send from one reused buffer,
 * zmq_msg_recv into one reused zmq_msg_t, timing on the receiver from the first to the last timed
 * message, rate = (messages - 1) / elapsed.
 *
 * Build: cc -O2 -o zmq_throughput zmq_throughput.c -lzmq -lpthread
 * Usage: zmq_throughput [--messages N] [--warmup W] [--size BYTES] [--runs R] [--round K]
 *                       [--pattern pushpull|pubsub|all] [--ipc-dir DIR]
 * Output: per run one JSON line on stdout with the fields of the Swift program's measurements
 * (Benchmarks/BenchSupport/RunMeasurement.swift), runs numbered from K; one line for people on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

enum { TAG_PROBE = 'P', TAG_START = 'S', TAG_DATA = 'D', TAG_END = 'E' };
#define SYNC_ENDPOINT "inproc://tenet-bench-sync"
#define STALL_TIMEOUT_MS 30000
#define LINGER_MS 2000 /* ZMQSocket.defaultLinger */

typedef struct {
    const char *name;  /* pushpull, pubsub */
    const char *title; /* PUSH/PULL, PUB/SUB */
    int sender_type, receiver_type;
    int hwm; /* -1: libzmq default */
} pattern_t;

static const pattern_t patterns[] = {
    {"pushpull", "PUSH/PULL", ZMQ_PUSH, ZMQ_PULL, -1},
    {"pubsub", "PUB/SUB", ZMQ_PUB, ZMQ_SUB, 0},
};

typedef struct {
    long messages, warmup, size, runs, round;
} options_t;

/* Shared by the two threads of one run. */
typedef struct {
    const pattern_t *pattern;
    const options_t *options;
    void *context;
    char endpoint[256];
    sem_t bound;
    pthread_mutex_t lock;
    char failure[512]; /* first failure, empty if none */
    double elapsed;    /* seconds, set by the receiver */
} run_t;

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void fail(run_t *run, const char *side, const char *what) {
    pthread_mutex_lock(&run->lock);
    if (run->failure[0] == '\0')
        snprintf(run->failure, sizeof run->failure, "%s: %s", side, what);
    pthread_mutex_unlock(&run->lock);
    zmq_ctx_shutdown(run->context); /* unblocks the other thread */
}

static void *make_socket(run_t *run, int type) {
    void *socket = zmq_socket(run->context, type);
    if (socket) {
        int linger = LINGER_MS;
        zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    }
    return socket;
}

static int set_int(void *socket, int option, int value) {
    return zmq_setsockopt(socket, option, &value, sizeof value);
}

/* Blocking receive, retried on EINTR like the binding; 0 on success, -1 on failure/timeout. */
static int receive(void *socket, zmq_msg_t *message) {
    while (zmq_msg_recv(message, socket, 0) < 0) {
        if (zmq_errno() != EINTR) return -1;
    }
    return 0;
}

static int send_bytes(void *socket, const void *bytes, size_t count, int flags) {
    while (zmq_send(socket, bytes, count, flags) < 0) {
        if (zmq_errno() != EINTR) return -1;
    }
    return 0;
}

static int tag(zmq_msg_t *message) {
    return zmq_msg_size(message) > 0 ? ((unsigned char *)zmq_msg_data(message))[0] : -1;
}

static void *receiver_main(void *argument) {
    run_t *run = argument;
    const options_t *o = run->options;
    const char *error = NULL;
    int bound_signalled = 0;
    zmq_msg_t message;
    zmq_msg_init(&message);
    void *socket = make_socket(run, run->pattern->receiver_type);
    void *sync = make_socket(run, ZMQ_PAIR);
    double start = 0, end = 0;
    unsigned char byte;

    if (!socket || !sync) { error = "zmq_socket"; goto done; }
    if (run->pattern->hwm >= 0 && set_int(socket, ZMQ_RCVHWM, run->pattern->hwm) != 0) { error = "ZMQ_RCVHWM"; goto done; }
    if (run->pattern->receiver_type == ZMQ_SUB && zmq_setsockopt(socket, ZMQ_SUBSCRIBE, "", 0) != 0) { error = "ZMQ_SUBSCRIBE"; goto done; }
    if (set_int(socket, ZMQ_RCVTIMEO, STALL_TIMEOUT_MS) != 0) { error = "ZMQ_RCVTIMEO"; goto done; }
    if (zmq_bind(socket, run->endpoint) != 0) { error = "zmq_bind"; goto done; }
    if (zmq_bind(sync, SYNC_ENDPOINT) != 0) { error = "zmq_bind(sync)"; goto done; }
    sem_post(&run->bound);
    bound_signalled = 1;

    /* Handshake: a probe got through, so the connection (and subscription) is up. */
    if (receive(socket, &message) != 0) { error = "nothing received waiting for the first probe"; goto done; }
    byte = TAG_PROBE;
    if (send_bytes(sync, &byte, 1, 0) != 0) { error = "zmq_send(sync)"; goto done; }
    do {
        if (receive(socket, &message) != 0) { error = "nothing received waiting for the start marker"; goto done; }
    } while (tag(&message) != TAG_START);

    for (long i = 0; i < o->warmup; i++) {
        if (receive(socket, &message) != 0) { error = "nothing received during the warm-up"; goto done; }
    }

    if (receive(socket, &message) != 0) { error = "nothing received before the first timed message"; goto done; }
    start = now_seconds();
    for (long i = 1; i < o->messages; i++) {
        if (receive(socket, &message) != 0) { error = "nothing received for 30 s: messages were lost"; goto done; }
    }
    end = now_seconds();

    if ((long)zmq_msg_size(&message) != o->size || tag(&message) != TAG_DATA) {
        error = "the last timed message is not a data message: messages were lost"; goto done;
    }
    if (receive(socket, &message) != 0) { error = "nothing received waiting for the end marker"; goto done; }
    if (tag(&message) != TAG_END) { error = "more messages than sent arrived before the end marker"; goto done; }
    byte = TAG_END;
    if (send_bytes(sync, &byte, 1, 0) != 0) { error = "zmq_send(sync)"; goto done; }
    run->elapsed = end - start;

done:
    if (error) {
        char text[400];
        snprintf(text, sizeof text, "%s (%s)", error, zmq_strerror(zmq_errno()));
        fail(run, "receiver", text);
    }
    if (!bound_signalled) sem_post(&run->bound);
    zmq_msg_close(&message);
    if (socket) zmq_close(socket);
    if (sync) zmq_close(sync);
    return NULL;
}

static void *sender_main(void *argument) {
    run_t *run = argument;
    const options_t *o = run->options;
    const char *error = NULL;
    zmq_msg_t reply;
    zmq_msg_init(&reply);
    void *socket = make_socket(run, run->pattern->sender_type);
    void *sync = make_socket(run, ZMQ_PAIR);
    unsigned char *payload = aligned_alloc(16, ((size_t)o->size + 15) / 16 * 16);
    unsigned char *control = aligned_alloc(16, ((size_t)o->size + 15) / 16 * 16);
    double deadline;
    long total = o->warmup + o->messages;

    if (!payload || !control) { error = "out of memory"; goto done; }
    memset(payload, TAG_DATA, (size_t)o->size);
    memset(control, 0, (size_t)o->size);
    if (!socket || !sync) { error = "zmq_socket"; goto done; }
    if (run->pattern->hwm >= 0 && set_int(socket, ZMQ_SNDHWM, run->pattern->hwm) != 0) { error = "ZMQ_SNDHWM"; goto done; }
    if (zmq_connect(socket, run->endpoint) != 0) { error = "zmq_connect"; goto done; }
    if (set_int(sync, ZMQ_RCVTIMEO, 1) != 0) { error = "ZMQ_RCVTIMEO(sync)"; goto done; }
    if (zmq_connect(sync, SYNC_ENDPOINT) != 0) { error = "zmq_connect(sync)"; goto done; }

    /* Probe every millisecond until the receiver has seen a probe. */
    control[0] = TAG_PROBE;
    deadline = now_seconds() + STALL_TIMEOUT_MS / 1000.0;
    for (;;) {
        if (now_seconds() >= deadline) { error = "the receiver never saw a probe"; goto done; }
        if (send_bytes(socket, control, (size_t)o->size, ZMQ_DONTWAIT) != 0 && zmq_errno() != EAGAIN) {
            error = "zmq_send(probe)"; goto done;
        }
        if (zmq_msg_recv(&reply, sync, 0) >= 0) break;
        if (zmq_errno() != EAGAIN && zmq_errno() != EINTR) { error = "zmq_msg_recv(sync)"; goto done; }
    }

    control[0] = TAG_START;
    if (send_bytes(socket, control, (size_t)o->size, 0) != 0) { error = "zmq_send(start)"; goto done; }
    for (long i = 0; i < total; i++) {
        if (send_bytes(socket, payload, (size_t)o->size, 0) != 0) { error = "zmq_send"; goto done; }
    }
    control[0] = TAG_END;
    if (send_bytes(socket, control, (size_t)o->size, 0) != 0) { error = "zmq_send(end)"; goto done; }

    /* Keep the socket open until the receiver has everything: PUB queues may be deep. */
    if (set_int(sync, ZMQ_RCVTIMEO, -1) != 0) { error = "ZMQ_RCVTIMEO(sync)"; goto done; }
    if (receive(sync, &reply) != 0) { error = "no final reply from the receiver"; goto done; }

done:
    if (error) {
        char text[400];
        snprintf(text, sizeof text, "%s (%s)", error, zmq_strerror(zmq_errno()));
        fail(run, "sender", text);
    }
    zmq_msg_close(&reply);
    if (socket) zmq_close(socket);
    if (sync) zmq_close(sync);
    free(payload);
    free(control);
    return NULL;
}

/* One measurement; returns messages/s (and the timed seconds in *seconds), or -1 after printing
 * the failure. */
static double run_once(const pattern_t *pattern, const options_t *options, const char *directory, long index,
                       double *seconds) {
    run_t run;
    memset(&run, 0, sizeof run);
    run.pattern = pattern;
    run.options = options;
    snprintf(run.endpoint, sizeof run.endpoint, "ipc://%s/%s-%ld.sock", directory, pattern->name, index);
    run.context = zmq_ctx_new();
    if (!run.context || zmq_ctx_set(run.context, ZMQ_IO_THREADS, 1) != 0) {
        fprintf(stderr, "zmq_throughput: zmq_ctx_new: %s\n", zmq_strerror(zmq_errno()));
        return -1;
    }
    sem_init(&run.bound, 0, 0);
    pthread_mutex_init(&run.lock, NULL);

    pthread_t receiver, sender;
    pthread_create(&receiver, NULL, receiver_main, &run);
    sem_wait(&run.bound);
    pthread_create(&sender, NULL, sender_main, &run);
    pthread_join(receiver, NULL);
    pthread_join(sender, NULL);
    while (zmq_ctx_term(run.context) != 0 && zmq_errno() == EINTR) {}
    unlink(run.endpoint + strlen("ipc://")); /* libzmq 4.3 leaves the socket file behind */
    sem_destroy(&run.bound);
    pthread_mutex_destroy(&run.lock);

    if (run.failure[0] != '\0' || run.elapsed <= 0) {
        fprintf(stderr, "zmq_throughput: %s run %ld failed: %s\n", pattern->name, index,
                run.failure[0] ? run.failure : "the receiver reported no time");
        return -1;
    }
    *seconds = run.elapsed;
    return (double)(options->messages - 1) / run.elapsed;
}

static void usage(FILE *stream) {
    fprintf(stream,
            "usage: zmq_throughput [--messages N] [--warmup W] [--size BYTES] [--runs R] [--round K]\n"
            "                      [--pattern pushpull|pubsub|all] [--ipc-dir DIR]\n"
            "Prints each run as a JSON line (runs numbered from K). Defaults: --messages 2000000\n"
            "--warmup 100000 --size 100 --runs 1 --round 1 --pattern all; --ipc-dir defaults to a\n"
            "new folder under /tmp.\n");
}

static long count_argument(const char *name, const char *text, long minimum) {
    char *end = NULL;
    long value = text ? strtol(text, &end, 10) : 0;
    if (!text || *text == '\0' || *end != '\0' || value < minimum) {
        fprintf(stderr, "zmq_throughput: %s takes a whole number >= %ld, not '%s'\n", name, minimum, text ? text : "");
        exit(2);
    }
    return value;
}

int main(int argc, char **argv) {
    options_t options = {.messages = 2000000, .warmup = 100000, .size = 100, .runs = 1, .round = 1};
    const char *only = "all";
    const char *directory = NULL;
    for (int i = 1; i < argc; i++) {
        const char *name = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(name, "--messages") == 0) options.messages = count_argument(name, value, 2), i++;
        else if (strcmp(name, "--warmup") == 0) options.warmup = count_argument(name, value, 0), i++;
        else if (strcmp(name, "--size") == 0) options.size = count_argument(name, value, 1), i++;
        else if (strcmp(name, "--runs") == 0) options.runs = count_argument(name, value, 1), i++;
        else if (strcmp(name, "--round") == 0) options.round = count_argument(name, value, 1), i++;
        else if (strcmp(name, "--pattern") == 0 && value) only = value, i++;
        else if (strcmp(name, "--ipc-dir") == 0 && value) directory = value, i++;
        else if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) { usage(stdout); return 0; }
        else { fprintf(stderr, "zmq_throughput: unknown argument '%s'\n", name); usage(stderr); return 2; }
    }
    if (strcmp(only, "all") != 0 && strcmp(only, "pushpull") != 0 && strcmp(only, "pubsub") != 0) {
        fprintf(stderr, "zmq_throughput: unknown pattern '%s' (pushpull, pubsub or all)\n", only);
        return 2;
    }

    char template[] = "/tmp/tenet-bench.XXXXXX";
    int own_directory = directory == NULL;
    if (own_directory && !(directory = mkdtemp(template))) {
        perror("zmq_throughput: mkdtemp");
        return 1;
    }

    int major, minor, patch;
    zmq_version(&major, &minor, &patch);

    int failed = 0;
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        const pattern_t *pattern = &patterns[p];
        if (strcmp(only, "all") != 0 && strcmp(only, pattern->name) != 0) continue;
        for (long run = options.round; run < options.round + options.runs; run++) {
            double seconds = 0;
            double rate = run_once(pattern, &options, directory, run, &seconds);
            if (rate < 0) { failed = 1; break; }
            printf("{\"check\":\"the receiver counted exactly %ld timed messages between the markers\","
                   "\"count\":%ld,\"cpu\":{},\"rate\":%.3f,\"run\":%ld,\"seconds\":%.9f,"
                   "\"settings\":{\"libzmq\":\"%d.%d.%d\",\"size\":\"%ld\",\"warmup\":\"%ld\"},"
                   "\"subject\":\"c\",\"suite\":\"bus\",\"unit\":\"msgs/s\",\"variant\":\"%s\"}\n",
                   options.messages, options.messages, rate, run, seconds, major, minor, patch, options.size,
                   options.warmup, pattern->name);
            fflush(stdout);
            fprintf(stderr, "# c %s run %ld: %.0f msg/s\n", pattern->name, run, rate);
        }
    }
    if (own_directory) rmdir(directory);
    return failed;
}
