#include "evaluation/csv_columns.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace alongside::evaluation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kUnwanted = -1;

// One cell of a record: its text (between the quotes when quoted, with ""
// left doubled), whether it is trimmed before its rule checks it (quoted
// cells and those holding a space are), and the number of line breaks in
// the record before it.
struct Cell {
  std::string_view text;
  bool quoted = false;
  bool trimmed = false;
  std::size_t line_offset = 0;
};

// A cell as shown in a message: cut to 40 bytes, line breaks made visible.
std::string Shown(std::string_view cell) {
  constexpr std::size_t kMaxShown = 40;
  const bool cut = cell.size() > kMaxShown;
  if (cut) cell = cell.substr(0, kMaxShown);
  std::string shown;
  shown.reserve(cell.size() + 3);
  for (char c : cell) {
    if (c == '\n') {
      shown += "\\n";
    } else if (c == '\r') {
      shown += "\\r";
    } else {
      shown += c;
    }
  }
  if (cut) shown += "...";
  return shown;
}

Status CellError(std::string_view source, std::size_t line, std::size_t column,
                 std::string_view field, std::string_view requirement, std::string_view cell) {
  return Status::InvalidArgument(
      std::string(field),
      fmt::format("{}:{}:{}: {}: {}, got \"{}\"", source, line, column, field, requirement,
                  Shown(cell)));
}

// The position of the '\n' ending the line that holds text[pos], or the end.
std::size_t LineEnd(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return text.size();
  const void* found = std::memchr(text.data() + pos, '\n', text.size() - pos);
  return found == nullptr ? text.size() : static_cast<const char*>(found) - text.data();
}

// A quoted cell never closed, or whose closing quote is followed by
// something other than a comma or the line end.
struct BadQuote {
  std::size_t column = 0;       // 1-based
  std::size_t line_breaks = 0;  // in the record before the cell
  bool closed = false;
  std::size_t closing_line_breaks = 0;  // in the record before the closing quote
};

// "(...)" saying what is wrong with `bad`, in a record starting on `line`.
std::string ExplainBadQuote(const BadQuote& bad, std::size_t line) {
  if (!bad.closed) return "(no closing quote before the end of the file)";
  return fmt::format("(text after the closing quote on line {})", line + bad.closing_line_breaks);
}

// Splits the record starting at text[*pos] into cells and moves *pos past
// its line end. A quoted cell runs to its closing quote, across commas and
// line breaks; *line_breaks gets the number of line breaks inside the
// record. Returns false, filling *bad, on a bad quote.
bool SplitRecord(std::string_view text, std::size_t* pos, std::vector<Cell>* cells,
                 std::size_t* line_breaks, BadQuote* bad) {
  cells->clear();
  std::size_t breaks = 0;
  std::size_t cell_start = *pos;
  std::size_t line_end = LineEnd(text, cell_start);
  while (true) {
    if (cell_start < text.size() && text[cell_start] == '"') {
      std::size_t close = cell_start + 1;
      while (true) {
        close = text.find('"', close);
        if (close == std::string_view::npos) {
          *bad = {cells->size() + 1, breaks, false, 0};
          return false;
        }
        if (close + 1 < text.size() && text[close + 1] == '"') {
          close += 2;
          continue;
        }
        break;
      }
      const std::string_view cell = text.substr(cell_start + 1, close - cell_start - 1);
      cells->push_back({cell, true, true, breaks});
      const std::size_t breaks_before = breaks;
      if (close > line_end) {  // the cell holds line breaks: the record goes on
        breaks += static_cast<std::size_t>(std::count(cell.begin(), cell.end(), '\n'));
        line_end = LineEnd(text, close + 1);
      }
      std::size_t after = close + 1;
      if (after < text.size() && text[after] == ',') {
        cell_start = after + 1;
        continue;
      }
      if (after < line_end && text[after] == '\r') ++after;
      if (after != line_end) {
        *bad = {cells->size(), breaks_before, true, breaks};
        return false;
      }
      break;
    }
    // Cells are short: a byte loop beats a memchr call for the comma, and
    // notes a space on the way.
    const char* first = text.data() + cell_start;
    const char* line_last = text.data() + line_end;
    const char* last = first;
    bool space = false;
    for (; last != line_last && *last != ','; ++last) space |= *last == ' ';
    std::string_view cell(first, static_cast<std::size_t>(last - first));
    if (last != line_last) {
      cells->push_back({cell, false, space, breaks});
      cell_start += cell.size() + 1;
      continue;
    }
    if (!cell.empty() && cell.back() == '\r') cell.remove_suffix(1);
    cells->push_back({cell, false, space, breaks});
    break;
  }
  *pos = std::min(line_end + 1, text.size());
  *line_breaks = breaks;
  return true;
}

// The number of lines in `text`, the last one counted whether or not it ends
// with a line break.
std::size_t CountLines(std::string_view text) {
  std::size_t lines = 0;
  for (std::size_t pos = 0; pos < text.size(); pos = LineEnd(text, pos) + 1) ++lines;
  return lines;
}

// True when the line at text[pos] is empty (LF or CRLF).
bool BlankLine(std::string_view text, std::size_t pos) {
  if (text[pos] == '\n') return true;
  return text[pos] == '\r' && (pos + 1 == text.size() || text[pos + 1] == '\n');
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The text a rule checks.
std::string_view CheckedText(const Cell& cell) {
  return cell.trimmed ? Trim(cell.text) : cell.text;
}

// Clinger's fast path, as in fast_float: a decimal of at most 15 digits and
// no exponent is an exact integer over an exact power of ten, so one
// division gives the correctly rounded double, the same as std::from_chars.
// False (nothing parsed) for any other text, which std::from_chars then reads.
bool ParseShortDecimal(const char* first, const char* last, double* out) {
  static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  constexpr int kMaxDigits = 15;  // 10^15 < 2^53: the integer is exact in a double
  const bool negative = first != last && *first == '-';
  if (negative) ++first;
  std::uint64_t digits = 0;
  int count = 0;
  const char* pos = first;
  for (; pos != last && static_cast<unsigned char>(*pos - '0') < 10; ++pos, ++count) {
    digits = digits * 10 + static_cast<unsigned>(*pos - '0');
  }
  if (count == 0) return false;
  int fraction_digits = 0;
  if (pos != last && *pos == '.') {
    for (++pos; pos != last && static_cast<unsigned char>(*pos - '0') < 10;
         ++pos, ++fraction_digits) {
      digits = digits * 10 + static_cast<unsigned>(*pos - '0');
    }
    if (fraction_digits == 0) return false;
  }
  if (pos != last || count + fraction_digits > kMaxDigits) return false;
  const double value = static_cast<double>(digits) / kPowersOfTen[fraction_digits];
  *out = negative ? -value : value;
  return true;
}

// A whole number of at most 18 digits (no overflow in 64 bits), read by
// hand; false (nothing parsed) for any other text, which std::from_chars
// then reads. Reads what std::from_chars would, to the same value.
bool ParseShortInteger(const char* first, const char* last, double* out) {
  constexpr std::ptrdiff_t kMaxDigits = 18;  // 10^18 < 2^63
  const bool negative = first != last && *first == '-';
  if (negative) ++first;
  if (first == last || last - first > kMaxDigits) return false;
  std::int64_t whole = 0;
  for (const char* pos = first; pos != last; ++pos) {
    const auto digit = static_cast<unsigned char>(*pos - '0');
    if (digit >= 10) return false;
    whole = whole * 10 + digit;
  }
  *out = static_cast<double>(negative ? -whole : whole);
  return true;
}

// Parses a numeric cell; false when it is not a number of the rule's kind.
bool ParseNumberCell(std::string_view cell, CellKind kind, double* out) {
  const char* first = cell.data();
  const char* last = first + cell.size();
  if (first != last && *first == '+') ++first;
  if (first == last) return false;
  if (kind == CellKind::kInteger) {
    if (ParseShortInteger(first, last, out)) return true;
    long long whole = 0;
    auto [ptr, ec] = std::from_chars(first, last, whole);
    if (ec != std::errc() || ptr != last) return false;
    *out = static_cast<double>(whole);
    return true;
  }
  if (ParseShortDecimal(first, last, out)) return true;
  double number = 0;
  auto [ptr, ec] = std::from_chars(first, last, number);
  if (ec != std::errc() || ptr != last || !std::isfinite(number)) return false;
  *out = number;
  return true;
}

// The text of a quoted cell with each "" read as one ".
std::string Unquote(std::string_view text) {
  std::string unquoted;
  unquoted.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    unquoted += text[pos];
    if (text[pos] == '"' && pos + 1 < text.size() && text[pos + 1] == '"') ++pos;
  }
  return unquoted;
}

// Finds repeated ids in a `unique` column. Looking each id up in a hash
// table the size of the file costs a cache and TLB miss per row (measured:
// the parse of 1,000,000 rows 40% slower), so ids are only filed as the rows
// are read, each in one of 256 lists picked by the top bits of its hash
// (sequential writes of 16 bytes: where the id is in the file buffer, its
// length and 32 more bits of its hash). FirstRepeat() then checks each list,
// small enough for the cache, with a table of its own.
class RepeatFinder {
 public:
  static constexpr std::size_t kMaxIdBytes = 0xffffffff;

  struct Repeat {
    std::string_view id;  // the repeat, as written in its cell
    const char* first;    // where the id's first row has it
  };

  explicit RepeatFinder(std::size_t expected) {
    for (std::vector<Entry>& list : lists_)
      list.reserve(expected / kLists + expected / (4 * kLists));
  }

  // Files the id in `cell` (its checked text, in the file buffer, at most
  // kMaxIdBytes long); in a `quoted` cell "" stands for one ".
  void Add(std::string_view cell, bool quoted) {
    const bool unquote = quoted && cell.find("\"\"") != std::string_view::npos;
    const std::uint64_t hash = unquote ? std::hash<std::string_view>{}(Unquote(cell))
                                       : std::hash<std::string_view>{}(cell);
    // The tag's low bit says whether the id needs unquoting.
    const auto tag = static_cast<std::uint32_t>((hash & ~std::uint64_t{1}) | (unquote ? 1 : 0));
    lists_[hash >> (64 - kListBits)].push_back(
        {cell.data(), static_cast<std::uint32_t>(cell.size()), tag});
  }

  // The repeat found first, reading the file in order, if any.
  std::optional<Repeat> FirstRepeat() const {
    std::size_t max_list = 0;
    for (const std::vector<Entry>& list : lists_) max_list = std::max(max_list, list.size());
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(2 * max_list, 16));
    const std::size_t mask = capacity - 1;
    const int shift = 32 - std::countr_zero(capacity);
    std::vector<std::uint32_t> table(capacity);  // index + 1 in the list, 0 = free
    const Entry* first_repeat = nullptr;
    const Entry* first_of_it = nullptr;
    for (const std::vector<Entry>& list : lists_) {
      std::fill(table.begin(), table.end(), 0);
      // A list is in file order: its first repeat is its earliest.
      for (std::size_t entry_idx = 0; entry_idx < list.size(); ++entry_idx) {
        const Entry& entry = list[entry_idx];
        if (first_repeat != nullptr && entry.data > first_repeat->data) break;
        std::size_t slot_idx = (entry.tag >> shift) & mask;
        while (table[slot_idx] != 0 && !SameId(list[table[slot_idx] - 1], entry)) {
          slot_idx = (slot_idx + 1) & mask;
        }
        if (table[slot_idx] == 0) {
          table[slot_idx] = static_cast<std::uint32_t>(entry_idx + 1);
          continue;
        }
        first_repeat = &entry;
        first_of_it = &list[table[slot_idx] - 1];
        break;
      }
    }
    if (first_repeat == nullptr) return std::nullopt;
    return Repeat{std::string_view(first_repeat->data, first_repeat->size), first_of_it->data};
  }

 private:
  static constexpr int kListBits = 8;
  static constexpr std::size_t kLists = std::size_t{1} << kListBits;

  struct Entry {
    const char* data;
    std::uint32_t size;
    std::uint32_t tag;
  };

  static bool SameId(const Entry& a, const Entry& b) {
    if ((a.tag ^ b.tag) >> 1 != 0) return false;
    const std::string_view a_text(a.data, a.size);
    const std::string_view b_text(b.data, b.size);
    if (((a.tag | b.tag) & 1) == 0) return a_text == b_text;
    return ((a.tag & 1) != 0 ? Unquote(a_text) : std::string(a_text)) ==
           ((b.tag & 1) != 0 ? Unquote(b_text) : std::string(b_text));
  }

  std::array<std::vector<Entry>, kLists> lists_;
};

// The check of a `unique` rule.
struct UniqueCheck {
  std::size_t rule_idx = 0;
  std::size_t column = 0;  // 1-based, in the header
  std::unique_ptr<RepeatFinder> ids;
};

// The first row of each group of a `same_within` rule, and what it holds.
struct SameWithinCheck {
  std::size_t rule_idx = 0;
  std::size_t group_rule_idx = 0;
  struct First {
    double value = 0;
    std::string_view text;
    std::size_t line = 0;
  };
  std::unordered_map<double, First> first_of_group;
  // The group of the previous row: rows of a group usually come together.
  double last_group = std::numeric_limits<double>::quiet_NaN();
  const First* last_first = nullptr;
};

// The rules' `unique` and `same_within` checks; a logic_error when a rule
// asks for one that cannot apply.
void PlanChecks(std::span<const ColumnRule> rules, std::vector<UniqueCheck>* unique,
                std::vector<SameWithinCheck>* same_within) {
  for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
    const ColumnRule& rule = rules[rule_idx];
    if (rule.unique) {
      if (rule.kind != CellKind::kText) {
        throw std::logic_error(
            fmt::format("column rule {}: unique is for text columns", rule.name));
      }
      unique->push_back({});
      unique->back().rule_idx = rule_idx;
    }
    if (rule.same_within.empty()) continue;
    auto group = std::find_if(rules.begin(), rules.end(), [&](const ColumnRule& other) {
      return other.name == rule.same_within;
    });
    if (rule.kind == CellKind::kText || group == rules.end() || group->kind == CellKind::kText) {
      throw std::logic_error(
          fmt::format("column rule {}: same_within {} must name another numeric rule", rule.name,
                      rule.same_within));
    }
    same_within->push_back({rule_idx, static_cast<std::size_t>(group - rules.begin()), {}});
  }
}

}  // namespace

Result<CsvColumns> ParseCsvColumns(std::string_view text, std::string_view source,
                                   std::span<const ColumnRule> rules) {
  std::vector<UniqueCheck> unique;
  std::vector<SameWithinCheck> same_within;
  PlanChecks(rules, &unique, &same_within);

  // Strip a UTF-8 byte order mark, which spreadsheet exports often add.
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.empty()) {
    return Status::InvalidArgument("header", fmt::format("{}:1:1: header: the file is empty", source));
  }

  std::vector<Cell> cells;
  BadQuote bad_quote;
  std::size_t line_breaks = 0;
  std::size_t pos = 0;
  if (!SplitRecord(text, &pos, &cells, &line_breaks, &bad_quote)) {
    return Status::InvalidArgument(
        "header",
        fmt::format("{}:{}:{}: header: unbalanced quote in the header {}", source,
                    1 + bad_quote.line_breaks, bad_quote.column, ExplainBadQuote(bad_quote, 1)));
  }
  const std::size_t header_cells = cells.size();
  std::vector<int> rule_of_column(header_cells, kUnwanted);
  std::vector<std::size_t> column_of_rule(rules.size(), 0);
  for (std::size_t column_idx = 0; column_idx < header_cells; ++column_idx) {
    std::string_view name = Trim(cells[column_idx].text);
    for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
      if (rules[rule_idx].name != name) continue;
      if (column_of_rule[rule_idx] != 0) {
        return Status::InvalidArgument(
            std::string(name),
            fmt::format("{}:{}:{}: {}: column named twice in the header (first at column {})",
                        source, 1 + cells[column_idx].line_offset, column_idx + 1, name,
                        column_of_rule[rule_idx]));
      }
      column_of_rule[rule_idx] = column_idx + 1;
      rule_of_column[column_idx] = static_cast<int>(rule_idx);
    }
  }
  for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
    if (column_of_rule[rule_idx] == 0) {
      return Status::InvalidArgument(
          std::string(rules[rule_idx].name),
          fmt::format("{}:1:{}: {}: required column is missing from the header", source,
                      header_cells + 1, rules[rule_idx].name));
    }
  }

  CsvColumns out;
  out.values.resize(rules.size());
  out.missing.assign(rules.size(), 0);
  // There are at most as many rows as lines, and as bytes over the cells of
  // a row: reserving that much (a quick count) saves growing and copying
  // every column.
  const std::string_view data = text.substr(pos);
  const std::size_t max_rows = std::min(CountLines(data), data.size() / header_cells + 1);
  for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
    if (rules[rule_idx].kind != CellKind::kText) out.values[rule_idx].reserve(max_rows);
  }
  for (UniqueCheck& check : unique) {
    check.column = column_of_rule[check.rule_idx];
    check.ids = std::make_unique<RepeatFinder>(max_rows);
  }
  std::vector<RepeatFinder*> ids_of_rule(rules.size(), nullptr);
  for (UniqueCheck& check : unique) ids_of_rule[check.rule_idx] = check.ids.get();
  auto line_of = [&](const char* in_text) {
    return 1 + static_cast<std::size_t>(std::count(text.data(), in_text, '\n'));
  };

  // Repeated ids are looked for only at the end, or when another problem
  // stops the parse: an id repeated on an earlier line (or in an earlier
  // cell) is the first problem then.
  auto first_repeat = [&]() -> Status {
    std::optional<RepeatFinder::Repeat> earliest;
    const UniqueCheck* earliest_check = nullptr;
    for (const UniqueCheck& check : unique) {
      std::optional<RepeatFinder::Repeat> repeat = check.ids->FirstRepeat();
      if (!repeat || (earliest && earliest->id.data() < repeat->id.data())) continue;
      earliest = repeat;
      earliest_check = &check;
    }
    if (!earliest) return Status::Ok();
    const std::string_view name = rules[earliest_check->rule_idx].name;
    return Status::InvalidArgument(
        std::string(name), fmt::format("{}:{}:{}: {}: must be unique, got \"{}\" (also on line {})",
                                       source, line_of(earliest->id.data()), earliest_check->column,
                                       name, Shown(earliest->id), line_of(earliest->first)));
  };
  auto refuse = [&](Status problem) -> Status {
    Status repeat = first_repeat();
    return repeat.ok() ? problem : repeat;
  };

  std::size_t line_number = 1 + line_breaks;  // the last line of the header
  std::size_t blank_run_start = 0;            // first of a run of blank lines, 0 if none
  while (pos < text.size()) {
    ++line_number;
    if (BlankLine(text, pos)) {
      if (blank_run_start == 0) blank_run_start = line_number;
      pos = LineEnd(text, pos) + 1;
      continue;
    }
    if (blank_run_start != 0) {
      return refuse(Status::InvalidArgument(
          "row", fmt::format("{}:{}:1: row: blank line inside the data", source, blank_run_start)));
    }
    const std::size_t record_line = line_number;
    if (!SplitRecord(text, &pos, &cells, &line_breaks, &bad_quote)) {
      return refuse(Status::InvalidArgument(
          "row", fmt::format("{}:{}:{}: row: unbalanced quote {}", source,
                             record_line + bad_quote.line_breaks, bad_quote.column,
                             ExplainBadQuote(bad_quote, record_line))));
    }
    line_number += line_breaks;
    if (cells.size() != header_cells) {
      std::size_t column = std::min(cells.size(), header_cells) + 1;
      return refuse(Status::InvalidArgument(
          "row", fmt::format("{}:{}:{}: row: expected {} cells as in the header, got {}", source,
                             record_line, column, header_cells, cells.size())));
    }
    for (std::size_t column_idx = 0; column_idx < header_cells; ++column_idx) {
      const int rule_idx = rule_of_column[column_idx];
      if (rule_idx == kUnwanted) continue;
      const ColumnRule& rule = rules[rule_idx];
      const std::string_view cell = CheckedText(cells[column_idx]);
      const std::size_t cell_line = record_line + cells[column_idx].line_offset;
      if (rule.kind == CellKind::kText) {
        if (cell.empty()) {
          return refuse(
              CellError(source, cell_line, column_idx + 1, rule.name, rule.requirement, cell));
        }
        RepeatFinder* ids = ids_of_rule[rule_idx];
        if (ids == nullptr) continue;
        if (cell.size() > RepeatFinder::kMaxIdBytes) {
          return refuse(CellError(source, cell_line, column_idx + 1, rule.name,
                                  "must be shorter than 4 GiB", cell));
        }
        ids->Add(cell, cells[column_idx].quoted);
        continue;
      }
      if (cell.empty() || cell == "NA") {
        if (!rule.allow_empty) {
          return refuse(
              CellError(source, cell_line, column_idx + 1, rule.name, rule.requirement, cell));
        }
        out.values[rule_idx].push_back(kNaN);
        ++out.missing[rule_idx];
        continue;
      }
      double value = 0;
      if (!ParseNumberCell(cell, rule.kind, &value) || value < rule.min || value > rule.max) {
        return refuse(
            CellError(source, cell_line, column_idx + 1, rule.name, rule.requirement, cell));
      }
      out.values[rule_idx].push_back(value);
    }
    for (SameWithinCheck& check : same_within) {
      const double value = out.values[check.rule_idx].back();
      const double group = out.values[check.group_rule_idx].back();
      if (std::isnan(value) || std::isnan(group)) continue;
      if (group == check.last_group && check.last_first->value == value) continue;
      const std::size_t column = column_of_rule[check.rule_idx];
      const std::string_view cell = CheckedText(cells[column - 1]);
      const std::size_t cell_line = record_line + cells[column - 1].line_offset;
      auto [found, inserted] =
          check.first_of_group.try_emplace(group, SameWithinCheck::First{value, cell, cell_line});
      const SameWithinCheck::First& first = found->second;
      check.last_group = group;
      check.last_first = &first;
      if (inserted || first.value == value) continue;
      const ColumnRule& rule = rules[check.rule_idx];
      const std::string_view group_cell =
          CheckedText(cells[column_of_rule[check.group_rule_idx] - 1]);
      return refuse(Status::InvalidArgument(
          std::string(rule.name),
          fmt::format("{}:{}:{}: {}: {} {} (line {} has {}), got \"{}\"", source, cell_line, column,
                      rule.name, rule.same_requirement, Shown(group_cell), first.line,
                      Shown(first.text), Shown(cell))));
    }
    ++out.rows;
  }
  if (Status repeat = first_repeat(); !repeat.ok()) return repeat;
  if (out.rows == 0) {
    return Status::InvalidArgument(
        "row", fmt::format("{}:2:1: row: the file has a header but no data rows", source));
  }
  return out;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return Status::NotFound(fmt::format("{}: cannot open the file", path));
  std::string content;
  if (std::fseek(file.get(), 0, SEEK_END) != 0) return Status::Internal(fmt::format("{}: cannot seek", path));
  const long size = std::ftell(file.get());
  if (size < 0) return Status::Internal(fmt::format("{}: cannot tell the size", path));
  std::fseek(file.get(), 0, SEEK_SET);
  content.resize(static_cast<std::size_t>(size));
  const std::size_t got = std::fread(content.data(), 1, content.size(), file.get());
  if (got != content.size() || std::ferror(file.get())) {
    return Status::Internal(fmt::format("{}: read error", path));
  }
  return content;
}

}  // namespace alongside::evaluation
