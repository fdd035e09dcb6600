// alongside user add --db FILE --username U --role ROLE (--staff ID | --person ID)
// creates a sign-in; the password is read from standard input.
#include <cstdio>
#include <iostream>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "server/api_docs.h"
#include "server/auth.h"
#include "store/open.h"

namespace alongside::cli {

void AddUserCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::string path, username, role;
    std::int64_t staff_id = 0, person_id = 0;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* user = app.add_subcommand("user", "Manage sign-ins");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand(
      "add", "Create a sign-in; reads the password (8+ characters) from standard input");
  add->add_option("--db", flags->path, "Database: a SQLite file, or a postgresql:// URL")->required();
  add->add_option("--username", flags->username, "Username (a-z, 0-9, . _ -)")->required();
  add->add_option("--role", flags->role,
                  "The staff member's role, or person_served for a person's own sign-in")
      ->required();
  auto* staff = add->add_option("--staff", flags->staff_id, "Staff id (for staff roles)");
  auto* person = add->add_option("--person", flags->person_id, "Person id (for person_served)");
  staff->excludes(person);
  add->callback([flags, exit_code] {
    store::Account account;
    account.username = flags->username;
    Status checked = Status::Ok();
    if (flags->role == "person_served") {
      account.kind = store::AccountKind::kPerson;
      if (flags->person_id <= 0) checked = Status::InvalidArgument("--person", "is required");
      account.person_id = flags->person_id;
    } else {
      Result<domain::Role> role = domain::ParseRole(flags->role, "--role");
      if (!role.ok()) {
        checked = Status::InvalidArgument(
            "--role", role.status().detail() + " or person_served");
      } else if (flags->staff_id <= 0) {
        checked = Status::InvalidArgument("--staff", "is required for a staff role");
      }
      account.kind = store::AccountKind::kStaff;
      if (role.ok()) account.role = *role;
      account.staff_id = flags->staff_id;
    }
    if (!checked.ok()) {
      *exit_code = ReportFailure("user add", checked);
      return;
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    Result<std::string> hash = server::HashPassword(password, server::AuthOptions{});
    if (!hash.ok()) {
      *exit_code = ReportFailure("user add", hash.status());
      return;
    }
    account.password_hash = *hash;
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenStore(flags->path, store::OpenMode::kOpenExisting);
    if (!opened.ok()) {
      *exit_code = ReportFailure("user add", opened.status());
      return;
    }
    Result<store::Id> id = (*opened)->AddAccount(account, {"cli:user-add", "local"});
    if (!id.ok()) {
      *exit_code = ReportFailure("user add", id.status());
      return;
    }
    std::printf("created sign-in %s\n", flags->username.c_str());
  });
}

void AddApiDocsCommand(CLI::App& app, int* exit_code) {
  app.add_subcommand("api-docs", "Print the API reference (docs/api.md) from the route table")
      ->callback([] { std::fputs(server::ApiReferenceMarkdown().c_str(), stdout); });
}

}  // namespace alongside::cli
