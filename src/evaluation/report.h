// The human-readable report of an evaluation: a self-contained HTML page
// (no external assets, no script) rendered from the embedded mustache
// template templates/report.mustache. Text is escaped by the template; the
// SVG of a figure is inserted as is, so only the chart builders in svg.h
// (which escape every label) may fill ReportFigure::svg.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alongside::evaluation {

struct ReportTable {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct ReportFigure {
  std::string svg;      // from svg.h
  std::string caption;  // one or two plain sentences on what the chart shows
  ReportTable data;     // the numbers behind the chart, as its text equivalent
  // Tables shown directly under the chart, not folded away with `data`
  // (the numbers at risk under a survival curve).
  std::vector<ReportTable> tables;
};

struct ReportSection {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<ReportTable> tables;
  std::vector<ReportFigure> figures;
};

struct Report {
  std::string title;
  std::vector<std::string> summary;  // key findings in plain words
  std::vector<std::string> methods;  // what ran, generated from the run
  std::vector<ReportSection> sections;
  std::vector<std::pair<std::string, std::string>> provenance;  // label, value
};

// The whole HTML page.
std::string RenderReportHtml(const Report& report);

// Number formatting for people: `digits` significant-ish decimals, "not
// reached" style text for NaN is the caller's choice (`missing`).
std::string FormatNumber(double value, int decimals, const std::string& missing = "-");
// p-values as "< 0.001" or with 3 decimals.
std::string FormatP(double p_value);
// "1 trainee", "2 trainees", "1,234 trainees": a count with the right noun.
std::string Count(std::size_t count, std::string_view singular, std::string_view plural);

// `caption` followed by "The vertical axis starts at 30." when a chart's
// vertical axis starts at `axis_start` rather than at zero (the number as
// the chart's tick label prints it); `caption` alone otherwise.
std::string CaptionWithAxisStart(std::string caption, double axis_start);

}  // namespace alongside::evaluation
