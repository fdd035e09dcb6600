#include "evaluation/estimates.h"

#include <cmath>

#include <gtest/gtest.h>

#include "evaluation/report.h"
#include "evaluation/svg.h"

namespace alongside::evaluation {
namespace {

TEST(EstimatesTest, FullPrecisionAndEmptyCellsRoundTrip) {
  std::vector<EstimateRow> rows = {
      {"cox", "arm", 0.1 + 0.2, 1e-300, -3.5, 0.00073371854056002021, kNotApplicable, 2, ""},
      {"km_median", "arm=1", kNotApplicable, kNotApplicable, kNotApplicable, kNotApplicable,
       kNotApplicable, kNotApplicable, ""},
      {"poisson", "a,\"b\"", 1, 2, 3, 4, 5, 6, ""},
      NotEstimableRow("cox", "sex", kNoteSeparation),
  };
  const std::string csv = EstimatesCsv(rows);
  EXPECT_EQ(csv,
            "analysis,term,estimate,std_error,statistic,p_value,conf_low,conf_high,note\n"
            "cox,arm,0.30000000000000004,1e-300,-3.5,0.00073371854056002021,,2,\n"
            "km_median,arm=1,,,,,,,\n"
            "poisson,\"a,\"\"b\"\"\",1,2,3,4,5,6,\n"
            "cox,sex,,,,,,,separation\n");
  Result<std::vector<EstimateRow>> parsed = ParseEstimatesCsv(csv, "e.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 4u);
  EXPECT_TRUE((*parsed)[0].estimable());
  EXPECT_EQ((*parsed)[3].note, kNoteSeparation);
  EXPECT_TRUE(std::isnan((*parsed)[3].estimate));
  EXPECT_EQ((*parsed)[0].estimate, 0.1 + 0.2);
  EXPECT_EQ((*parsed)[0].std_error, 1e-300);
  EXPECT_TRUE(std::isnan((*parsed)[0].conf_low));
  EXPECT_EQ((*parsed)[2].term, "a,\"b\"");
  EXPECT_EQ((*parsed)[2].conf_high, 6);
}

TEST(EstimatesTest, WrongHeaderIsRefused) {
  EXPECT_FALSE(ParseEstimatesCsv("a,b\n", "e.csv").ok());
}

TEST(ReportTest, TextIsEscapedAndChartsCarryTextEquivalents) {
  Report report;
  report.title = "Title <b>&</b>";
  ReportSection section;
  section.heading = "Section";
  ReportFigure figure;
  figure.svg = ForestSvg({{"Label <x>", 0.8, 0.6, 1.1}}, 1.0, true, "Forest", "desc", "axis");
  figure.caption = "Caption";
  figure.data = {"Numbers", {"Effect", "Estimate"}, {{"Label <x>", "0.8"}}};
  section.figures.push_back(figure);
  report.sections.push_back(section);
  const std::string html = RenderReportHtml(report);
  EXPECT_NE(html.find("Title &lt;b&gt;&amp;&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>&</b>"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Label &lt;x&gt;</text>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Label &lt;x&gt;</th>"), std::string::npos);
  EXPECT_NE(html.find("<figcaption>Caption"), std::string::npos);
}

}  // namespace
}  // namespace alongside::evaluation
