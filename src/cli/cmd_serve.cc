// alongside serve --db FILE [--port N] [--bind ADDR] [--secure-cookies] [--trusted-proxy ADDR]...
//   [--smtp-url URL --smtp-from ADDR --smtp-to ADDR,...] [--webhook-url URL
//   [--webhook-secret-file FILE]] [--outbox-poll-ms N]: serves, and delivers
//   the outbox in the background (docs/notifications.md).
// alongside demo [--db FILE] [--port N]: synthesise a fresh program, then serve it.
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "cli/accounts.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/synth_flags.h"
#include "notify/outbox.h"
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
// requests finish, then Listen() returns. The outbox is delivered in the
// background meanwhile (always: the in-app channel needs it too), and
// stopped after the server.
int ServeUntilSignal(const std::string& command, store::Store& store,
                     server::ServerOptions options, const notify::OutboxOptions& outbox) {
  sigset_t signals = StopSignals();
  BlockStopSignals();

  options.outbox = notify::ChannelsOf(outbox);
  server::Server http(store, options);
  notify::OutboxWorker outbox_worker(store, outbox);
  outbox_worker.Start();
  spdlog::info("outbox: delivering in_app{}{} every {} ms", options.outbox.smtp ? ", smtp" : "",
               options.outbox.webhook ? ", webhook" : "", outbox.poll.count());
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
  outbox_worker.Stop();
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

// The outbox's flags as given (docs/notifications.md).
struct OutboxFlags {
  std::string smtp_url;
  std::string smtp_from;
  std::vector<std::string> smtp_to;
  std::string webhook_url;
  std::string webhook_secret_file;
  int poll_ms = 2000;
  int first_retry_s = 30;
  int max_retry_s = 3600;
};

void AddOutboxFlags(CLI::App& command, OutboxFlags& flags) {
  command.add_option("--smtp-url", flags.smtp_url,
                     "Send safety notifications by email through this server: smtp://host:port "
                     "(STARTTLS when offered) or smtps://host:port");
  command.add_option("--smtp-from", flags.smtp_from, "The notifications' sender address");
  command.add_option("--smtp-to", flags.smtp_to,
                     "A recipient of the notification emails (repeatable, or a comma list)")
      ->delimiter(',');
  command.add_option("--webhook-url", flags.webhook_url,
                     "POST each safety notification as JSON to this http:// or https:// URL");
  command.add_option("--webhook-secret-file", flags.webhook_secret_file,
                     "File holding the webhook's HMAC-SHA256 key (not readable by every user); "
                     "each POST is signed in X-Alongside-Signature");
  command.add_option("--outbox-poll-ms", flags.poll_ms,
                     "How often the outbox is read for notifications that are due")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600000));
  command.add_option("--outbox-first-retry-s", flags.first_retry_s,
                     "Wait after a notification's first failed delivery; doubled after each "
                     "further failure")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  command.add_option("--outbox-max-retry-s", flags.max_retry_s,
                     "The longest wait between two attempts at one notification")
      ->capture_default_str()
      ->check(CLI::Range(1, 604800));
}

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// A bare address (no display name, no brackets): one "@", no spaces or
// control characters, so that it cannot break a header or an SMTP command.
Status CheckAddress(const std::string& address, const std::string& flag) {
  size_t at = address.find('@');
  bool ok = at != std::string::npos && at > 0 && at + 1 < address.size() &&
            address.find('@', at + 1) == std::string::npos;
  for (char byte : address) {
    unsigned char code = static_cast<unsigned char>(byte);
    if (code <= 0x20 || code == 0x7f || byte == '<' || byte == '>' || byte == ',') ok = false;
  }
  if (!ok) return Status::InvalidArgument(flag, "'" + address + "' is not an address like name@example.org");
  return Status::Ok();
}

// The webhook's key from its file, trimmed of surrounding white space (the
// newline an editor adds). A file every user may read is refused: the key
// proves a POST came from Alongside.
Result<std::string> ReadSecretFile(const std::string& path) {
  const std::string flag = "--webhook-secret-file";
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return Status::InvalidArgument(flag, path + " cannot be read");
  if (info.st_mode & S_IROTH) {
    return Status::InvalidArgument(
        flag, path + " is readable by every user of this machine; chmod o-r (or 600) it");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::InvalidArgument(flag, path + " cannot be read");
  std::ostringstream text;
  text << file.rdbuf();
  std::string secret = text.str();
  constexpr const char* kSpace = " \t\r\n";
  size_t first = secret.find_first_not_of(kSpace);
  if (first == std::string::npos) return Status::InvalidArgument(flag, path + " is empty");
  secret = secret.substr(first, secret.find_last_not_of(kSpace) - first + 1);
  return secret;
}

// The outbox's options from its flags; InvalidArgument naming the flag.
Result<notify::OutboxOptions> ResolveOutboxFlags(const OutboxFlags& flags) {
  notify::OutboxOptions options;
  if (!flags.smtp_url.empty()) {
    if (!StartsWith(flags.smtp_url, "smtp://") && !StartsWith(flags.smtp_url, "smtps://")) {
      return Status::InvalidArgument("--smtp-url", "must start with smtp:// or smtps://");
    }
    if (flags.smtp_from.empty()) {
      return Status::InvalidArgument("--smtp-from", "is needed with --smtp-url");
    }
    if (flags.smtp_to.empty()) {
      return Status::InvalidArgument("--smtp-to", "is needed with --smtp-url");
    }
    ALONGSIDE_RETURN_IF_ERROR(CheckAddress(flags.smtp_from, "--smtp-from"));
    for (const std::string& address : flags.smtp_to) {
      ALONGSIDE_RETURN_IF_ERROR(CheckAddress(address, "--smtp-to"));
    }
  } else if (!flags.smtp_from.empty() || !flags.smtp_to.empty()) {
    return Status::InvalidArgument(flags.smtp_from.empty() ? "--smtp-to" : "--smtp-from",
                                   "needs --smtp-url");
  }
  if (!flags.webhook_url.empty()) {
    if (!StartsWith(flags.webhook_url, "http://") && !StartsWith(flags.webhook_url, "https://")) {
      return Status::InvalidArgument("--webhook-url", "must start with http:// or https://");
    }
    if (!flags.webhook_secret_file.empty()) {
      ALONGSIDE_ASSIGN_OR_RETURN(options.webhook_secret, ReadSecretFile(flags.webhook_secret_file));
    }
  } else if (!flags.webhook_secret_file.empty()) {
    return Status::InvalidArgument("--webhook-secret-file", "needs --webhook-url");
  }
  if (flags.first_retry_s > flags.max_retry_s) {
    return Status::InvalidArgument("--outbox-first-retry-s",
                                   "must not be more than --outbox-max-retry-s");
  }
  options.smtp_url = flags.smtp_url;
  options.smtp_from = flags.smtp_from;
  options.smtp_to = flags.smtp_to;
  options.webhook_url = flags.webhook_url;
  options.poll = std::chrono::milliseconds(flags.poll_ms);
  options.first_retry = std::chrono::seconds(flags.first_retry_s);
  options.max_retry = std::chrono::seconds(flags.max_retry_s);
  return options;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::string path;
    std::string data_dir;
    std::vector<std::string> trusted_proxies;
    server::ServerOptions server;
    OutboxFlags outbox;
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
  AddOutboxFlags(*serve, flags->outbox);
  serve->callback([flags, exit_code] {
    flags->server.transport.trusted_proxies.insert(flags->trusted_proxies.begin(),
                                                   flags->trusted_proxies.end());
    Result<notify::OutboxOptions> outbox = ResolveOutboxFlags(flags->outbox);
    Status checked = CheckPort(flags->server.port);
    if (checked.ok()) checked = outbox.status();
    if (checked.ok()) checked = InstallRules(flags->data_dir);
    if (!checked.ok()) {
      *exit_code = ReportFailure("serve", checked);
      return;
    }
    BlockStopSignals();
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenStore(flags->path, store::OpenMode::kOpenExisting);
    if (!opened.ok()) {
      *exit_code = ReportFailure("serve", opened.status());
      return;
    }
    *exit_code = ServeUntilSignal("serve", **opened, flags->server, *outbox);
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
    *exit_code = ServeUntilSignal("demo", **opened, flags->server, notify::OutboxOptions{});
  });
}

}  // namespace alongside::cli
