// load_client: the load of bench/load/run.sh (see bench/RESULTS.md, "Load:
// 100 clients with slow and oversized clients mixed in").
//
//   load_client --port N --sessions FILE [--clients 100] [--seconds 60]
//               [--slow 0] [--oversized 0] ...
//
// Normal clients: each a closed loop on one keep-alive connection (reopened
// when the server closes it), as one of the signed-in peer workers in
// FILE (prepare.py's lines: cookie, CSRF token, staff id, a person on their
// caseload), going round a fixed mix of reads (person page, today page,
// contact list, a person through the API) and writes (record a contact, add
// a goal). Each normal client binds its own source address in 127.0.1.0/24
// (--addresses of them), so a per-address connection cap meant for one
// abusive client does not fall on them. Latency is from the first byte sent
// (the connect, when the connection is new) to the last byte of the answer.
// An error is any answer but 200 (reads) or 201 (writes), or none within
// --timeout.
//
// Mixed in, when asked: --slow connections from 127.0.0.2 that send the
// request line and then one header line every --slow-interval-ms, never
// ending the headers (reconnecting, after a pause, when the server closes
// them); --oversized clients from 127.0.0.3, signed in as peers, posting
// 8 MiB bodies in a loop, half with Content-Length and half chunked, each
// reading whatever answer comes. They start --head-start seconds before the normal clients.
//
// Prints per kind count, p50, p99 and errors, and the adversaries' counts.
// Loopback only; every socket has send and receive timeouts, every loop
// ends with the run.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int port = 0;
  std::string sessions;
  int clients = 100;
  double seconds = 60;
  int addresses = 25;  // normal clients are spread over 127.0.1.1 .. 127.0.1.N
  int slow = 0;
  int slow_interval_ms = 3000;
  int oversized = 0;
  int oversized_pause_ms = 200;
  int oversized_mib = 8;
  double head_start = 3;
  int timeout_seconds = 10;
  std::string label = "run";
};

struct Peer {
  std::string cookie, csrf, staff, person;
};

enum Kind { kPersonPage, kTodayPage, kContactList, kApiPerson, kRecordContact, kAddGoal, kKinds };
const char* const kKindNames[kKinds] = {"person page", "today page",     "contact list",
                                        "API person",  "record contact", "add goal"};
// The mix each normal client goes round (starting at its own place):
// 13 reads and 7 writes in 20.
const Kind kMix[] = {kPersonPage, kTodayPage,  kContactList, kRecordContact, kApiPerson,
                     kPersonPage, kAddGoal,    kContactList, kPersonPage,    kRecordContact,
                     kTodayPage,  kApiPerson,  kPersonPage,  kContactList,   kRecordContact,
                     kAddGoal,    kPersonPage, kTodayPage,   kApiPerson,     kRecordContact};

std::vector<Peer> ReadSessions(const std::string& path) {
  std::vector<Peer> peers;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    std::stringstream fields(line);
    Peer peer;
    if (std::getline(fields, peer.cookie, '\t') && std::getline(fields, peer.csrf, '\t') &&
        std::getline(fields, peer.staff, '\t') && std::getline(fields, peer.person, '\t')) {
      peers.push_back(peer);
    }
  }
  return peers;
}

void SetTimeouts(int fd, int seconds) {
  timeval timeout{seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);  // connect() too
}

// A TCP connection from `source` (an address on the loopback) to
// 127.0.0.1:port, or -1. Send and receive (and connect) time out.
int Connect(const std::string& source, int port, int timeout_seconds) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  SetTimeouts(fd, timeout_seconds);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const char* data, size_t size, size_t* sent = nullptr) {
  size_t done = 0;
  while (done < size) {
    ssize_t wrote = send(fd, data + done, size - done, MSG_NOSIGNAL);
    if (wrote <= 0) break;
    done += static_cast<size_t>(wrote);
  }
  if (sent) *sent = done;
  return done == size;
}

struct Answer {
  int status = 0;  // 0: no complete answer
  bool keep_alive = false;
  bool nothing = false;  // the connection was closed before any byte came
};

// Reads one HTTP/1.1 response (Content-Length or chunked framing, or until
// the server closes) and discards its body.
Answer ReadAnswer(int fd) {
  Answer answer;
  std::string data;
  char buffer[16384];
  size_t header_end;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    ssize_t got = recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) {
      answer.nothing = data.empty();
      return answer;
    }
    data.append(buffer, static_cast<size_t>(got));
  }
  std::string head = data.substr(0, header_end);
  for (char& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  int status = 0;
  if (std::sscanf(head.c_str(), "http/1.%*d %d", &status) != 1) return answer;
  answer.keep_alive = head.find("\r\nconnection: close") == std::string::npos;
  std::string body = data.substr(header_end + 4);
  size_t length_at = head.find("\r\ncontent-length:");
  if (length_at != std::string::npos) {
    size_t length = std::strtoull(head.c_str() + length_at + 17, nullptr, 10);
    while (body.size() < length) {
      ssize_t got = recv(fd, buffer, std::min(sizeof buffer, length - body.size()), 0);
      if (got <= 0) return answer;
      body.append(buffer, static_cast<size_t>(got));
    }
  } else if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    // Enough for the answers here: read until the last chunk's marker.
    while (body.find("\r\n0\r\n\r\n") == std::string::npos && body.rfind("0\r\n\r\n", 0) != 0) {
      ssize_t got = recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) return answer;
      body.append(buffer, static_cast<size_t>(got));
    }
  } else {
    answer.keep_alive = false;
    while (recv(fd, buffer, sizeof buffer, 0) > 0) {
    }
  }
  answer.status = status;
  return answer;
}

std::string Yesterday() {
  std::time_t then = std::time(nullptr) - 86400;
  std::tm parts{};
  gmtime_r(&then, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

std::string BuildRequest(Kind kind, const Peer& peer, long sequence, const std::string& day) {
  std::string method = "GET", path, body;
  switch (kind) {
    case kPersonPage:
      path = "/people/" + peer.person;
      break;
    case kTodayPage:
      path = "/today";
      break;
    case kContactList:
      path = "/api/v1/contacts?person_id=" + peer.person + "&limit=20";
      break;
    case kApiPerson:
      path = "/api/v1/people/" + peer.person;
      break;
    case kRecordContact: {
      method = "POST";
      path = "/api/v1/contacts";
      long minute = sequence % 1380;
      char start[32];
      std::snprintf(start, sizeof start, "%sT%02ld:%02ld:00Z", day.c_str(), minute / 60,
                    minute % 60);
      body = std::string(R"({"person_id": )") + peer.person + R"(, "start": ")" + start +
             R"(", "duration_minutes": 45, "setting": "community", )"
             R"("modalities": ["emotional", "companionship"], "activities": ["goal_review"], )"
             R"("note": "Met at the library and planned the week.", )"
             R"("person_words": "Glad we met."})";
      break;
    }
    case kAddGoal:
      method = "POST";
      path = "/api/v1/goals";
      body = std::string(R"({"person_id": )") + peer.person +
             R"(, "words": "Walk to the library twice this week."})";
      break;
    case kKinds:
      break;
  }
  std::string request =
      method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + peer.cookie + "\r\n";
  if (method == "POST") {
    request += "X-CSRF-Token: " + peer.csrf + "\r\nContent-Type: application/json\r\n" +
               "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return request + "\r\n" + body;
}

struct KindStats {
  std::vector<double> latencies_ms;
  long errors = 0;
  std::map<std::string, long> error_kinds;  // "status 503", "no answer", "no connection"
};

struct ClientStats {
  KindStats kinds[kKinds];
  long reconnects = 0;
};

void RunNormalClient(const Options& options, int client_idx, const Peer& peer,
                     Clock::time_point until, ClientStats& stats) {
  const std::string source = "127.0.1." + std::to_string(1 + client_idx % options.addresses);
  const std::string day = Yesterday();
  int fd = -1;
  size_t turn = static_cast<size_t>(client_idx) % std::size(kMix);
  for (long sequence = client_idx * 100000L; Clock::now() < until; ++sequence) {
    Kind kind = kMix[turn++ % std::size(kMix)];
    std::string request = BuildRequest(kind, peer, sequence, day);
    auto started = Clock::now();
    Answer answer;
    std::string failure;
    // A kept-alive connection the server has just closed gets one retry on
    // a new connection, as any HTTP client does.
    for (int attempt = 0; attempt < 2; ++attempt) {
      bool reused = fd >= 0;
      if (fd < 0) {
        fd = Connect(source, options.port, options.timeout_seconds);
        if (fd < 0) {
          failure = "no connection";
          break;
        }
        ++stats.reconnects;
      }
      bool sent = SendAll(fd, request.data(), request.size());
      answer = sent ? ReadAnswer(fd) : Answer{};
      if (answer.status == 0 || !answer.keep_alive) {
        close(fd);
        fd = -1;
      }
      if (answer.status != 0) break;
      failure = "no answer";
      if (!reused || !(answer.nothing || !sent)) break;
    }
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    KindStats& kind_stats = stats.kinds[kind];
    int expected = (kind == kRecordContact || kind == kAddGoal) ? 201 : 200;
    if (answer.status == expected) {
      kind_stats.latencies_ms.push_back(ms);
    } else {
      ++kind_stats.errors;
      ++kind_stats.error_kinds[answer.status ? "status " + std::to_string(answer.status) : failure];
      // Still a request that took this long: it counts in the percentiles.
      kind_stats.latencies_ms.push_back(ms);
      if (answer.status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  if (fd >= 0) close(fd);
}

struct SlowStats {
  std::atomic<long> connections{0};       // opened
  std::atomic<long> refused{0};           // connect failed
  std::atomic<long> closed_by_server{0};  // a send failed or the server answered/closed
  std::atomic<long> answered{0};          // the server sent something (e.g. 408) before closing
  std::atomic<long> header_lines{0};
  std::mutex mutex;
  std::vector<double> lifetimes_s;  // of the connections the server closed
};

// Request line, then one header line every interval, never the blank line.
void RunSlowClient(const Options& options, int slow_idx, Clock::time_point until,
                   SlowStats& stats) {
  while (Clock::now() < until) {
    int fd = Connect("127.0.0.2", options.port, options.timeout_seconds);
    if (fd < 0) {
      ++stats.refused;
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    ++stats.connections;
    auto opened = Clock::now();
    std::string start = "GET /today HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    bool open = SendAll(fd, start.data(), start.size());
    for (int line_idx = 0; open && Clock::now() < until; ++line_idx) {
      // Sleep in short steps, watching for the server closing the connection.
      auto next = Clock::now() + std::chrono::milliseconds(options.slow_interval_ms);
      while (open && Clock::now() < next && Clock::now() < until) {
        char byte;
        ssize_t got = recv(fd, &byte, 1, MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) open = false;
        if (got > 0) {
          ++stats.answered;
          open = false;
        }
        if (open) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (!open || Clock::now() >= until) break;
      std::string line = "X-Slow-" + std::to_string(slow_idx) + "-" + std::to_string(line_idx) +
                         ": still typing\r\n";
      open = SendAll(fd, line.data(), line.size());
      if (open) ++stats.header_lines;
    }
    close(fd);
    if (!open) {
      ++stats.closed_by_server;
      std::lock_guard<std::mutex> lock(stats.mutex);
      stats.lifetimes_s.push_back(std::chrono::duration<double>(Clock::now() - opened).count());
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
}

struct OversizedStats {
  std::atomic<long> attempts{0};
  std::atomic<long> whole_body_sent{0};
  std::mutex mutex;
  std::map<std::string, long> outcomes;  // "413", "closed without an answer", ...
  std::vector<double> bytes_accepted_mib;
  std::vector<double> answer_ms;
};

// POSTs an 8 MiB body (Content-Length or chunked), reads the answer, pauses.
void RunOversizedClient(const Options& options, bool chunked, const Peer& peer,
                        Clock::time_point until, OversizedStats& stats) {
  const size_t total = static_cast<size_t>(options.oversized_mib) << 20;
  const size_t piece = 64 << 10;
  const std::string filler(piece, 'a');
  char chunk_head[32];
  std::snprintf(chunk_head, sizeof chunk_head, "%zx\r\n", piece);
  while (Clock::now() < until) {
    int fd = Connect("127.0.0.3", options.port, options.timeout_seconds);
    ++stats.attempts;
    std::string outcome;
    size_t accepted = 0;
    auto started = Clock::now();
    if (fd < 0) {
      outcome = "no connection";
    } else {
      // Signed in, so that what stops the body is its size, not the sign-in.
      std::string head =
          "POST /api/v1/contacts HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + peer.cookie +
          "\r\nX-CSRF-Token: " + peer.csrf + "\r\nContent-Type: application/json\r\n";
      head += chunked ? std::string("Transfer-Encoding: chunked\r\n\r\n")
                      : "Content-Length: " + std::to_string(total) + "\r\n\r\n";
      bool open = SendAll(fd, head.data(), head.size());
      while (open && accepted < total && Clock::now() < until) {
        size_t sent = 0;
        if (chunked) open = SendAll(fd, chunk_head, std::strlen(chunk_head));
        open = open && SendAll(fd, filler.data(), piece, &sent);
        if (chunked && open) open = SendAll(fd, "\r\n", 2);
        accepted += sent;
      }
      if (open && chunked) open = SendAll(fd, "0\r\n\r\n", 5);
      if (open && accepted == total) ++stats.whole_body_sent;
      // Whatever the server says (it may have answered before the end).
      Answer answer = ReadAnswer(fd);
      outcome = answer.status ? std::to_string(answer.status) : "closed without an answer";
      close(fd);
    }
    {
      std::lock_guard<std::mutex> lock(stats.mutex);
      ++stats.outcomes[(chunked ? "chunked: " : "content-length: ") + outcome];
      stats.bytes_accepted_mib.push_back(static_cast<double>(accepted) / (1 << 20));
      stats.answer_ms.push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(options.oversized_pause_ms));
  }
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  size_t rank = static_cast<size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<long>(rank), values.end());
  return values[rank];
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Load for bench/load/run.sh: normal clients, optionally slow and oversized ones"};
  app.add_option("--port", options.port, "alongside serve's port on 127.0.0.1")->required();
  app.add_option("--sessions", options.sessions, "Signed-in peers (bench/http/prepare.py)")
      ->required();
  app.add_option("--clients", options.clients, "Normal clients")->capture_default_str();
  app.add_option("--seconds", options.seconds, "Length of the measurement")->capture_default_str();
  app.add_option("--addresses", options.addresses, "Source addresses of the normal clients")
      ->capture_default_str();
  app.add_option("--slow", options.slow, "Slow connections from 127.0.0.2")->capture_default_str();
  app.add_option("--slow-interval-ms", options.slow_interval_ms, "Between their header lines")
      ->capture_default_str();
  app.add_option("--oversized", options.oversized,
                 "Clients posting oversized bodies from 127.0.0.3")
      ->capture_default_str();
  app.add_option("--oversized-mib", options.oversized_mib, "Body size")->capture_default_str();
  app.add_option("--oversized-pause-ms", options.oversized_pause_ms, "Pause between their posts")
      ->capture_default_str();
  app.add_option("--head-start", options.head_start, "Seconds the adversaries start early")
      ->capture_default_str();
  app.add_option("--timeout", options.timeout_seconds, "Per socket operation, seconds")
      ->capture_default_str();
  app.add_option("--label", options.label, "Name of this run in the output");
  CLI11_PARSE(app, argc, argv);
  std::vector<Peer> peers = ReadSessions(options.sessions);
  if (peers.empty() || options.clients < 1 || options.addresses < 1 || options.addresses > 254 ||
      options.seconds <= 0 || options.seconds > 600) {
    std::fprintf(stderr,
                 "load_client: need sessions, --clients >= 1, --addresses 1..254, "
                 "--seconds in (0, 600]\n");
    return 2;
  }

  const bool adversaries = options.slow > 0 || options.oversized > 0;
  auto adversaries_until =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                         (adversaries ? options.head_start : 0) + options.seconds + 1));
  SlowStats slow;
  OversizedStats oversized;
  std::vector<std::thread> adversary_threads;
  for (int slow_idx = 0; slow_idx < options.slow; ++slow_idx) {
    adversary_threads.emplace_back(
        [&, slow_idx] { RunSlowClient(options, slow_idx, adversaries_until, slow); });
  }
  for (int oversized_idx = 0; oversized_idx < options.oversized; ++oversized_idx) {
    adversary_threads.emplace_back([&, oversized_idx] {
      RunOversizedClient(options, oversized_idx % 2 == 1,
                         peers[static_cast<size_t>(oversized_idx) % peers.size()],
                         adversaries_until, oversized);
    });
  }
  if (adversaries) {
    std::this_thread::sleep_for(std::chrono::duration<double>(options.head_start));
  }

  auto started = Clock::now();
  auto until = started + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(options.seconds));
  std::vector<ClientStats> stats(static_cast<size_t>(options.clients));
  std::vector<std::thread> clients;
  for (int client_idx = 0; client_idx < options.clients; ++client_idx) {
    clients.emplace_back([&, client_idx] {
      RunNormalClient(options, client_idx, peers[static_cast<size_t>(client_idx) % peers.size()],
                      until, stats[static_cast<size_t>(client_idx)]);
    });
  }
  for (std::thread& client : clients) client.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  for (std::thread& thread : adversary_threads) thread.join();

  KindStats all;
  long reconnects = 0;
  std::printf(
      "%s: %d normal clients over %d source addresses, %.1f s, %d peers; slow %d, "
      "oversized %d\n",
      options.label.c_str(), options.clients, options.addresses, elapsed,
      static_cast<int>(std::min(peers.size(), static_cast<size_t>(options.clients))), options.slow,
      options.oversized);
  std::printf("%-16s %9s %9s %9s %9s  %s\n", "kind", "requests", "p50 ms", "p99 ms", "errors",
              "what went wrong");
  for (int kind = 0; kind < kKinds; ++kind) {
    KindStats merged;
    for (ClientStats& client : stats) {
      KindStats& one = client.kinds[kind];
      merged.latencies_ms.insert(merged.latencies_ms.end(), one.latencies_ms.begin(),
                                 one.latencies_ms.end());
      merged.errors += one.errors;
      for (auto& [what, count] : one.error_kinds) merged.error_kinds[what] += count;
    }
    std::string wrong;
    for (auto& [what, count] : merged.error_kinds) {
      wrong += what + " x" + std::to_string(count) + " ";
      all.error_kinds[what] += count;
    }
    std::printf("%-16s %9zu %9.2f %9.2f %9ld  %s\n", kKindNames[kind], merged.latencies_ms.size(),
                Percentile(merged.latencies_ms, 0.50), Percentile(merged.latencies_ms, 0.99),
                merged.errors, wrong.c_str());
    all.latencies_ms.insert(all.latencies_ms.end(), merged.latencies_ms.begin(),
                            merged.latencies_ms.end());
    all.errors += merged.errors;
  }
  for (ClientStats& client : stats) reconnects += client.reconnects;
  std::printf("%-16s %9zu %9.2f %9.2f %9ld\n", "all", all.latencies_ms.size(),
              Percentile(all.latencies_ms, 0.50), Percentile(all.latencies_ms, 0.99), all.errors);
  std::printf("%s: requests/s %.0f, connections opened %ld\n", options.label.c_str(),
              static_cast<double>(all.latencies_ms.size()) / elapsed, reconnects);
  if (options.slow > 0) {
    std::printf(
        "slow clients: %ld connections, %ld refused at connect, %ld closed by the server "
        "(%ld with an answer; lifetime p50 %.1f s), %ld header lines sent\n",
        slow.connections.load(), slow.refused.load(), slow.closed_by_server.load(),
        slow.answered.load(), Percentile(slow.lifetimes_s, 0.5), slow.header_lines.load());
  }
  if (options.oversized > 0) {
    std::string outcomes;
    for (auto& [what, count] : oversized.outcomes)
      outcomes += what + " x" + std::to_string(count) + ", ";
    std::printf(
        "oversized bodies: %ld posts, %ld whole bodies sent, MiB taken before the answer "
        "p50 %.2f, time to the answer p50 %.1f ms; %s\n",
        oversized.attempts.load(), oversized.whole_body_sent.load(),
        Percentile(oversized.bytes_accepted_mib, 0.5), Percentile(oversized.answer_ms, 0.5),
        outcomes.c_str());
  }
  // One line for run.sh to read.
  std::printf("RESULT %s p50_ms=%.2f p99_ms=%.2f requests=%zu errors=%ld\n", options.label.c_str(),
              Percentile(all.latencies_ms, 0.50), Percentile(all.latencies_ms, 0.99),
              all.latencies_ms.size(), all.errors);
  return 0;
}
