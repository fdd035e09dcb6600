#include "server/transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>

#include <spdlog/spdlog.h>

namespace alongside::server {
namespace {

using Clock = std::chrono::steady_clock;

thread_local RequestBudget* current_budget = nullptr;

// "a.b.c.d" or an IPv6 address of a socket's peer (or itself); "" on error.
std::string AddressOf(int fd, bool peer, int* port = nullptr) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  int got = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
                 : getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  if (got != 0) return "";
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
    if (port) *port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
    if (port) *port = ntohs(v6->sin6_port);
  } else {
    return "";
  }
  return text.data();
}

int PollFor(int fd, short events, int timeout_ms) {
  pollfd entry{fd, events, 0};
  for (;;) {
    int ready = poll(&entry, 1, std::max(timeout_ms, 0));
    if (ready >= 0 || errno != EINTR) return ready;
  }
}

bool IsIpAddress(const std::string& text) {
  in6_addr scratch{};
  return inet_pton(AF_INET, text.c_str(), &scratch) == 1 ||
         inet_pton(AF_INET6, text.c_str(), &scratch) == 1;
}

// One connection's socket, read through a buffer under the budget of the
// request being read: a deadline and a number of bytes. Running out of either
// fails the read, and the connection is closed after the answer.
class BudgetedStream final : public httplib::Stream, public RequestBudget {
 public:
  BudgetedStream(int fd, const TransportLimits& limits) : fd_(fd), limits_(limits) {}

  // Waits up to the keep-alive timeout for the first byte of a request,
  // giving up early once `stopping` says so.
  template <typename Stopping>
  bool AwaitRequest(Stopping stopping) {
    if (start_ < end_) return true;
    Clock::time_point give_up = Clock::now() + std::chrono::seconds(limits_.keep_alive_timeout_s);
    while (!stopping()) {
      int ready = PollFor(fd_, POLLIN, 100);
      if (ready < 0) return false;
      if (ready > 0) return true;
      if (Clock::now() >= give_up) return false;
    }
    return false;
  }

  void BeginRequest() {
    deadline_ = Clock::now() + std::chrono::milliseconds(limits_.header_timeout_ms);
    allowance_ = limits_.max_header_bytes;
    close_after_response_ = false;
  }

  bool MustClose() const { return overrun_ || close_after_response_; }

  void AdmitBody(size_t body_bytes) override {
    deadline_ = Clock::now() + std::chrono::milliseconds(limits_.body_timeout_ms);
    size_t buffered = end_ - start_;
    allowance_ = body_bytes > buffered ? body_bytes - buffered : 0;
  }
  void CloseAfterResponse() override { close_after_response_ = true; }

  bool is_readable() const override {
    return start_ < end_ || PollFor(fd_, POLLIN, RemainingMs()) > 0;
  }
  bool is_writable() const override {
    return PollFor(fd_, POLLOUT, limits_.write_timeout_s * 1000) > 0;
  }

  ssize_t read(char* out, size_t size) override {
    if (start_ == end_) {
      ssize_t filled = Fill();
      if (filled <= 0) return filled;
    }
    size_t count = std::min(size, end_ - start_);
    std::memcpy(out, buffer_.data() + start_, count);
    start_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* data, size_t size) override {
    if (!is_writable()) return -1;
    for (;;) {
      ssize_t sent = send(fd_, data, size, MSG_NOSIGNAL);
      if (sent >= 0 || errno != EINTR) return sent;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = AddressOf(fd_, true, &port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = AddressOf(fd_, false, &port);
  }
  socket_t socket() const override { return fd_; }

 private:
  int RemainingMs() const {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    return static_cast<int>(std::max<std::int64_t>(left.count(), 0));
  }

  // Reads what has arrived, within the budget; -1 once it is spent.
  ssize_t Fill() {
    if (allowance_ == 0 || PollFor(fd_, POLLIN, RemainingMs()) <= 0) {
      overrun_ = true;
      return -1;
    }
    ssize_t got;
    do {
      got = recv(fd_, buffer_.data(), std::min(buffer_.size(), allowance_), 0);
    } while (got < 0 && errno == EINTR);
    if (got <= 0) return got;
    allowance_ -= static_cast<size_t>(got);
    start_ = 0;
    end_ = static_cast<size_t>(got);
    return got;
  }

  int fd_;
  const TransportLimits& limits_;
  std::array<char, 4096> buffer_{};
  size_t start_ = 0;
  size_t end_ = 0;
  Clock::time_point deadline_ = Clock::now();
  size_t allowance_ = 0;
  bool overrun_ = false;
  bool close_after_response_ = false;
};

// Logs refused connections at most once every ten seconds, with how many
// there were since the last line: a flood must not flood the log.
void LogRefusal(const std::string& address) {
  static std::mutex mutex;
  static Clock::time_point last_logged{};
  static std::uint64_t unlogged = 0;
  std::lock_guard<std::mutex> lock(mutex);
  ++unlogged;
  Clock::time_point now = Clock::now();
  if (now - last_logged < std::chrono::seconds(10)) return;
  spdlog::warn("refused {} connection(s) over the per-address cap, the last from {}", unlogged,
               address);
  last_logged = now;
  unlogged = 0;
}

// The answer to a connection over its address's cap, written without reading
// the request (the peer may be sending nothing at all).
void RefuseConnection(int fd) {
  static constexpr char kBody[] =
      R"({"error":"unavailable","detail":"too many connections from your address; try again shortly"})";
  std::string answer =
      "HTTP/1.1 503 Service Unavailable\r\n"
      "Content-Type: application/json\r\n"
      "Retry-After: 2\r\n"
      "Cache-Control: no-store\r\n"
      "X-Content-Type-Options: nosniff\r\n"
      "Connection: close\r\n"
      "Content-Length: " +
      std::to_string(sizeof kBody - 1) + "\r\n\r\n" + kBody;
  // Best effort and never blocking: a peer that does not read loses the answer.
  [[maybe_unused]] ssize_t sent = send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace

bool AddressGate::Enter(const std::string& address) {
  if (limits_.max_connections_per_address <= 0 || limits_.trusted_proxies.count(address)) {
    return true;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  int& open = open_[address];
  if (open >= limits_.max_connections_per_address) return false;
  ++open;
  return true;
}

void AddressGate::Leave(const std::string& address) {
  if (limits_.max_connections_per_address <= 0 || limits_.trusted_proxies.count(address)) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = open_.find(address);
  if (found != open_.end() && --found->second <= 0) open_.erase(found);
}

RequestBudget* CurrentRequestBudget() { return current_budget; }

GuardedHttpServer::GuardedHttpServer(TransportLimits limits)
    : limits_(std::move(limits)), gate_(limits_) {
  set_payload_max_length(limits_.max_body_bytes);
  set_keep_alive_timeout(limits_.keep_alive_timeout_s);
  set_keep_alive_max_count(limits_.keep_alive_max_requests);
  // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, with which a
  // second server on the same port starts silently and takes half of the
  // connections.
  set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  set_write_timeout(limits_.write_timeout_s, 0);
}

void GuardedHttpServer::WidenBacklog() {
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  const std::string peer = AddressOf(sock, true);
  bool handled = false;
  if (gate_.Enter(peer)) {
    BudgetedStream stream(sock, limits_);
    current_budget = &stream;
    auto stopping = [this] { return svr_sock_ == INVALID_SOCKET; };
    for (size_t count = 0; count < keep_alive_max_count_ && stream.AwaitRequest(stopping);
         ++count) {
      stream.BeginRequest();
      bool close_connection = count + 1 == keep_alive_max_count_ || stopping();
      bool connection_closed = false;
      handled = process_request(stream, close_connection, connection_closed, nullptr);
      if (!handled || connection_closed || close_connection || stream.MustClose()) break;
    }
    current_budget = nullptr;
    gate_.Leave(peer);
  } else {
    LogRefusal(peer);
    RefuseConnection(sock);
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return handled;
}

std::string ClientAddress(const httplib::Request& request, const TransportLimits& limits) {
  const std::string& peer = request.remote_addr;
  if (!limits.trusted_proxies.count(peer)) return peer.empty() ? "unknown" : peer;
  std::string forwarded = request.get_header_value("X-Forwarded-For");
  size_t comma = forwarded.rfind(',');
  std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
  last.erase(0, last.find_first_not_of(" \t"));
  last.erase(last.find_last_not_of(" \t") + 1);
  return IsIpAddress(last) ? last : peer;
}

}  // namespace alongside::server
