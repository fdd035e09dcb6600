// alongside fidelity --db DB [--from DAY] [--to DAY] [--by worker|team|program]:
// F, R and P computed from recorded practice (docs/fidelity.md), as CSV on
// stdout, one row per unit. The columns' names are a contract: evaluators
// script against them.
#include <cstdio>
#include <string>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "rules/rules.h"
#include "store/open.h"
#include "usecase/fidelity.h"

namespace alongside::cli {
namespace {

struct FidelityFlags {
  std::string db;
  std::string from;
  std::string to;
  std::string by = "worker";
  std::string data_dir;
};

std::string Number(const std::optional<double>& value) {
  if (!value) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", *value);
  return text;
}

// A CSV field: quoted when it holds a comma, quote or line break.
std::string Field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void PrintCsv(const usecase::FidelityReport& report) {
  std::string header = "unit,id,name,from,to,workers,F,R,P";
  for (domain::FidelityComponent component : domain::kAllFidelityComponents) {
    const std::string name(domain::Name(component));
    header += "," + name + "_numerator," + name + "_denominator";
  }
  for (domain::FidelityMeasure measure : domain::kAllFidelityMeasures) {
    const std::string name(domain::Name(measure));
    header += "," + name + "_threshold," + name + "_met";
  }
  std::printf("%s\n", header.c_str());
  for (const usecase::FidelityRow& row : report.rows) {
    std::string line = std::string(usecase::Name(row.unit)) + "," + std::to_string(row.id) + "," +
                       Field(row.name) + "," + FormatDay(report.from) + "," +
                       FormatDay(report.to) + "," + std::to_string(row.workers);
    for (domain::FidelityMeasure measure : domain::kAllFidelityMeasures) {
      line += "," + Number(row.scores[measure].value);
    }
    for (domain::FidelityComponent component : domain::kAllFidelityComponents) {
      line += "," + std::to_string(row.counts[component].numerator) + "," +
              std::to_string(row.counts[component].denominator);
    }
    for (domain::FidelityMeasure measure : domain::kAllFidelityMeasures) {
      line += "," + Number(row.scores[measure].threshold) + "," +
              (row.scores[measure].met ? "true" : "false");
    }
    std::printf("%s\n", line.c_str());
  }
}

int Run(const FidelityFlags& flags) {
  const char* const command = "fidelity";
  Result<rules::Rules> loaded = rules::Rules::Load(
      flags.data_dir.empty() ? std::nullopt : std::optional<std::string>(flags.data_dir));
  if (!loaded.ok()) return ReportFailure(command, loaded.status());
  rules::Install(std::move(loaded).value());
  usecase::FidelityRequest request;
  Result<usecase::FidelityUnit> by = usecase::ParseFidelityUnit(flags.by, "--by");
  if (!by.ok()) return ReportFailure(command, by.status());
  request.by = *by;
  if (!flags.from.empty()) {
    Result<Day> from = ParseDay(flags.from, "--from");
    if (!from.ok()) return ReportFailure(command, from.status());
    request.from = *from;
  }
  if (!flags.to.empty()) {
    Result<Day> to = ParseDay(flags.to, "--to");
    if (!to.ok()) return ReportFailure(command, to.status());
    request.to = *to;
  }
  Result<std::unique_ptr<store::Store>> opened =
      store::OpenStore(flags.db, store::OpenMode::kOpenExisting);
  if (!opened.ok()) return ReportFailure(command, opened.status());
  store::Store& store = **opened;
  // The program's days are its time zone's (the machine's when never set).
  Result<store::ProgramSettings> settings = store.GetProgramSettings();
  if (!settings.ok()) return ReportFailure(command, settings.status());
  Result<TimeZone> zone = ProgramZoneFlag(settings->time_zone);
  if (!zone.ok()) return ReportFailure(command, zone.status());
  Result<usecase::FidelityReport> report =
      usecase::FidelityForOperator(store, request, NowUtc(), *zone);
  if (!report.ok()) return ReportFailure(command, report.status());
  PrintCsv(*report);
  return kExitOk;
}

}  // namespace

void AddFidelityCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<FidelityFlags>();
  CLI::App* fidelity = app.add_subcommand(
      "fidelity",
      "Print role fidelity F, risk oversight R and reflective practice P per worker, team or "
      "the program, computed from recorded practice, as CSV (docs/fidelity.md)");
  fidelity->add_option("--db", flags->db, "Database: a SQLite file, or a postgresql:// URL")
      ->required();
  fidelity->add_option("--from", flags->from,
                       "First day, YYYY-MM-DD (default: a year before --to, plus a day)");
  fidelity->add_option("--to", flags->to, "Last day, YYYY-MM-DD, included (default: today)");
  fidelity->add_option("--by", flags->by, "One row per worker, team or program")
      ->capture_default_str();
  fidelity->add_option("--data-dir", flags->data_dir,
                       "A directory with the program's own data files (fidelity.json, "
                       "practice.json, ...), as for serve");
  fidelity->callback([flags, exit_code] { *exit_code = Run(*flags); });
}

}  // namespace alongside::cli
