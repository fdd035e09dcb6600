#include "evaluation/report.h"

#include <cmath>
#include <string_view>

#include <fmt/format.h>
#include <mstch/mstch.hpp>

namespace alongside::embedded {
extern const std::string_view templates_report_mustache;
}  // namespace alongside::embedded

namespace alongside::evaluation {
namespace {

mstch::map TableContext(const ReportTable& table) {
  mstch::array header;
  for (const std::string& cell : table.header) header.push_back(mstch::map{{"cell", cell}});
  mstch::array rows;
  for (const std::vector<std::string>& row : table.rows) {
    mstch::array cells;
    bool first = true;
    for (const std::string& cell : row) {
      cells.push_back(mstch::map{{"cell", cell}, {"first", first}});
      first = false;
    }
    rows.push_back(mstch::map{{"cells", cells}});
  }
  return mstch::map{{"caption", table.caption}, {"header", header}, {"rows", rows}};
}

mstch::array Strings(const std::vector<std::string>& texts) {
  mstch::array out;
  for (const std::string& text : texts) out.push_back(mstch::map{{"text", text}});
  return out;
}

}  // namespace

std::string FormatNumber(double value, int decimals, const std::string& missing) {
  if (!std::isfinite(value)) return missing;
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string FormatP(double p_value) {
  if (!std::isfinite(p_value)) return "-";
  if (p_value < 0.001) return "< 0.001";
  return fmt::format("{:.3f}", p_value);
}

std::string RenderReportHtml(const Report& report) {
  mstch::array sections;
  for (const ReportSection& section : report.sections) {
    mstch::array tables;
    for (const ReportTable& table : section.tables) tables.push_back(TableContext(table));
    mstch::array figures;
    for (const ReportFigure& figure : section.figures) {
      figures.push_back(mstch::map{{"svg", figure.svg},
                                   {"caption", figure.caption},
                                   {"data", TableContext(figure.data)}});
    }
    sections.push_back(mstch::map{{"heading", section.heading},
                                  {"paragraphs", Strings(section.paragraphs)},
                                  {"tables", tables},
                                  {"figures", figures}});
  }
  mstch::array provenance;
  for (const auto& [label, value] : report.provenance) {
    provenance.push_back(mstch::map{{"label", label}, {"value", value}});
  }
  mstch::map context{{"title", report.title},
                     {"summary", Strings(report.summary)},
                     {"has_summary", !report.summary.empty()},
                     {"methods", Strings(report.methods)},
                     {"sections", sections},
                     {"provenance", provenance}};
  return mstch::render(std::string(embedded::templates_report_mustache), context);
}

}  // namespace alongside::evaluation
