// What a reader of report.html sees: the numbers at risk under the
// Kaplan-Meier chart, captions that say when an axis does not start at zero,
// tick labels, text that fits inside each chart at its drawn width, and
// counts with the right singular or plural noun, in all three designs.
#include "evaluation/report.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "evaluation/evaluate.h"
#include "evaluation/svg.h"

namespace alongside::evaluation {
namespace {

namespace fs = std::filesystem;

// The width the charts are checked at: the viewBox is 640 units wide and is
// drawn at 640 px on a desktop page.
constexpr double kCharWidthPerFontSize = 0.6;  // a generous estimate for sans-serif text

std::string OraclePath(const std::string& relative) {
  return std::string(ALONGSIDE_SOURCE_DIR) + "/tests/oracle/" + relative;
}

fs::path WriteTemp(const std::string& name, const std::string& text) {
  const fs::path path = fs::temp_directory_path() /
                        ("alongside_report_" + name + "_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << text;
  return path;
}

Evaluation Evaluate(Design design, const std::string& cohort_path, std::size_t bootstrap = 20) {
  EvaluateOptions options;
  options.design = design;
  options.cohort_path = cohort_path;
  options.bootstrap = bootstrap;
  options.seed = 7;
  options.threads = 1;
  Result<Evaluation> evaluation = EvaluateCohortFile(options);
  EXPECT_TRUE(evaluation.ok()) << evaluation.status().ToString();
  return evaluation.ok() ? std::move(*evaluation) : Evaluation{};
}

const ReportSection* FindSection(const Report& report, const std::string& heading) {
  for (const ReportSection& section : report.sections) {
    if (section.heading == heading) return &section;
  }
  return nullptr;
}

// ----- A small reader of the SVG the chart builders write. -----

std::string Attribute(const std::string& tag, const std::string& name) {
  const std::regex pattern("\\s" + name + "=\"([^\"]*)\"");
  std::smatch match;
  return std::regex_search(tag, match, pattern) ? match[1].str() : std::string();
}

std::string Unescape(std::string text) {
  for (auto [entity, plain] :
       {std::pair{"&lt;", "<"}, std::pair{"&gt;", ">"}, std::pair{"&quot;", "\""},
        std::pair{"&#39;", "'"}, std::pair{"&amp;", "&"}}) {
    for (std::size_t at = text.find(entity); at != std::string::npos;
         at = text.find(entity, at + 1)) {
      text.replace(at, std::string(entity).size(), plain);
    }
  }
  return text;
}

std::size_t CodePoints(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  }));
}

struct SvgLine {
  std::string text;
  double x = 0;  // where the line is anchored, in the text's own coordinates
  double y = 0;
};

struct SvgText {
  std::string anchor = "start";
  double font_size = 13;
  bool rotated = false;  // translate(tx ty) rotate(-90)
  double tx = 0, ty = 0;
  std::vector<SvgLine> lines;
  std::string All() const {
    std::string all;
    for (const SvgLine& line : lines) all += (all.empty() ? "" : " ") + line.text;
    return all;
  }
};

struct Svg {
  double width = 0, height = 0;
  std::vector<SvgText> texts;
};

double Length(const std::string& value, double font_size) {
  if (value.empty()) return 0;
  if (value.ends_with("em")) return std::stod(value.substr(0, value.size() - 2)) * font_size;
  return std::stod(value);
}

Svg ParseSvg(const std::string& svg) {
  Svg out;
  const std::size_t open_end = svg.find('>');
  const std::string root = svg.substr(0, open_end);
  std::istringstream view_box(Attribute(root, "viewBox"));
  double min_x = 0, min_y = 0;
  view_box >> min_x >> min_y >> out.width >> out.height;
  EXPECT_EQ(min_x, 0);
  EXPECT_EQ(min_y, 0);
  const std::string root_font = Attribute(root, "font-size");
  const double default_font = root_font.empty() ? 16 : std::stod(root_font);
  const std::regex text_pattern("<text([^>]*)>([\\s\\S]*?)</text>");
  const std::regex tspan_pattern("<tspan([^>]*)>([\\s\\S]*?)</tspan>");
  const std::regex translate_pattern("translate\\(([-0-9.]+)[ ,]+([-0-9.]+)\\)\\s*rotate\\(-90\\)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text_pattern);
       it != std::sregex_iterator(); ++it) {
    const std::string tag = (*it)[1].str();
    const std::string body = (*it)[2].str();
    SvgText text;
    if (!Attribute(tag, "text-anchor").empty()) text.anchor = Attribute(tag, "text-anchor");
    text.font_size =
        Attribute(tag, "font-size").empty() ? default_font : std::stod(Attribute(tag, "font-size"));
    const std::string transform = Attribute(tag, "transform");
    std::smatch match;
    if (!transform.empty()) {
      EXPECT_TRUE(std::regex_search(transform, match, translate_pattern))
          << "unexpected transform " << transform;
      text.rotated = true;
      text.tx = std::stod(match[1].str());
      text.ty = std::stod(match[2].str());
    }
    double x = Attribute(tag, "x").empty() ? 0 : std::stod(Attribute(tag, "x"));
    double y = Attribute(tag, "y").empty() ? 0 : std::stod(Attribute(tag, "y"));
    if (body.find("<tspan") == std::string::npos) {
      text.lines.push_back({Unescape(body), x, y});
    } else {
      for (auto span = std::sregex_iterator(body.begin(), body.end(), tspan_pattern);
           span != std::sregex_iterator(); ++span) {
        const std::string span_tag = (*span)[1].str();
        if (!Attribute(span_tag, "x").empty()) x = std::stod(Attribute(span_tag, "x"));
        if (!Attribute(span_tag, "y").empty()) y = std::stod(Attribute(span_tag, "y"));
        y += Length(Attribute(span_tag, "dy"), text.font_size);
        text.lines.push_back({Unescape((*span)[2].str()), x, y});
      }
    }
    out.texts.push_back(std::move(text));
  }
  return out;
}

// Every line of text, with its width estimated from its length, lies inside
// the viewBox.
void ExpectTextInsideViewBox(const std::string& svg, const std::string& name) {
  const Svg parsed = ParseSvg(svg);
  ASSERT_GT(parsed.width, 0) << name;
  for (const SvgText& text : parsed.texts) {
    for (const SvgLine& line : text.lines) {
      const double width =
          kCharWidthPerFontSize * text.font_size * static_cast<double>(CodePoints(line.text));
      double start = line.x;  // along the text's own x axis
      if (text.anchor == "middle") start -= width / 2;
      if (text.anchor == "end") start -= width;
      const double end = start + width;
      const double top = line.y - 0.8 * text.font_size;  // ascent above the baseline
      const double bottom = line.y + 0.25 * text.font_size;
      double left = start, right = end, upper = top, lower = bottom;
      if (text.rotated) {  // (lx, ly) -> (tx + ly, ty - lx)
        left = text.tx + top;
        right = text.tx + bottom;
        upper = text.ty - end;
        lower = text.ty - start;
      }
      EXPECT_GE(left, 0) << name << ": \"" << line.text << "\" starts left of the chart";
      EXPECT_LE(right, parsed.width)
          << name << ": \"" << line.text << "\" runs past the right edge";
      EXPECT_GE(upper, 0) << name << ": \"" << line.text << "\" runs above the chart";
      EXPECT_LE(lower, parsed.height) << name << ": \"" << line.text << "\" runs below the chart";
    }
  }
}

void ExpectNoNegativeZero(const std::string& svg, const std::string& name) {
  const std::regex negative_zero("^\\s*[-\u2212]0(\\.0*)?\\s*$");
  for (const SvgText& text : ParseSvg(svg).texts) {
    for (const SvgLine& line : text.lines) {
      EXPECT_FALSE(std::regex_match(line.text, negative_zero))
          << name << ": tick label \"" << line.text << "\"";
    }
  }
}

std::vector<const ReportFigure*> AllFigures(const Report& report) {
  std::vector<const ReportFigure*> figures;
  for (const ReportSection& section : report.sections) {
    for (const ReportFigure& figure : section.figures) figures.push_back(&figure);
  }
  return figures;
}

// The label of the lowest tick on the vertical axis (the right-aligned
// number lowest on the page).
std::string LowestYTick(const std::string& svg) {
  std::string label;
  double lowest = -1;
  for (const SvgText& text : ParseSvg(svg).texts) {
    if (text.rotated || text.anchor != "end" || text.lines.size() != 1) continue;
    if (!std::regex_match(text.lines[0].text, std::regex("-?[0-9.]+"))) continue;
    if (text.lines[0].y > lowest) {
      lowest = text.lines[0].y;
      label = text.lines[0].text;
    }
  }
  return label;
}

// A caption says where the vertical axis starts when that is not zero.
void ExpectCaptionNamesAxisStart(const ReportFigure& figure, const std::string& name) {
  const std::string start = LowestYTick(figure.svg);
  ASSERT_FALSE(start.empty()) << name;
  const std::string sentence = "The vertical axis starts at " + start + ".";
  if (start == "0") {
    EXPECT_EQ(figure.caption.find("The vertical axis starts at"), std::string::npos)
        << name << ": " << figure.caption;
  } else {
    EXPECT_NE(figure.caption.find(sentence), std::string::npos)
        << name << ": caption \"" << figure.caption << "\" should say \"" << sentence << "\"";
  }
}

std::vector<std::string> ReportTexts(const ReportSection& section) {
  std::vector<std::string> texts = section.paragraphs;
  auto add_table = [&](const ReportTable& table) {
    texts.push_back(table.caption);
    for (const std::string& cell : table.header) texts.push_back(cell);
    for (const auto& row : table.rows) texts.insert(texts.end(), row.begin(), row.end());
  };
  for (const ReportTable& table : section.tables) add_table(table);
  for (const ReportFigure& figure : section.figures) {
    texts.push_back(figure.caption);
    add_table(figure.data);
  }
  return texts;
}

const std::regex& OneWithPlural() {
  static const std::regex pattern(
      "(^|[^0-9.,])1 "
      "(trainees|people|persons|readmissions|admissions|days|resamples|clusters|training cohorts|"
      "cohorts|groups|degrees)\\b");
  return pattern;
}

// ----- 1. Numbers at risk under the Kaplan-Meier chart. -----

struct FollowUp {
  std::vector<int> arm;
  std::vector<double> days;
};

FollowUp ReadFollowUp(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream header_stream(line);
  for (std::string cell; std::getline(header_stream, cell, ',');) header.push_back(cell);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t arm_column = column("arm");
  const std::size_t days_column = column("followup_days");
  FollowUp out;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    out.arm.push_back(std::stoi(cells[arm_column]));
    out.days.push_back(std::stod(cells[days_column]));
  }
  return out;
}

std::vector<std::string> Cells(const std::string& html, const std::string& cell_tag) {
  std::vector<std::string> cells;
  const std::regex pattern("<(th|td)([^>]*)>([^<]*)</(th|td)>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    if ((*it)[1].str() + (*it)[2].str() == cell_tag || cell_tag.empty())
      cells.push_back((*it)[3].str());
  }
  return cells;
}

TEST(ReportTest, NumbersAtRiskTableSitsDirectlyUnderTheKaplanMeierChart) {
  const std::string cohort = OraclePath("data/cohort_small.csv");
  const FollowUp follow_up = ReadFollowUp(cohort);
  const double max_days = *std::max_element(follow_up.days.begin(), follow_up.days.end());
  const Evaluation evaluation = Evaluate(Design::kReadmission, cohort);
  const std::string html = RenderReportHtml(evaluation.report);

  const std::size_t km_chart = html.find("Share not readmitted over time, by group");
  ASSERT_NE(km_chart, std::string::npos);
  const std::size_t svg_end = html.find("</svg>", km_chart);
  const std::size_t table_start = html.find("<table", svg_end);
  const std::size_t figcaption = html.find("<figcaption", svg_end);
  ASSERT_NE(table_start, std::string::npos);
  // Visible straight after the chart, not folded into "the numbers behind
  // this chart" and not after the caption.
  EXPECT_LT(table_start, figcaption) << "the numbers at risk belong directly under the chart";
  const std::string table =
      html.substr(table_start, html.find("</table>", table_start) - table_start);
  EXPECT_NE(table.find("<caption>Number at risk</caption>"), std::string::npos) << table;

  // Columns: the days, from 0, evenly spaced, covering the follow-up.
  std::vector<std::string> header = Cells(table, "th scope=\"col\"");
  ASSERT_GE(header.size(), 5u) << table;
  std::vector<double> days;
  for (std::size_t column = 1; column < header.size(); ++column) {
    ASSERT_TRUE(header[column].starts_with("Day ")) << header[column];
    days.push_back(std::stod(header[column].substr(4)));
  }
  ASSERT_GE(days.size(), 4u);
  EXPECT_LE(days.size(), 8u);
  EXPECT_EQ(days.front(), 0);
  const double step = days[1] - days[0];
  EXPECT_EQ(std::fmod(step, 30), 0) << "follow-up of a year is counted in months of 30 days";
  for (std::size_t column = 1; column < days.size(); ++column)
    EXPECT_EQ(days[column] - days[column - 1], step);
  EXPECT_LE(days.back(), max_days);
  EXPECT_GT(days.back() + step, max_days);

  // Rows: each group's number still followed on that day.
  const std::vector<std::string> groups = Cells(table, "th scope=\"row\"");
  ASSERT_EQ(groups, (std::vector<std::string>{"Peer support", "Comparison"}));
  const std::vector<std::string> counts = Cells(table, "td");
  ASSERT_EQ(counts.size(), 2 * days.size());
  std::map<std::string, std::vector<std::string>> svg_rows;
  for (std::size_t group_idx = 0; group_idx < 2; ++group_idx) {
    const int arm = group_idx == 0 ? 1 : 0;
    for (std::size_t day_idx = 0; day_idx < days.size(); ++day_idx) {
      std::size_t at_risk = 0;
      for (std::size_t person = 0; person < follow_up.days.size(); ++person) {
        at_risk += follow_up.arm[person] == arm && follow_up.days[person] >= days[day_idx];
      }
      EXPECT_EQ(counts[group_idx * days.size() + day_idx], std::to_string(at_risk))
          << groups[group_idx] << " day " << days[day_idx];
    }
  }

  // The same numbers inside the chart, under the axis: a label, then one
  // number per day, in the order of the table.
  const ReportSection* section = FindSection(evaluation.report, "Time to readmission");
  ASSERT_NE(section, nullptr);
  ASSERT_FALSE(section->figures.empty());
  const Svg svg = ParseSvg(section->figures[0].svg);
  std::vector<std::string> texts;
  for (const SvgText& text : svg.texts) texts.push_back(text.All());
  const auto heading = std::find(texts.begin(), texts.end(), "Number at risk");
  ASSERT_NE(heading, texts.end()) << "no numbers at risk in the chart";
  for (std::size_t group_idx = 0; group_idx < 2; ++group_idx) {
    const auto label = std::find(heading, texts.end(), groups[group_idx]);
    ASSERT_NE(label, texts.end()) << groups[group_idx];
    ASSERT_GE(texts.end() - label, static_cast<std::ptrdiff_t>(days.size() + 1));
    for (std::size_t day_idx = 0; day_idx < days.size(); ++day_idx) {
      EXPECT_EQ(*(label + 1 + static_cast<std::ptrdiff_t>(day_idx)),
                counts[group_idx * days.size() + day_idx]);
    }
  }
  // And the axis ticks are the same days, so each number sits under one.
  for (double day : days) {
    EXPECT_NE(std::find(texts.begin(), heading, fmt::format("{}", day)), heading)
        << "no tick at day " << day;
  }
}

TEST(ReportTest, AtRiskDaysAreMonthsUpToTheFollowUp) {
  EXPECT_EQ(AtRiskDays(365), (std::vector<double>{0, 60, 120, 180, 240, 300, 360}));
  EXPECT_EQ(AtRiskDays(180), (std::vector<double>{0, 30, 60, 90, 120, 150, 180}));
  EXPECT_EQ(AtRiskDays(730), (std::vector<double>{0, 180, 360, 540, 720}));
  EXPECT_EQ(AtRiskDays(45),
            (std::vector<double>{0, 10, 20, 30, 40}));  // under 90 days: a 1/2/5 step
  EXPECT_EQ(AtRiskDays(0), (std::vector<double>{0}));
}

// ----- 2. Captions say when the vertical axis does not start at zero. -----

TEST(ReportTest, HopeChartCaptionSaysWhereTheAxisStarts) {
  const Evaluation evaluation = Evaluate(Design::kReadmission, OraclePath("data/cohort_small.csv"));
  const ReportSection* hope = FindSection(evaluation.report, "Hope before and after");
  ASSERT_NE(hope, nullptr);
  ASSERT_EQ(hope->figures.size(), 1u);
  ASSERT_NE(LowestYTick(hope->figures[0].svg), "0")
      << "the test needs a chart whose axis does not start at 0";
  ExpectCaptionNamesAxisStart(hope->figures[0], "hope chart");
  const ReportSection* km = FindSection(evaluation.report, "Time to readmission");
  ASSERT_NE(km, nullptr);
  ExpectCaptionNamesAxisStart(km->figures[0], "Kaplan-Meier chart");
}

TEST(ReportTest, StigmaBeforeAfterCaptionSaysWhereTheAxisStarts) {
  const Evaluation evaluation =
      Evaluate(Design::kStigmaTraining, OraclePath("data/cohort_stigma.csv"));
  int before_after = 0;
  for (const ReportFigure* figure : AllFigures(evaluation.report)) {
    if (figure->svg.find(">Before<") == std::string::npos) continue;
    ++before_after;
    ExpectCaptionNamesAxisStart(*figure, "attitude chart");
  }
  EXPECT_EQ(before_after, 1);
}

TEST(ReportTest, BeforeAfterAxisFromZeroIsNotMentioned) {
  BeforeAfterGroup group{"Group", std::string(kColourArm1), false, 2, 1, 3, 8, 7, 9};
  ReportFigure figure;
  figure.svg =
      BeforeAfterSvg({group}, "Counts", "Counts before and after.", "Count", "Before", "After");
  ASSERT_EQ(LowestYTick(figure.svg), "0");
  figure.caption = "Counts before and after.";
  ExpectCaptionNamesAxisStart(figure, "chart from zero");
}

TEST(ReportTest, CaptionWithAxisStartNamesOnlyAnAxisAboveZero) {
  EXPECT_EQ(CaptionWithAxisStart("Means.", 30), "Means. The vertical axis starts at 30.");
  EXPECT_EQ(CaptionWithAxisStart("Shares.", 0.6), "Shares. The vertical axis starts at 0.6.");
  EXPECT_EQ(CaptionWithAxisStart("Means.", 0), "Means.");
  EXPECT_EQ(CaptionWithAxisStart("Means.", -0.0), "Means.");
}

// ----- 3. No "-0" tick label. -----

TEST(ReportTest, NoNegativeZeroTickLabel) {
  EXPECT_EQ(TickLabel(-0.0), "0");
  EXPECT_EQ(TickLabel(-2.7755575615628914e-17), "0");
  EXPECT_EQ(TickLabel(-0.5), "-0.5");
  EXPECT_EQ(TickLabel(0.25), "0.25");
  // A linear forest plot whose values are all above the reference 0: the
  // padded axis starts just below zero.
  const std::string above_zero = ForestSvg({{"Difference", 3.2, 1.5, 5.0}}, 0.0, false,
                                           "Above zero", "A difference above zero.", "Points");
  ExpectNoNegativeZero(above_zero, "forest above zero");
  EXPECT_NE(above_zero.find(">0</text>"), std::string::npos) << "the reference tick still reads 0";
  // Ticks stepped by 0.1 from below zero reach zero with a rounding error.
  const std::string across_zero = ForestSvg({{"Difference", -0.05, -0.35, 0.3}}, 0.0, false,
                                            "Across zero", "A difference around zero.", "Points");
  ExpectNoNegativeZero(across_zero, "forest across zero");
  const std::string before_after = BeforeAfterSvg(
      {{"Group", std::string(kColourArm1), false, -0.3, -0.6, -0.05, 0.2, 0.05, 0.35}}, "Change",
      "Change.", "Change", "Before", "After");
  ExpectNoNegativeZero(before_after, "before/after across zero");
  for (Design design :
       {Design::kReadmission, Design::kHospitalizationRate, Design::kStigmaTraining}) {
    const std::string file = design == Design::kReadmission ? "data/cohort_small.csv"
                             : design == Design::kHospitalizationRate
                                 ? "data/cohort_hospitalization.csv"
                                 : "data/cohort_stigma.csv";
    const Evaluation evaluation = Evaluate(design, OraclePath(file));
    for (const ReportFigure* figure : AllFigures(evaluation.report))
      ExpectNoNegativeZero(figure->svg, file);
  }
}

// ----- 4. Text inside the charts fits at 640 px. -----

TEST(ReportTest, LongAxisCaptionIsWrappedInsideTheChart) {
  const std::string svg =
      ForestSvg({{"Hazard ratio (Cox, adjusted)", 0.8, 0.6, 1.05},
                 {"Rate ratio (Poisson)", 0.82, 0.66, 1.02}},
                1.0, true, "Ratios", "Ratios of readmission.",
                "Ratio (log scale); below 1 = fewer readmissions with peer support");
  ExpectTextInsideViewBox(svg, "forest plot");
  // Nothing is lost on the way: the whole caption is still there.
  std::string all;
  for (const SvgText& text : ParseSvg(svg).texts) all += text.All() + "\n";
  EXPECT_NE(all.find("Ratio (log scale); below 1 = fewer"), std::string::npos) << all;
  EXPECT_NE(all.find("with peer support"), std::string::npos) << all;
}

TEST(ReportTest, LongLabelsStayInsideTheirCharts) {
  const std::string long_label = "A rather long label for an effect with several words in its name";
  ExpectTextInsideViewBox(
      ForestSvg({{long_label, 1.2, 0.9, 1.6}}, 1.0, true, "Long label", "One effect.",
                "Ratio (log scale); below 1 = fewer admissions after the programme began"),
      "forest plot, long label");
  ExpectTextInsideViewBox(
      BeforeAfterSvg({{"Contact-based training with a long name", std::string(kColourArm1), false,
                       40, 38, 42, 45, 43, 47}},
                     "Long legend", "One group.",
                     "Mean attitude score on the long questionnaire (0 to 100)",
                     "Before the training began", "After the training ended"),
      "before/after, long legend");
}

TEST(ReportTest, EveryReportChartFitsItsViewBox) {
  for (Design design :
       {Design::kReadmission, Design::kHospitalizationRate, Design::kStigmaTraining}) {
    const std::string file = design == Design::kReadmission ? "data/cohort_small.csv"
                             : design == Design::kHospitalizationRate
                                 ? "data/cohort_hospitalization.csv"
                                 : "data/cohort_stigma.csv";
    const Evaluation evaluation = Evaluate(design, OraclePath(file));
    const std::vector<const ReportFigure*> figures = AllFigures(evaluation.report);
    EXPECT_FALSE(figures.empty()) << file;
    for (const ReportFigure* figure : figures) ExpectTextInsideViewBox(figure->svg, file);
  }
}

// ----- 5. One trainee, one admission. -----

TEST(ReportTest, CountNamesOneInTheSingular) {
  EXPECT_EQ(Count(1, "trainee", "trainees"), "1 trainee");
  EXPECT_EQ(Count(0, "trainee", "trainees"), "0 trainees");
  EXPECT_EQ(Count(2, "person", "people"), "2 people");
  EXPECT_EQ(Count(1234, "readmission", "readmissions"), "1,234 readmissions");
}

TEST(ReportTest, StigmaReportCountsOneTraineeInTheSingular) {
  std::string csv = "trainee_id,training_cohort,arm,attitude_before,attitude_after\n";
  for (int trainee = 0; trainee < 16; ++trainee) {
    const int cohort = trainee / 4 + 1;
    const int arm = cohort % 2;
    const int before = 40 + (trainee * 7) % 13;
    const int after = before + 3 + arm * 4 + (trainee * 5) % 7;
    csv += fmt::format("T{:03},{},{},{},{}\n", trainee, cohort, arm,
                       trainee == 5 ? "" : std::to_string(before), after);
  }
  const fs::path path = WriteTemp("stigma_one", csv);
  const Evaluation evaluation = Evaluate(Design::kStigmaTraining, path.string());
  fs::remove(path);
  const std::string html = RenderReportHtml(evaluation.report);
  EXPECT_FALSE(std::regex_search(html, OneWithPlural())) << html;
  EXPECT_NE(html.find("missing for 1 trainee "), std::string::npos) << html;
  EXPECT_EQ(html.find("1 trainee without both scores are"), std::string::npos)
      << "verb agrees with the count";
}

TEST(ReportTest, HospitalizationReportCountsOneAdmissionInTheSingular) {
  const std::string csv =
      "person_id,admissions_before,days_before,admissions_after,days_after\n"
      "P1,1,365,2,200\nP2,0,365,1,180\nP3,0,365,0,150\nP4,0,365,0,120\n";
  const fs::path path = WriteTemp("hospitalization_one", csv);
  const Evaluation evaluation = Evaluate(Design::kHospitalizationRate, path.string());
  fs::remove(path);
  const std::string html = RenderReportHtml(evaluation.report);
  EXPECT_FALSE(std::regex_search(html, OneWithPlural())) << html;
  EXPECT_NE(html.find("(1 admission over"), std::string::npos) << html;
}

TEST(ReportTest, ReadmissionSectionsCountOneResampleInTheSingular) {
  const Evaluation evaluation =
      Evaluate(Design::kReadmission, OraclePath("data/cohort_small.csv"), 1);
  bool said_one = false;
  for (const char* heading : {"Time to readmission", "Hope before and after"}) {
    const ReportSection* section = FindSection(evaluation.report, heading);
    ASSERT_NE(section, nullptr) << heading;
    for (const std::string& text : ReportTexts(*section)) {
      EXPECT_FALSE(std::regex_search(text, OneWithPlural())) << heading << ": " << text;
      said_one = said_one || text.find("(1 resample)") != std::string::npos;
    }
  }
  EXPECT_TRUE(said_one) << "the bootstrap row names its single resample";
}

}  // namespace
}  // namespace alongside::evaluation
