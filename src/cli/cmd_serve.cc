// alongside serve --db FILE [--port N] [--bind ADDR] [--secure-cookies] [--trusted-proxy ADDR]...
// alongside demo [--db FILE] [--port N]: synthesise a fresh program, then serve it.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "cli/accounts.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/synth_flags.h"
#include "rules/rules.h"
#include "server/server.h"
#include "store/open.h"

namespace alongside::cli {
namespace {

constexpr const char* kDefaultDemoDb = "alongside-demo.db";

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

// Blocks SIGTERM and SIGINT in this thread and so in every thread started
// after it (the store's writer, the server's pool). Call it before opening
// the store: a thread started earlier would take the signal and die.
void BlockStopSignals() {
  sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

// Serves until SIGTERM or SIGINT, which one waiting thread takes (every
// thread blocks them, see BlockStopSignals) to stop the server: in-flight
// requests finish, then Listen() returns.
int ServeUntilSignal(const std::string& command, store::Store& store,
                     const server::ServerOptions& options) {
  sigset_t signals = StopSignals();
  BlockStopSignals();

  server::Server http(store, options);
  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    if (received != 0) spdlog::info("signal {} received, shutting down", received);
    http.Stop();
  });
  std::printf("serving on http://%s:%d (stop with Ctrl-C or SIGTERM)\n", options.bind.c_str(),
              options.port);
  std::fflush(stdout);
  Status served = http.Listen();
  // Wake the waiter if the server ended by itself (e.g. the port was taken).
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!served.ok()) return ReportFailure(command, served);
  std::printf("stopped\n");
  return kExitOk;
}

// Shows a few sign-ins from the accounts file, one of each kind of user.
void PrintAccountsToTry(const std::string& csv_path, int port) {
  std::ifstream csv(csv_path);
  std::string line;
  std::getline(csv, line);  // header
  std::printf("\nopen http://127.0.0.1:%d/ and sign in; every sign-in is in %s\n", port,
              csv_path.c_str());
  std::set<std::string> shown;
  while (std::getline(csv, line)) {
    size_t first = line.find(','), second = line.find(',', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    std::string role = line.substr(second + 1, line.find(',', second + 1) - second - 1);
    if (shown.insert(role).second) {
      std::printf("  %-24s username %-12s password %s\n", role.c_str(),
                  line.substr(0, first).c_str(), line.substr(first + 1, second - first - 1).c_str());
    }
  }
  std::printf("API: curl http://127.0.0.1:%d/api/v1/program/summary\n\n", port);
}

// Loads the program's data files (the built-in ones, or a program's own
// copies from --data-dir) and installs them for every request. A malformed
// file stops start-up: "practice.json:4:35: ... must be ...".
Status InstallRules(const std::string& data_dir) {
  Result<rules::Rules> loaded =
      rules::Rules::Load(data_dir.empty() ? std::nullopt : std::optional<std::string>(data_dir));
  if (!loaded.ok()) return loaded.status();
  rules::Install(std::move(loaded).value());
  return Status::Ok();
}

Status CheckPort(int port) {
  if (port < 1 || port > 65535) return Status::InvalidArgument("--port", "must be 1..65535");
  return Status::Ok();
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::string path;
    std::string data_dir;
    std::vector<std::string> trusted_proxies;
    server::ServerOptions server;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the API and pages over HTTP");
  serve->add_option("--db", flags->path, "Database: a SQLite file, or a postgresql:// URL")->required();
  serve->add_option("--port", flags->server.port, "TCP port")->capture_default_str();
  serve->add_option("--bind", flags->server.bind, "Address to listen on")->capture_default_str();
  serve->add_option("--threads", flags->server.worker_threads, "Worker threads")
      ->capture_default_str();
  serve->add_option("--data-dir", flags->data_dir,
                    "Directory with the program's own data files (docs/data-files.md)");
  serve->add_flag("--secure-cookies", flags->server.auth.secure_cookies,
                  "Mark cookies Secure: set it when clients reach Alongside over HTTPS");
  serve->add_option("--trusted-proxy", flags->trusted_proxies,
                    "Address of a reverse proxy whose X-Forwarded-For is believed (repeatable; "
                    "its connections are not capped per address)");
  serve->add_option("--max-connections-per-address",
                    flags->server.transport.max_connections_per_address,
                    "Connections one client address may hold at once (0: no cap)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  serve->callback([flags, exit_code] {
    flags->server.transport.trusted_proxies.insert(flags->trusted_proxies.begin(),
                                                   flags->trusted_proxies.end());
    Status port = CheckPort(flags->server.port);
    if (port.ok()) port = InstallRules(flags->data_dir);
    if (!port.ok()) {
      *exit_code = ReportFailure("serve", port);
      return;
    }
    BlockStopSignals();
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenStore(flags->path, store::OpenMode::kOpenExisting);
    if (!opened.ok()) {
      *exit_code = ReportFailure("serve", opened.status());
      return;
    }
    *exit_code = ServeUntilSignal("serve", **opened, flags->server);
  });
}

void AddDemoCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    SynthFlags synth;
    std::string data_dir;
    server::ServerOptions server;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Synthesise a demo program into a fresh file and serve it on 127.0.0.1 (the default file, "
      "alongside-demo.db, is replaced each time)");
  demo->add_option("--db", flags->synth.path,
                   "Database file to create (must not exist; default alongside-demo.db)");
  demo->add_option("--port", flags->server.port, "TCP port")->capture_default_str();
  demo->add_option("--data-dir", flags->data_dir,
                   "Directory with the program's own data files (docs/data-files.md)");
  AddSynthFlags(*demo, flags->synth);
  demo->callback([flags, exit_code] {
    Status checked = CheckPort(flags->server.port);
    if (checked.ok()) checked = InstallRules(flags->data_dir);
    if (checked.ok()) checked = ResolveSynthFlags(flags->synth);
    if (!checked.ok()) {
      *exit_code = ReportFailure("demo", checked);
      return;
    }
    if (flags->synth.path.empty()) {
      flags->synth.path = kDefaultDemoDb;
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ignored;
        std::filesystem::remove(std::string(kDefaultDemoDb) + suffix, ignored);
      }
    }
    Result<synth::SynthReport> report =
        CreateSyntheticDatabase(flags->synth);
    if (!report.ok()) {
      *exit_code = ReportFailure("demo", report.status());
      return;
    }
    BlockStopSignals();
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenStore(flags->synth.path, store::OpenMode::kOpenExisting);
    if (!opened.ok()) {
      *exit_code = ReportFailure("demo", opened.status());
      return;
    }
    PrintAccountsToTry(AccountsFileFor(flags->synth.path, flags->synth.accounts_file),
                       flags->server.port);
    *exit_code = ServeUntilSignal("demo", **opened, flags->server);
  });
}

}  // namespace alongside::cli
