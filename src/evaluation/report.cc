#include "evaluation/report.h"

#include <cmath>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "evaluation/svg.h"

namespace alongside::embedded {
extern const std::string_view templates_report_mustache;
}  // namespace alongside::embedded

namespace alongside::evaluation {
namespace {

namespace mustache = kainjow::mustache;

mustache::object TableContext(const ReportTable& table) {
  mustache::list header;
  for (const std::string& cell : table.header) header.push_back(mustache::object{{"cell", cell}});
  mustache::list rows;
  for (const std::vector<std::string>& row : table.rows) {
    mustache::list cells;
    bool first = true;
    for (const std::string& cell : row) {
      cells.push_back(mustache::object{{"cell", cell}, {"first", mustache::data(first)}});
      first = false;
    }
    rows.push_back(mustache::object{{"cells", cells}});
  }
  return mustache::object{{"caption", table.caption}, {"header", header}, {"rows", rows}};
}

mustache::list Strings(const std::vector<std::string>& texts) {
  mustache::list out;
  for (const std::string& text : texts) out.push_back(mustache::object{{"text", text}});
  return out;
}

}  // namespace

std::string FormatNumber(double value, int decimals, const std::string& missing) {
  if (!std::isfinite(value)) return missing;
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string Count(std::size_t count, std::string_view singular, std::string_view plural) {
  const std::string digits = std::to_string(count);
  std::string grouped;
  for (std::size_t index = 0; index < digits.size(); ++index) {
    if (index > 0 && (digits.size() - index) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[index]);
  }
  // One format call, not push_back + append: GCC 12 at -O2 reports a false
  // -Wrestrict overlap for the latter.
  return fmt::format("{} {}", grouped, count == 1 ? singular : plural);
}

std::string CaptionWithAxisStart(std::string caption, double axis_start) {
  if (axis_start == 0 || !std::isfinite(axis_start)) return caption;
  if (!caption.empty()) caption += ' ';
  return caption + "The vertical axis starts at " + TickLabel(axis_start) + ".";
}

std::string FormatP(double p_value) {
  if (!std::isfinite(p_value)) return "-";
  if (p_value < 0.001) return "< 0.001";
  return fmt::format("{:.3f}", p_value);
}

std::string RenderReportHtml(const Report& report) {
  mustache::list sections;
  for (const ReportSection& section : report.sections) {
    mustache::list tables;
    for (const ReportTable& table : section.tables) tables.push_back(TableContext(table));
    mustache::list figures;
    for (const ReportFigure& figure : section.figures) {
      mustache::list shown_tables;
      for (const ReportTable& table : figure.tables) shown_tables.push_back(TableContext(table));
      figures.push_back(mustache::object{{"svg", figure.svg},
                                   {"tables", shown_tables},
                                   {"caption", figure.caption},
                                   {"data", TableContext(figure.data)}});
    }
    sections.push_back(mustache::object{{"heading", section.heading},
                                  {"paragraphs", Strings(section.paragraphs)},
                                  {"tables", tables},
                                  {"figures", figures}});
  }
  mustache::list provenance;
  for (const auto& [label, value] : report.provenance) {
    provenance.push_back(mustache::object{{"label", label}, {"value", value}});
  }
  mustache::object context{{"title", report.title},
                     {"summary", Strings(report.summary)},
                     {"has_summary", mustache::data(!report.summary.empty())},
                     {"methods", Strings(report.methods)},
                     {"sections", sections},
                     {"provenance", provenance}};
  // Rendered once per run: compiling the template here costs nothing.
  mustache::mustache compiled{std::string(embedded::templates_report_mustache)};
  if (!compiled.is_valid()) {
    throw std::logic_error("report.mustache does not parse: " + compiled.error_message());
  }
  std::string html = compiled.render(context);
  if (!compiled.is_valid()) {
    throw std::logic_error("report.mustache did not render: " + compiled.error_message());
  }
  return html;
}

}  // namespace alongside::evaluation
