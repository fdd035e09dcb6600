// bare_http_server [--port N] [--threads N]: the floor for bench/http/run.sh.
// A cpp-httplib server with one handler that returns a constant body, set up
// as alongside's server is (src/server/server.cc): TCP_NODELAY on, a thread
// pool of the same size (keep-alive connections each hold a worker), the same
// keep-alive timeout. GET and POST on any path answer 200 with a short body,
// so the same wrk scripts can run against it and against `alongside serve`.
// Stops on SIGTERM or SIGINT.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

constexpr const char* kBody = "{\"ok\":true}\n";

int IntFlag(int argc, char** argv, const char* name, int fallback) {
  for (int arg_idx = 1; arg_idx + 1 < argc; ++arg_idx) {
    if (std::strcmp(argv[arg_idx], name) == 0) return std::atoi(argv[arg_idx + 1]);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  int port = IntFlag(argc, argv, "--port", 8090);
  int threads = IntFlag(argc, argv, "--threads", 32);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server http;
  http.set_tcp_nodelay(true);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_keep_alive_timeout(5);
  auto constant = [](const httplib::Request&, httplib::Response& response) {
    response.set_content(kBody, "application/json");
  };
  http.Get(".*", constant);
  http.Post(".*", constant);

  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    http.stop();
  });
  if (!http.bind_to_port("127.0.0.1", port)) {
    std::fprintf(stderr, "bare_http_server: cannot listen on 127.0.0.1:%d\n", port);
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return 1;
  }
  std::printf("bare_http_server on http://127.0.0.1:%d, %d threads\n", port, threads);
  std::fflush(stdout);
  http.listen_after_bind();
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}
