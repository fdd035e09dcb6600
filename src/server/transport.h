// The connection layer under the route table: how long a client may take to
// send a request, how large it may be, and how many connections one client
// address may hold. cpp-httplib (Debian's 0.11) bounds only the wait for each
// read, not the whole request, and reads a chunked body without a size limit;
// GuardedHttpServer keeps its request parser and runs it over a stream that
// enforces a deadline and a byte budget for each request.
//
// A request goes through three budgets:
//   1. headers: from the first byte of the request to the end of its headers,
//      at most `header_timeout_ms` and `max_header_bytes`;
//   2. admission (Router::Admit, before any body byte is read): the body's
//      framing and size, and the session of a signed-in route;
//   3. body: at most `body_timeout_ms` and the Content-Length admitted.
// A request that overruns a budget ends its connection.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include <httplib.h>

namespace alongside::server {

struct TransportLimits {
  int header_timeout_ms = 10'000;
  int body_timeout_ms = 30'000;
  int keep_alive_timeout_s = 5;
  size_t keep_alive_max_requests = 100;  // then the connection is closed
  int write_timeout_s = 10;
  size_t max_header_bytes = 32 * 1024;
  size_t max_body_bytes = 1 << 20;
  // Connections one client address may hold at once; each holds a worker
  // thread while it is open. 0 turns the cap off.
  int max_connections_per_address = 8;
  // Addresses of reverse proxies whose X-Forwarded-For is believed. Their own
  // connections are not capped: every client behind them shares their address.
  std::set<std::string> trusted_proxies;
};

// Counts open connections per peer address. Thread-safe.
class AddressGate {
 public:
  explicit AddressGate(const TransportLimits& limits) : limits_(limits) {}
  // False when `address` already holds the most connections it may.
  bool Enter(const std::string& address);
  void Leave(const std::string& address);

 private:
  const TransportLimits& limits_;
  std::mutex mutex_;
  std::map<std::string, int> open_;
};

// What the router's admission step needs from the connection a request came on.
class RequestBudget {
 public:
  virtual ~RequestBudget() = default;
  // The headers are read; allow `body_bytes` more bytes within the body deadline.
  virtual void AdmitBody(size_t body_bytes) = 0;
  // Close the connection once this response is written (the body was not read).
  virtual void CloseAfterResponse() = 0;
};

// The budget of the request being handled on this thread; null outside the
// transport (a test that drives handlers directly).
RequestBudget* CurrentRequestBudget();

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(TransportLimits limits);
  const TransportLimits& limits() const { return limits_; }
  // Debian's cpp-httplib listens with a backlog of 5: under a burst of new
  // connections the kernel drops SYNs and clients wait 1-15 s for a retry
  // (bench/RESULTS.md, "Load"). Call after binding: listens again with the
  // system's largest backlog.
  void WidenBacklog();

 private:
  bool process_and_close_socket(socket_t sock) override;

  TransportLimits limits_;
  AddressGate gate_;
};

// The address a request came from: the socket's peer, or, when the peer is a
// trusted proxy, the last address the proxy added to X-Forwarded-For.
std::string ClientAddress(const httplib::Request& request, const TransportLimits& limits);

}  // namespace alongside::server
