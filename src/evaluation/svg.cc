#include "evaluation/svg.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

namespace alongside::evaluation {
namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 360;
constexpr double kLeft = 64;
constexpr double kRight = 24;
constexpr double kTop = 36;
constexpr double kBottom = 56;
constexpr double kMargin = 8;       // text keeps this far from the chart's edges
constexpr double kFontSize = 13;    // the <svg>'s font-size, inherited by all text
constexpr double kLineHeight = 16;  // between the lines of wrapped text
// Estimated width of a character, as a share of the font size: generous
// for system sans-serif fonts, so text judged to fit does fit.
constexpr double kCharWidth = 0.6;
constexpr std::string_view kAxisColour = "#3d3d3d";
constexpr std::string_view kGridColour = "#d0d7de";
constexpr std::string_view kTextColour = "#1a1a1a";

std::string Open(const std::string& title, const std::string& description, double height) {
  // The id comes from the title (unique within a report), so output is stable.
  std::string id;
  for (char ch : title) {
    if (std::isalnum(static_cast<unsigned char>(ch)))
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    else if (!id.empty() && id.back() != '-')
      id += '-';
    if (id.size() >= 48) break;
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-labelledby=\"chart{}-title chart{}-desc\" "
      "font-family=\"system-ui, sans-serif\" font-size=\"{}\">\n"
      "<title id=\"chart{}-title\">{}</title>\n<desc id=\"chart{}-desc\">{}</desc>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
      kWidth, height, kWidth, height, id, id, kFontSize, id, EscapeXml(title), id,
      EscapeXml(description));
}

// "Nice" tick step for a range, 1/2/5 x 10^k.
double TickStep(double range, int target_ticks) {
  const double raw = range / target_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= factor * magnitude) return factor * magnitude;
  }
  return 10 * magnitude;
}

// The multiples of `step` from the first at or above `low` to the last at or
// below `high`. Each is an integer times the step, not a running sum, so
// rounding errors do not pile up (a sum of 0.1s misses 0 by 3e-17).
std::vector<double> Ticks(double low, double high, double step) {
  std::vector<double> ticks;
  const double tolerance = step * 1e-9;
  for (double index = std::ceil((low - tolerance) / step); index * step <= high + tolerance;
       ++index) {
    ticks.push_back(index * step);
  }
  return ticks;
}

std::string Num(double value) { return fmt::format("{:.2f}", value); }

// Estimated drawn width of `text` (UTF-8) at the chart's font size.
double TextWidth(std::string_view text) {
  const auto characters = std::count_if(text.begin(), text.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  });
  return kCharWidth * kFontSize * static_cast<double>(characters);
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t space = text.find(' ', start);
    const std::size_t end = space == std::string_view::npos ? text.size() : space;
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Greedy filling of lines no wider than `max_width` (a word wider than that
// gets a line of its own).
std::vector<std::string> FillLines(const std::vector<std::string>& words, double max_width) {
  std::vector<std::string> lines;
  for (const std::string& word : words) {
    if (!lines.empty() && TextWidth(lines.back() + " " + word) <= max_width) {
      lines.back() += " " + word;
    } else {
      lines.push_back(word);
    }
  }
  return lines;
}

// `text` split at spaces into as few lines as fit `max_width`, of similar
// lengths (the narrowest width that still needs no more lines).
std::vector<std::string> WrapText(std::string_view text, double max_width) {
  const std::vector<std::string> words = Words(text);
  if (words.empty()) return {std::string(text)};
  const std::size_t line_count = FillLines(words, max_width).size();
  // Two lines break after a clause when both halves fit ("Ratio (log
  // scale);" / "below 1 = fewer readmissions with peer support").
  const std::size_t clause = text.find("; ");
  if (line_count == 2 && clause != std::string_view::npos) {
    std::string first(text.substr(0, clause + 1));
    std::string second(text.substr(clause + 2));
    if (TextWidth(first) <= max_width && TextWidth(second) <= max_width) return {first, second};
  }
  double narrow = 0;
  for (const std::string& word : words) narrow = std::max(narrow, TextWidth(word));
  double wide = std::max(narrow, max_width);
  while (wide - narrow > 0.5) {
    const double middle = (narrow + wide) / 2;
    if (FillLines(words, middle).size() <= line_count)
      wide = middle;
    else
      narrow = middle;
  }
  return FillLines(words, wide);
}

// The x at which a line of `width`, anchored `anchor` at `x`, keeps inside
// the chart's margins (as far as it can).
double KeepInside(double x, double width, std::string_view anchor) {
  double start = x;
  if (anchor == "middle") start -= width / 2;
  if (anchor == "end") start -= width;
  const double shift =
      std::clamp(start, kMargin, std::max(kMargin, kWidth - kMargin - width)) - start;
  return x + shift;
}

// A <text> element of one or more lines, the first baseline at y and each
// next one kLineHeight below; each line anchored at x, moved in where it
// would cross the chart's edge. `attributes` go on the element as they are.
std::string TextLines(double x, double y, const std::vector<std::string>& lines,
                      std::string_view anchor, std::string_view attributes = "") {
  if (lines.size() == 1) {
    return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"{}\"{}>{}</text>\n",
                       Num(KeepInside(x, TextWidth(lines[0]), anchor)), Num(y), anchor, kTextColour,
                       attributes, EscapeXml(lines[0]));
  }
  std::string text = fmt::format("<text y=\"{}\" text-anchor=\"{}\" fill=\"{}\"{}>", Num(y), anchor,
                                 kTextColour, attributes);
  for (std::size_t line_idx = 0; line_idx < lines.size(); ++line_idx) {
    text += fmt::format("<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
                        Num(KeepInside(x, TextWidth(lines[line_idx]), anchor)),
                        line_idx == 0 ? 0.0 : kLineHeight, EscapeXml(lines[line_idx]));
  }
  return text + "</text>\n";
}

// A caption along the vertical axis, centred on `centre_y`, reading upwards;
// wrapped to the plot's height, later lines to the right of the first.
std::string VerticalCaption(const std::string& caption, double centre_y, double length) {
  const std::vector<std::string> lines = WrapText(caption, length);
  std::string text = fmt::format(
      "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"{}\">",
      Num(centre_y), kTextColour);
  if (lines.size() == 1) return text + EscapeXml(caption) + "</text>\n";
  for (std::size_t line_idx = 0; line_idx < lines.size(); ++line_idx) {
    text += fmt::format("<tspan x=\"0\" dy=\"{}\">{}</tspan>", line_idx == 0 ? 0.0 : kLineHeight,
                        EscapeXml(lines[line_idx]));
  }
  return text + "</text>\n";
}

// A legend entry: a stroke sample at (x, y - 4) and its label, wrapped to
// the room left before the chart's right margin. Returns the entry and the
// height it takes.
std::pair<std::string, double> Legend(double x, double y, const std::string& label,
                                      std::string_view colour, bool dashed) {
  const std::vector<std::string> lines = WrapText(label, kWidth - kMargin - (x + 34));
  std::string entry = fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n",
      Num(x), Num(y - 4), Num(x + 28), Num(y - 4), colour,
      dashed ? " stroke-dasharray=\"7 4\"" : "");
  entry += TextLines(x + 34, y, lines, "start");
  return {entry, kLineHeight * static_cast<double>(lines.size() - 1)};
}

// The vertical axis of a before/after chart: whole ticks around the values.
struct BeforeAfterAxis {
  double low = 0;
  double high = 1;
  double step = 0.2;
};

BeforeAfterAxis AxisFor(const std::vector<BeforeAfterGroup>& groups) {
  double low = std::numeric_limits<double>::max();
  double high = std::numeric_limits<double>::lowest();
  for (const BeforeAfterGroup& group : groups) {
    for (double value : {group.before_low, group.before_high, group.after_low, group.after_high,
                         group.before, group.after}) {
      if (!std::isfinite(value)) continue;
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  if (low > high) {
    low = 0;
    high = 1;
  }
  BeforeAfterAxis axis;
  axis.step = TickStep(std::max(high - low, 1e-6), 5);
  axis.low = std::floor(low / axis.step) * axis.step;
  axis.high = std::ceil(high / axis.step) * axis.step;
  if (axis.high <= axis.low) axis.high = axis.low + axis.step;
  return axis;
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string TickLabel(double value) {
  std::string label;
  if (std::abs(value - std::round(value)) < 1e-9)
    label = fmt::format("{:.0f}", value);
  else if (std::abs(value * 10 - std::round(value * 10)) < 1e-9)
    label = fmt::format("{:.1f}", value);
  else
    label = fmt::format("{:.2f}", value);
  // A value that rounds to zero from below prints as "-0" (or "-0.0").
  if (label.starts_with('-') && label.find_first_not_of("-0.") == std::string::npos)
    label.erase(0, 1);
  return label;
}

std::vector<double> AtRiskDays(double max_time) {
  constexpr std::size_t kMaxColumns = 8;
  double step = 0;
  if (max_time < 90) {
    step = max_time > 0 ? TickStep(max_time, 5) : 1;
  } else {
    for (double months : {1.0, 2.0, 3.0, 6.0, 12.0}) {
      step = 30 * months;
      if (std::floor(max_time / step) + 1 <= kMaxColumns) break;
    }
    while (std::floor(max_time / step) + 1 > kMaxColumns) step *= 2;
  }
  return Ticks(0, std::max(max_time, 0.0), step);
}

std::string StepCurvesSvg(const std::vector<StepCurve>& curves, double max_time, double y_min,
                          const std::string& title, const std::string& description,
                          const std::string& x_label, const std::string& y_label,
                          const std::vector<double>& at_risk_days) {
  // With numbers at risk, the left margin makes room for the group names
  // before the first column of numbers (under day 0, the axis).
  double left = kLeft;
  if (!at_risk_days.empty()) {
    double label_width = 0;
    double number_width = 0;
    for (const StepCurve& curve : curves) {
      label_width = std::max(label_width, TextWidth(curve.label));
      for (double count : curve.at_risk)
        number_width = std::max(number_width, TextWidth(TickLabel(count)));
    }
    left = std::max(kLeft, std::min(kMargin + label_width + 12 + number_width / 2, kWidth / 3));
  }
  const double plot_width = kWidth - left - kRight;
  const double plot_height = kHeight - kTop - kBottom;
  const double plot_bottom = kTop + plot_height;
  const double y_max = 1.0;
  auto x_of = [&](double time) {
    return left + plot_width * std::clamp(time / max_time, 0.0, 1.0);
  };
  auto y_of = [&](double value) {
    return kTop + plot_height * (1 - std::clamp((value - y_min) / (y_max - y_min), 0.0, 1.0));
  };
  const std::vector<std::string> x_caption = WrapText(x_label, plot_width);
  const double x_caption_y = kHeight - 14;
  const double at_risk_y =
      x_caption_y + kLineHeight * static_cast<double>(x_caption.size() - 1) + 30;
  const double height =
      at_risk_days.empty()
          ? x_caption_y + kLineHeight * static_cast<double>(x_caption.size() - 1) + 14
          : at_risk_y + 22 * static_cast<double>(curves.size()) + 12;
  std::string svg = Open(title, description, height);
  // Grid and axes. The lowest tick is y_min itself, so the axis is labelled
  // where it starts (a step of 0.2 from 0.3 would leave 0.3 unlabelled).
  double y_step = TickStep(y_max - y_min, 5);
  for (double divisor : {2.0, 5.0, 10.0}) {
    const double steps = y_min / y_step;
    if (std::abs(steps - std::round(steps)) < 1e-6) break;
    y_step = TickStep(y_max - y_min, 5) / divisor;
  }
  for (double tick : Ticks(y_min, y_max, y_step)) {
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", Num(left),
                       Num(y_of(tick)), Num(left + plot_width), Num(y_of(tick)), kGridColour);
    svg += TextLines(left - 6, y_of(tick) + 4, {TickLabel(tick)}, "end");
  }
  const std::vector<double> x_ticks =
      at_risk_days.empty() ? Ticks(0, max_time, TickStep(max_time, 6)) : at_risk_days;
  for (double tick : x_ticks)
    svg += TextLines(x_of(tick), plot_bottom + 18, {TickLabel(tick)}, "middle");
  svg += fmt::format("<path d=\"M{} {} V{} H{}\" fill=\"none\" stroke=\"{}\"/>\n", Num(left),
                     Num(kTop), Num(plot_bottom), Num(left + plot_width), kAxisColour);
  svg += TextLines(left + plot_width / 2, x_caption_y, x_caption, "middle");
  svg += VerticalCaption(y_label, kTop + plot_height / 2, plot_height);
  for (const StepCurve& curve : curves) {
    // Band: upper edge forward, lower edge back, both as steps.
    std::string band = fmt::format("M{} {}", Num(x_of(0)), Num(y_of(1)));
    double previous_upper = 1;
    for (std::size_t point_idx = 0; point_idx < curve.time.size(); ++point_idx) {
      const double upper =
          std::isfinite(curve.upper[point_idx]) ? curve.upper[point_idx] : previous_upper;
      band += fmt::format(" H{} V{}", Num(x_of(curve.time[point_idx])), Num(y_of(upper)));
      previous_upper = upper;
    }
    band += fmt::format(" H{}", Num(x_of(max_time)));
    double previous_lower = curve.lower.empty() ? 1 : curve.lower.back();
    if (!std::isfinite(previous_lower)) previous_lower = 0;
    band += fmt::format(" V{}", Num(y_of(previous_lower)));
    for (std::size_t point_idx = curve.time.size(); point_idx-- > 0;) {
      const double before = point_idx == 0 ? 1.0 : curve.lower[point_idx - 1];
      band += fmt::format(" H{} V{}", Num(x_of(curve.time[point_idx])),
                          Num(y_of(std::isfinite(before) ? before : 0)));
    }
    band += fmt::format(" H{} Z", Num(x_of(0)));
    svg += fmt::format("<path d=\"{}\" fill=\"{}\" fill-opacity=\"0.15\" stroke=\"none\"/>\n", band,
                       curve.colour);
    std::string line = fmt::format("M{} {}", Num(x_of(0)), Num(y_of(1)));
    for (std::size_t point_idx = 0; point_idx < curve.time.size(); ++point_idx) {
      line += fmt::format(" H{} V{}", Num(x_of(curve.time[point_idx])),
                          Num(y_of(curve.value[point_idx])));
    }
    line += fmt::format(" H{}", Num(x_of(max_time)));
    svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n",
                       line, curve.colour, curve.dashed ? " stroke-dasharray=\"7 4\"" : "");
  }
  double legend_y = kTop + plot_height - 12.0 * curves.size() * 1.6;
  for (const StepCurve& curve : curves) {
    auto [entry, extra_height] =
        Legend(left + 16, legend_y, curve.label, curve.colour, curve.dashed);
    svg += entry;
    legend_y += 20 + extra_height;
  }
  if (!at_risk_days.empty()) {
    svg += TextLines(kMargin, at_risk_y, {"Number at risk"}, "start", " font-weight=\"600\"");
    double row_y = at_risk_y + 22;
    for (const StepCurve& curve : curves) {
      // The name in the curve's colour (AA contrast) ties the row to its line.
      svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n", Num(kMargin),
                         Num(row_y), curve.colour, EscapeXml(curve.label));
      for (std::size_t day_idx = 0; day_idx < at_risk_days.size() && day_idx < curve.at_risk.size();
           ++day_idx) {
        svg += TextLines(x_of(at_risk_days[day_idx]), row_y, {TickLabel(curve.at_risk[day_idx])},
                         "middle");
      }
      row_y += 22;
    }
  }
  svg += "</svg>";
  return svg;
}

std::string ForestSvg(const std::vector<ForestItem>& items, double reference, bool log_scale,
                      const std::string& title, const std::string& description,
                      const std::string& axis_label) {
  // Labels take the room they need up to a third of the chart, wrapping
  // beyond that; the plot takes the rest.
  const double max_label_width = kWidth / 3 + 16;
  double label_width = 0;
  std::vector<std::vector<std::string>> labels;
  std::size_t most_lines = 1;
  for (const ForestItem& item : items) {
    labels.push_back(WrapText(item.label, max_label_width));
    most_lines = std::max(most_lines, labels.back().size());
    for (const std::string& line : labels.back())
      label_width = std::max(label_width, TextWidth(line));
  }
  const double row_height = std::max(34.0, kLineHeight * static_cast<double>(most_lines) + 10);
  const double left = std::max(kWidth / 4, kMargin + label_width + 16);
  const double plot_width = kWidth - left - kRight;
  const std::vector<std::string> caption = WrapText(axis_label, plot_width);
  const double axis_y = kTop + row_height * items.size();
  const double height = axis_y + kBottom + kLineHeight * static_cast<double>(caption.size() - 1);
  double low = reference;
  double high = reference;
  for (const ForestItem& item : items) {
    for (double value : {item.low, item.high, item.estimate}) {
      if (!std::isfinite(value) || (log_scale && value <= 0)) continue;
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  auto transform = [&](double value) { return log_scale ? std::log(value) : value; };
  double t_low = transform(low);
  double t_high = transform(high);
  const double pad = (t_high - t_low) * 0.08 + 1e-9;
  t_low -= pad;
  t_high += pad;
  auto x_of = [&](double value) {
    return left + plot_width * (transform(value) - t_low) / (t_high - t_low);
  };
  std::string svg = Open(title, description, height);
  svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", Num(left),
                     Num(axis_y), Num(left + plot_width), Num(axis_y), kAxisColour);
  std::vector<double> ticks;
  if (log_scale) {
    for (double tick :
         {0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 10.0}) {
      if (std::log(tick) >= t_low && std::log(tick) <= t_high) ticks.push_back(tick);
    }
  } else {
    ticks = Ticks(t_low, t_high, TickStep(t_high - t_low, 6));
  }
  for (double tick : ticks) svg += TextLines(x_of(tick), axis_y + 18, {TickLabel(tick)}, "middle");
  svg += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>\n",
      Num(x_of(reference)), Num(kTop - 8), Num(x_of(reference)), Num(axis_y), kAxisColour);
  svg += TextLines(left + plot_width / 2, axis_y + 42, caption, "middle");
  for (std::size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
    const ForestItem& item = items[item_idx];
    const double y = kTop + row_height * (item_idx + 0.5);
    const double first_baseline =
        y + 4 - kLineHeight * static_cast<double>(labels[item_idx].size() - 1) / 2;
    svg += TextLines(kMargin, first_baseline, labels[item_idx], "start");
    if (std::isfinite(item.low) && std::isfinite(item.high)) {
      svg += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>\n",
          Num(x_of(item.low)), Num(y), Num(x_of(item.high)), Num(y), kColourArm1);
    }
    if (std::isfinite(item.estimate)) {
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n",
                         Num(x_of(item.estimate) - 5), Num(y - 5), kColourArm1);
    }
  }
  svg += "</svg>";
  return svg;
}

double BeforeAfterAxisStart(const std::vector<BeforeAfterGroup>& groups) {
  return AxisFor(groups).low;
}

std::string BeforeAfterSvg(const std::vector<BeforeAfterGroup>& groups, const std::string& title,
                           const std::string& description, const std::string& y_label,
                           const std::string& before_label, const std::string& after_label) {
  const double plot_width = kWidth - kLeft - kRight - 170;
  const double plot_height = kHeight - kTop - kBottom;
  const double plot_bottom = kTop + plot_height;
  const BeforeAfterAxis axis = AxisFor(groups);
  auto y_of = [&](double value) {
    return kTop + plot_height * (1 - (value - axis.low) / (axis.high - axis.low));
  };
  const double x_before = kLeft + plot_width * 0.2;
  const double x_after = kLeft + plot_width * 0.8;
  // Each time label may take the room between it and the other (centred).
  const double label_room = std::min(2 * (x_before - kMargin), x_after - x_before - 12);
  const std::vector<std::string> before_lines = WrapText(before_label, label_room);
  const std::vector<std::string> after_lines = WrapText(after_label, label_room);
  const double extra_lines =
      static_cast<double>(std::max(before_lines.size(), after_lines.size()) - 1);
  std::string svg = Open(title, description, kHeight + kLineHeight * extra_lines);
  for (double tick : Ticks(axis.low, axis.high, axis.step)) {
    svg +=
        fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", Num(kLeft),
                    Num(y_of(tick)), Num(kLeft + plot_width), Num(y_of(tick)), kGridColour);
    svg += TextLines(kLeft - 6, y_of(tick) + 4, {TickLabel(tick)}, "end");
  }
  svg += TextLines(x_before, plot_bottom + 20, before_lines, "middle");
  svg += TextLines(x_after, plot_bottom + 20, after_lines, "middle");
  svg += VerticalCaption(y_label, kTop + plot_height / 2, plot_height);
  double offset = -6;
  double legend_y = kTop + 16;
  for (const BeforeAfterGroup& group : groups) {
    const std::string dash = group.dashed ? " stroke-dasharray=\"7 4\"" : "";
    svg += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n",
        Num(x_before + offset), Num(y_of(group.before)), Num(x_after + offset),
        Num(y_of(group.after)), group.colour, dash);
    for (auto [x, mid, lo, hi] :
         {std::tuple{x_before + offset, group.before, group.before_low, group.before_high},
          std::tuple{x_after + offset, group.after, group.after_low, group.after_high}}) {
      if (std::isfinite(lo) && std::isfinite(hi)) {
        svg += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" "
            "stroke-width=\"2\"/>\n",
            Num(x), Num(y_of(lo)), Num(y_of(hi)), group.colour);
      }
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{}\"/>\n", Num(x),
                         Num(y_of(mid)), group.colour);
    }
    auto [entry, extra_height] =
        Legend(kLeft + plot_width + 16, legend_y, group.label, group.colour, group.dashed);
    svg += entry;
    legend_y += 22 + extra_height;
    offset += 12;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace alongside::evaluation
