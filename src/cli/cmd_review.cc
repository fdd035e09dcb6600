// alongside review [--data-dir DIR]: the note language review, without the
// server. Reads note text from standard input, one passage per line, and
// writes one JSON object per line:
//   {"line":N,"flags":[{"rule":"ID","category":"...","start":S,"end":E,"suggestion":"..."}]}
// N counts from 1; S and E are byte offsets into the line (a trailing CR of a
// CRLF line break is not part of it). Exits 0 whatever it finds; 2 when a
// data file (the program's own language.json in --data-dir, or any other
// there) is malformed. See docs/language-review.md.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "domain/language_review.h"
#include "rules/rules.h"

namespace alongside::cli {
namespace {

std::string FlagsLine(size_t line_number, const std::vector<domain::LanguageFlag>& flags) {
  // ordered_json keeps the documented key order.
  nlohmann::ordered_json out;
  out["line"] = line_number;
  out["flags"] = domain::FlagsJson(flags);
  return out.dump();
}

int Review(const std::string& data_dir) {
  Result<rules::Rules> loaded =
      rules::Rules::Load(data_dir.empty() ? std::nullopt : std::optional<std::string>(data_dir));
  if (!loaded.ok()) return ReportFailure("review", loaded.status());
  const domain::LanguageReview& review = loaded->language_review();

  std::ios::sync_with_stdio(false);
  std::string line;
  size_t line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > domain::kMaxReviewBytes) {
      std::fprintf(stderr, "alongside review: line %zu: only the first %zu bytes were reviewed\n",
                   line_number, domain::kMaxReviewBytes);
    }
    std::cout << FlagsLine(line_number, review.Review(line)) << '\n';
  }
  std::cout.flush();
  if (!std::cout) {
    std::fprintf(stderr, "alongside review: could not write to standard output\n");
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void AddReviewCommand(CLI::App& app, int* exit_code) {
  auto data_dir = std::make_shared<std::string>();
  CLI::App* review = app.add_subcommand(
      "review",
      "Review note text for person-first language: one passage per line on standard input, one "
      "JSON object per line on standard output");
  review->add_option("--data-dir", *data_dir,
                     "A directory with the program's own data files (its language.json); the "
                     "built-in rules otherwise");
  review->callback([data_dir, exit_code] { *exit_code = Review(*data_dir); });
}

}  // namespace alongside::cli
