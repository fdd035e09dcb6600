// SVG charts for the report, drawn from numbers alone. Every chart is an
// <svg role="img"> with a <title> and <desc> (its accessible name and
// description); every label is XML-escaped here, so the result can be
// inserted into the page unescaped. Colours meet WCAG 2.1 AA contrast
// (>= 4.5:1 on white) and arms also differ by line pattern, not colour alone.
// Charts are 640 units wide; every piece of text is laid out to fit inside
// its chart, wrapping onto more lines when it would not, judged by a
// generous width estimate (0.6 x font size per character).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace alongside::evaluation {

inline constexpr std::string_view kColourArm1 = "#1f5f99";  // 6.6:1 on white
inline constexpr std::string_view kColourArm0 = "#9a4700";  // 5.9:1 on white

std::string EscapeXml(std::string_view text);

// A tick label as the charts print it: as few decimals as the value needs
// (30, 0.6, 0.25), and never "-0".
std::string TickLabel(double value);

// A right-continuous step function with a pointwise confidence band.
struct StepCurve {
  std::string label;
  std::string colour;
  bool dashed = false;
  std::vector<double> time;  // ascending, where the curve changes
  std::vector<double> value;
  std::vector<double> lower;
  std::vector<double> upper;
  // Number at risk on each of StepCurvesSvg's at_risk_days (empty when the
  // chart has none).
  std::vector<double> at_risk;
};

// The days to give numbers at risk for over follow-up 0..max_time, as
// survival reports print them under the axis: 0 and every 30 days, or every
// 60, 90, 180, 360, ... days when that would make more than 8 columns;
// follow-up shorter than 90 days gets a 1/2/5 step instead. Never empty.
std::vector<double> AtRiskDays(double max_time);

// Kaplan-Meier curves (y from 0 to 1 unless y_min is given) over 0..max_time.
// With at_risk_days (from AtRiskDays), the time axis is ticked on those days
// and a "Number at risk" block under it gives each curve's at_risk, one row
// per curve, one number under each tick.
std::string StepCurvesSvg(const std::vector<StepCurve>& curves, double max_time, double y_min,
                          const std::string& title, const std::string& description,
                          const std::string& x_label, const std::string& y_label,
                          const std::vector<double>& at_risk_days = {});

struct ForestItem {
  std::string label;
  double estimate = 0;
  double low = 0;
  double high = 0;
};

// A forest plot: one row per item, point and interval, a vertical reference
// line (1 for ratios on a log axis, 0 for differences on a linear axis).
std::string ForestSvg(const std::vector<ForestItem>& items, double reference, bool log_scale,
                      const std::string& title, const std::string& description,
                      const std::string& axis_label);

struct BeforeAfterGroup {
  std::string label;
  std::string colour;
  bool dashed = false;
  double before = 0, before_low = 0, before_high = 0;
  double after = 0, after_low = 0, after_high = 0;
};

// Means before and after, with intervals, one line per group. The vertical
// axis spans the values (intervals included), widened to whole ticks, so it
// need not start at zero: BeforeAfterAxisStart gives where it starts.
std::string BeforeAfterSvg(const std::vector<BeforeAfterGroup>& groups, const std::string& title,
                           const std::string& description, const std::string& y_label,
                           const std::string& before_label, const std::string& after_label);
double BeforeAfterAxisStart(const std::vector<BeforeAfterGroup>& groups);

}  // namespace alongside::evaluation
