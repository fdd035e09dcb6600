// `alongside serve`'s outbox flags (docs/notifications.md): a bad value is a
// usage error naming the flag, caught before the database is opened.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/test_support.h"

namespace alongside::cli {
namespace {

using testing::RunAlongside;

struct BadFlags {
  const char* id;
  std::vector<std::string> flags;
  std::string message;
};

TEST(ServeOutboxFlagsTest, BadValuesAreUsageErrorsNamingTheFlag) {
  testing::TempDir dir;
  const std::string readable = dir.File("readable.secret");
  std::ofstream(readable) << "secret\n";
  chmod(readable.c_str(), 0644);
  const std::string hook = "--webhook-url=http://127.0.0.1:9/hook";
  const std::vector<BadFlags> cases = {
      {"smtp-url-scheme", {"--smtp-url", "http://mail.example.org"},
       "--smtp-url: must start with smtp:// or smtps://"},
      {"smtp-from-missing", {"--smtp-url", "smtp://127.0.0.1:2525", "--smtp-to", "a@example.org"},
       "--smtp-from: is needed with --smtp-url"},
      {"smtp-to-missing", {"--smtp-url", "smtp://127.0.0.1:2525", "--smtp-from", "a@example.org"},
       "--smtp-to: is needed with --smtp-url"},
      {"smtp-to-not-an-address",
       {"--smtp-url", "smtps://127.0.0.1", "--smtp-from", "a@example.org", "--smtp-to",
        "b@example.org,lead"},
       "--smtp-to: 'lead' is not an address"},
      {"smtp-from-header-break",
       {"--smtp-url", "smtp://127.0.0.1", "--smtp-from", "a@example.org>\r\nBcc: x@y",
        "--smtp-to", "b@example.org"},
       "--smtp-from:"},
      {"smtp-to-without-url", {"--smtp-to", "b@example.org"}, "--smtp-to: needs --smtp-url"},
      {"webhook-url-scheme", {"--webhook-url", "ftp://hooks.example.org"},
       "--webhook-url: must start with http:// or https://"},
      {"secret-world-readable", {hook, "--webhook-secret-file", readable},
       "--webhook-secret-file: " + readable + " is readable by every user"},
      {"secret-missing", {hook, "--webhook-secret-file", dir.File("absent")},
       "--webhook-secret-file:"},
      {"secret-without-url", {"--webhook-secret-file", readable},
       "--webhook-secret-file: needs --webhook-url"},
      {"poll-range", {"--outbox-poll-ms", "0"}, "--outbox-poll-ms"},
      {"retry-order", {"--outbox-first-retry-s", "600", "--outbox-max-retry-s", "60"},
       "--outbox-first-retry-s: must not be more than --outbox-max-retry-s"},
  };
  for (const BadFlags& bad : cases) {
    std::vector<std::string> args = {"serve", "--db", dir.File("never-opened.db")};
    args.insert(args.end(), bad.flags.begin(), bad.flags.end());
    testing::CommandResult result = RunAlongside(args);
    EXPECT_EQ(result.exit_code, 2) << bad.id << ": " << result.err;
    EXPECT_NE(result.err.find(bad.message), std::string::npos) << bad.id << ": " << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.File("never-opened.db")));
}

// Good flags pass (a comma list of recipients, a private secret file with
// its newline): serve gets as far as the database, which does not exist.
TEST(ServeOutboxFlagsTest, GoodValuesPassToOpeningTheDatabase) {
  testing::TempDir dir;
  const std::string secret = dir.File("webhook.secret");
  std::ofstream(secret) << "s3cret\n";
  chmod(secret.c_str(), 0600);
  testing::CommandResult result = RunAlongside(
      {"serve", "--db", dir.File("absent.db"), "--smtp-url", "smtp://127.0.0.1:2525",
       "--smtp-from", "alongside@example.org", "--smtp-to", "a@example.org,b@example.org",
       "--smtp-to", "c@example.org", "--webhook-url", "https://hooks.example.org/a",
       "--webhook-secret-file", secret, "--outbox-poll-ms", "500"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err.find("--smtp"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("--webhook"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace alongside::cli
