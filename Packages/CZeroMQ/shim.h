#ifndef TENET_CZEROMQ_SHIM_H
#define TENET_CZEROMQ_SHIM_H
// libzmq 4.3 (Debian: libzmq3-dev). Tenet's Swift binding lives in TenetBus.
#define ZMQ_BUILD_DRAFT_API 0
#include <zmq.h>
#endif
