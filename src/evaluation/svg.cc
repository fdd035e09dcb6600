#include "evaluation/svg.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>
#include <limits>

#include <fmt/format.h>

namespace alongside::evaluation {
namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 360;
constexpr double kLeft = 64;
constexpr double kRight = 24;
constexpr double kTop = 36;
constexpr double kBottom = 56;
constexpr std::string_view kAxisColour = "#3d3d3d";
constexpr std::string_view kGridColour = "#d0d7de";

std::string Open(const std::string& title, const std::string& description, double height) {
  // The id comes from the title (unique within a report), so output is stable.
  std::string id;
  for (char ch : title) {
    if (std::isalnum(static_cast<unsigned char>(ch))) id += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    else if (!id.empty() && id.back() != '-') id += '-';
    if (id.size() >= 48) break;
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-labelledby=\"chart{}-title chart{}-desc\" font-family=\"system-ui, sans-serif\" "
      "font-size=\"13\">\n<title id=\"chart{}-title\">{}</title>\n<desc id=\"chart{}-desc\">{}</desc>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
      kWidth, height, kWidth, height, id, id, id, EscapeXml(title), id, EscapeXml(description));
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

std::string Num(double value) { return fmt::format("{:.2f}", value); }

std::string TickLabel(double value) {
  if (std::abs(value - std::round(value)) < 1e-9) return fmt::format("{:.0f}", value);
  if (std::abs(value * 10 - std::round(value * 10)) < 1e-9) return fmt::format("{:.1f}", value);
  return fmt::format("{:.2f}", value);
}

std::string Legend(double x, double y, const std::string& label, std::string_view colour, bool dashed) {
  return fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n"
      "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\n",
      Num(x), Num(y - 4), Num(x + 28), Num(y - 4), colour, dashed ? " stroke-dasharray=\"7 4\"" : "",
      Num(x + 34), Num(y), EscapeXml(label));
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

std::string StepCurvesSvg(const std::vector<StepCurve>& curves, double max_time, double y_min,
                          const std::string& title, const std::string& description,
                          const std::string& x_label, const std::string& y_label) {
  const double plot_width = kWidth - kLeft - kRight;
  const double plot_height = kHeight - kTop - kBottom;
  const double y_max = 1.0;
  auto x_of = [&](double time) { return kLeft + plot_width * std::clamp(time / max_time, 0.0, 1.0); };
  auto y_of = [&](double value) {
    return kTop + plot_height * (1 - std::clamp((value - y_min) / (y_max - y_min), 0.0, 1.0));
  };
  std::string svg = Open(title, description, kHeight);
  // Grid and axes.
  const double y_step = TickStep(y_max - y_min, 5);
  for (double tick = std::ceil(y_min / y_step) * y_step; tick <= y_max + 1e-9; tick += y_step) {
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", Num(kLeft),
                       Num(y_of(tick)), Num(kLeft + plot_width), Num(y_of(tick)), kGridColour);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\n",
                       Num(kLeft - 6), Num(y_of(tick) + 4), TickLabel(tick));
  }
  const double x_step = TickStep(max_time, 6);
  for (double tick = 0; tick <= max_time + 1e-9; tick += x_step) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
                       Num(x_of(tick)), Num(kTop + plot_height + 18), TickLabel(tick));
  }
  svg += fmt::format(
      "<path d=\"M{} {} V{} H{}\" fill=\"none\" stroke=\"{}\"/>\n", Num(kLeft), Num(kTop),
      Num(kTop + plot_height), Num(kLeft + plot_width), kAxisColour);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
                     Num(kLeft + plot_width / 2), Num(kHeight - 14), EscapeXml(x_label));
  svg += fmt::format(
      "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
      Num(kTop + plot_height / 2), EscapeXml(y_label));
  for (const StepCurve& curve : curves) {
    // Band: upper edge forward, lower edge back, both as steps.
    std::string band = fmt::format("M{} {}", Num(x_of(0)), Num(y_of(1)));
    double previous_upper = 1;
    for (std::size_t point_idx = 0; point_idx < curve.time.size(); ++point_idx) {
      const double upper = std::isfinite(curve.upper[point_idx]) ? curve.upper[point_idx] : previous_upper;
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
      line += fmt::format(" H{} V{}", Num(x_of(curve.time[point_idx])), Num(y_of(curve.value[point_idx])));
    }
    line += fmt::format(" H{}", Num(x_of(max_time)));
    svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n", line,
                       curve.colour, curve.dashed ? " stroke-dasharray=\"7 4\"" : "");
  }
  double legend_y = kTop + plot_height - 12.0 * curves.size() * 1.6;
  for (const StepCurve& curve : curves) {
    svg += Legend(kLeft + 16, legend_y, curve.label, curve.colour, curve.dashed);
    legend_y += 20;
  }
  svg += "</svg>";
  return svg;
}

std::string ForestSvg(const std::vector<ForestItem>& items, double reference, bool log_scale,
                      const std::string& title, const std::string& description,
                      const std::string& axis_label) {
  const double label_width = 230;
  const double row_height = 34;
  const double height = kTop + row_height * items.size() + kBottom;
  const double left = label_width;
  const double plot_width = kWidth - left - kRight;
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
  const double axis_y = kTop + row_height * items.size();
  svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", Num(left),
                     Num(axis_y), Num(left + plot_width), Num(axis_y), kAxisColour);
  std::vector<double> ticks;
  if (log_scale) {
    for (double tick : {0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 10.0}) {
      if (std::log(tick) >= t_low && std::log(tick) <= t_high) ticks.push_back(tick);
    }
  } else {
    const double step = TickStep(t_high - t_low, 6);
    for (double tick = std::ceil(t_low / step) * step; tick <= t_high + 1e-9; tick += step) ticks.push_back(tick);
  }
  for (double tick : ticks) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
                       Num(x_of(tick)), Num(axis_y + 18), TickLabel(tick));
  }
  svg += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>\n",
      Num(x_of(reference)), Num(kTop - 8), Num(x_of(reference)), Num(axis_y), kAxisColour);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
                     Num(left + plot_width / 2), Num(height - 14), EscapeXml(axis_label));
  for (std::size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
    const ForestItem& item = items[item_idx];
    const double y = kTop + row_height * (item_idx + 0.5);
    svg += fmt::format("<text x=\"8\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\n", Num(y + 4),
                       EscapeXml(item.label));
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

std::string BeforeAfterSvg(const std::vector<BeforeAfterGroup>& groups, const std::string& title,
                           const std::string& description, const std::string& y_label,
                           const std::string& before_label, const std::string& after_label) {
  const double plot_width = kWidth - kLeft - kRight - 170;
  const double plot_height = kHeight - kTop - kBottom;
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
  const double step = TickStep(std::max(high - low, 1e-6), 5);
  low = std::floor(low / step) * step;
  high = std::ceil(high / step) * step;
  if (high <= low) high = low + step;
  auto y_of = [&](double value) { return kTop + plot_height * (1 - (value - low) / (high - low)); };
  const double x_before = kLeft + plot_width * 0.2;
  const double x_after = kLeft + plot_width * 0.8;
  std::string svg = Open(title, description, kHeight);
  for (double tick = low; tick <= high + 1e-9; tick += step) {
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", Num(kLeft),
                       Num(y_of(tick)), Num(kLeft + plot_width), Num(y_of(tick)), kGridColour);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>\n",
                       Num(kLeft - 6), Num(y_of(tick) + 4), TickLabel(tick));
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
                     Num(x_before), Num(kTop + plot_height + 20), EscapeXml(before_label));
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
                     Num(x_after), Num(kTop + plot_height + 20), EscapeXml(after_label));
  svg += fmt::format(
      "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>\n",
      Num(kTop + plot_height / 2), EscapeXml(y_label));
  double offset = -6;
  double legend_y = kTop + 16;
  for (const BeforeAfterGroup& group : groups) {
    const std::string dash = group.dashed ? " stroke-dasharray=\"7 4\"" : "";
    svg += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n",
        Num(x_before + offset), Num(y_of(group.before)), Num(x_after + offset), Num(y_of(group.after)),
        group.colour, dash);
    for (auto [x, mid, lo, hi] : {std::tuple{x_before + offset, group.before, group.before_low, group.before_high},
                                  std::tuple{x_after + offset, group.after, group.after_low, group.after_high}}) {
      if (std::isfinite(lo) && std::isfinite(hi)) {
        svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"2\"/>\n",
                           Num(x), Num(y_of(lo)), Num(y_of(hi)), group.colour);
      }
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{}\"/>\n", Num(x), Num(y_of(mid)),
                         group.colour);
    }
    svg += Legend(kLeft + plot_width + 16, legend_y, group.label, group.colour, group.dashed);
    legend_y += 22;
    offset += 12;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace alongside::evaluation
