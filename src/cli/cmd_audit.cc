// alongside audit verify --db FILE: walk the audit log's hash chain.
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/open.h"

namespace alongside::cli {

void AddAuditCommand(CLI::App& app, int* exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* audit = app.add_subcommand("audit", "Work with the audit log");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check that no audit row was altered, deleted or reordered (exit 3 if one was)");
  verify->add_option("--db", *path, "Database: a SQLite file, or a postgresql:// URL")->required();
  verify->callback([path, exit_code] {
    Result<std::unique_ptr<store::Store>> opened =
        store::OpenStore(*path, store::OpenMode::kOpenExisting);
    if (!opened.ok()) {
      *exit_code = ReportFailure("audit verify", opened.status());
      return;
    }
    Result<store::AuditVerification> verified = (*opened)->VerifyAudit();
    if (!verified.ok()) {
      *exit_code = ReportFailure("audit verify", verified.status());
      return;
    }
    if (verified->intact) {
      std::printf("audit log intact: %lld rows checked\n",
                  static_cast<long long>(verified->rows_checked));
      return;
    }
    std::printf("audit log BROKEN at row %lld: %s\n",
                static_cast<long long>(verified->first_bad_seq.value_or(0)),
                verified->problem.c_str());
    *exit_code = kExitVerify;
  });
}

}  // namespace alongside::cli
