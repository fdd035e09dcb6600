// The governance audit (src/rules/data/governance.json and
// domain/governance.h): the shipped file, the audit computed from facts case
// by case (G01-...), the co-production rule (C01-...) and malformed files
// refused with file:line:column (F01-...). The ids are stable so a report
// can cite "governance G04".
#include "domain/governance.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace alongside::domain {
namespace {

const char kShippedPath[] = ALONGSIDE_SOURCE_DIR "/src/rules/data/governance.json";

std::string ShippedText() {
  std::ifstream in(kShippedPath);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const GovernanceRules& Shipped() {
  static const GovernanceRules* const rules = [] {
    Result<GovernanceRules> loaded = GovernanceRules::FromJson(ShippedText());
    EXPECT_TRUE(loaded.ok()) << kShippedPath << ": " << loaded.status().ToString();
    return loaded.ok() ? new GovernanceRules(std::move(loaded).value()) : new GovernanceRules();
  }();
  return *rules;
}

// Two items, one per dimension, weight 1, with these minimums.
GovernanceRules Small(double accountability, double mutuality) {
  const std::string text = R"({"minimums": {"accountability": )" + std::to_string(accountability) +
                           R"(, "mutuality": )" + std::to_string(mutuality) + R"(},
    "coproduction": {"min_endorsements": 2},
    "items": [
      {"code": "clinical_supervisor", "dimension": "accountability", "weight": 1,
       "known": "computed", "label": "L", "to_meet": "M"},
      {"code": "senior_peer_supervisor", "dimension": "mutuality", "weight": 1,
       "known": "computed", "label": "L", "to_meet": "M"}]})";
  Result<GovernanceRules> rules = GovernanceRules::FromJson(text);
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return rules.ok() ? std::move(rules).value() : GovernanceRules();
}

const std::vector<std::string> kDeclared = {"documentation_standard", "risk_protocol",
                                            "parity_pay", "grievance_process", "career_ladder"};

GovernanceFacts Full(std::int64_t workers = 4) {
  GovernanceFacts facts;
  facts.active_peer_workers = workers;
  facts.with_clinical_supervisor = workers;
  facts.with_senior_peer_supervisor = workers;
  facts.with_current_certification = workers;
  facts.with_recent_peer_supervision = workers;
  facts.adopted_metrics = 2;
  facts.coproduced_adopted_metrics = 2;
  for (const std::string& code : kDeclared) {
    facts.declarations[code] = GovernanceDeclaration{1, code, true, "policy binder", 9, 100};
  }
  return facts;
}

struct AuditCase {
  const char* id;
  const char* what;
  GovernanceFacts facts;
  double accountability;
  double mutuality;
  bool passes;
  // An item to check, its score and the start of its explanation ("" skips).
  const char* item = "";
  double item_score = 0;
  const char* explanation = "";
};

std::vector<AuditCase> AuditCases() {
  std::vector<AuditCase> cases;
  cases.push_back({"G01", "everything in place", Full(), 1.0, 1.0, true, "clinical_supervisor",
                   1.0, "4 of 4 peer workers have a clinical supervisor."});
  cases.push_back({"G02", "an empty program: no workers, metrics or declarations",
                   GovernanceFacts{}, 0.0, 0.0, false, "clinical_supervisor", 0.0,
                   "There are no active peer workers to count."});
  {
    GovernanceFacts facts = Full();
    facts.with_clinical_supervisor = 3;
    // (3 * 0.75 + 2 + 3 + 2 + 1) / 11
    cases.push_back({"G03", "one worker without a clinical supervisor", facts, 10.25 / 11, 1.0,
                     true, "clinical_supervisor", 0.75,
                     "3 of 4 peer workers have a clinical supervisor."});
  }
  {
    GovernanceFacts facts = Full();
    facts.declarations["risk_protocol"].met = false;
    cases.push_back({"G04", "no risk protocol: accountability below 0.8", facts, 8.0 / 11, 1.0,
                     false, "risk_protocol", 0.0, "Declared not met."});
  }
  {
    GovernanceFacts facts = Full();
    facts.declarations.erase("parity_pay");
    facts.declarations.erase("career_ladder");
    facts.declarations.erase("grievance_process");
    // mutuality (3 + 2 + 2) / 11 = 0.636 < 0.7
    cases.push_back({"G05", "three declared mutuality items missing", facts, 1.0, 7.0 / 11, false,
                     "parity_pay", 0.0, "Not declared yet."});
  }
  {
    GovernanceFacts facts = Full();
    facts.declarations.erase("parity_pay");
    facts.declarations.erase("career_ladder");
    // (3 + 2 + 2 + 2) / 11 = 0.818
    cases.push_back({"G06", "parity pay and career ladder missing: mutuality still passes", facts,
                     1.0, 9.0 / 11, true, "career_ladder", 0.0, "Not declared yet."});
  }
  {
    GovernanceFacts facts = Full();
    facts.adopted_metrics = 0;
    facts.coproduced_adopted_metrics = 0;
    cases.push_back({"G07", "no adopted metric: both metric items score 0", facts, 10.0 / 11,
                     9.0 / 11, true, "coproduced_metrics", 0.0,
                     "No metric has been adopted yet."});
  }
  {
    GovernanceFacts facts = Full();
    facts.adopted_metrics = 4;
    facts.coproduced_adopted_metrics = 1;
    cases.push_back({"G08", "one of four adopted metrics co-produced", facts, 1.0,
                     (11 - 2 * 0.75) / 11, true, "coproduced_metrics", 0.25,
                     "1 of 4 adopted metrics are co-produced with people served."});
  }
  {
    GovernanceFacts facts = Full();
    facts.adopted_metrics = 1;
    facts.coproduced_adopted_metrics = 1;
    cases.push_back({"G09", "one adopted metric is enough for performance metrics", facts, 1.0,
                     1.0, true, "performance_metrics", 1.0, "1 metric adopted."});
  }
  {
    GovernanceFacts facts = Full(5);
    facts.with_recent_peer_supervision = 2;
    facts.with_senior_peer_supervisor = 4;
    // (3 * 0.8 + 2 * 0.4 + 2 + 1 + 2 + 1) / 11
    cases.push_back({"G10", "peer practice supervision late for three of five", facts, 1.0,
                     (2.4 + 0.8 + 6) / 11, true, "peer_practice_supervision", 0.4,
                     "2 of 5 peer workers had peer practice supervision on time."});
  }
  {
    GovernanceFacts facts = Full(1);
    facts.with_current_certification = 0;
    cases.push_back({"G11", "the only worker's certification expired", facts, 9.0 / 11, 1.0, true,
                     "current_certifications", 0.0,
                     "0 of 1 peer worker hold a current certification."});
  }
  {
    GovernanceFacts facts = Full(3);
    facts.with_senior_peer_supervisor = 0;
    facts.with_recent_peer_supervision = 0;
    // clinical-only supervision: mutuality (2 + 1 + 2 + 1) / 11
    cases.push_back({"G12", "clinical-only supervision fails mutuality", facts, 1.0, 6.0 / 11,
                     false, "senior_peer_supervisor", 0.0,
                     "0 of 3 peer workers have a senior peer supervisor."});
  }
  return cases;
}

TEST(GovernanceTest, ShippedFileLoadsWithTheDocumentedDefaults) {
  const GovernanceRules& rules = Shipped();
  EXPECT_DOUBLE_EQ(rules.minimum(GovernanceDimension::kAccountability), 0.8);
  EXPECT_DOUBLE_EQ(rules.minimum(GovernanceDimension::kMutuality), 0.7);
  EXPECT_EQ(rules.min_endorsements(), 3);
  std::set<std::string> codes;
  for (const GovernanceItem& item : rules.items()) {
    codes.insert(item.code);
    EXPECT_FALSE(item.to_meet.empty()) << item.code;
  }
  for (std::string_view code : kComputedGovernanceCodes) {
    EXPECT_EQ(codes.count(std::string(code)), 1u) << code;
  }
  for (const std::string& code : kDeclared) EXPECT_EQ(codes.count(code), 1u) << code;
  EXPECT_EQ(rules.items().size(), 11u);
  // The compiled-in copy is the same file.
  EXPECT_EQ(GovernanceRules::Default().items().size(), rules.items().size());
}

TEST(GovernanceTest, AuditCases) {
  for (const AuditCase& test : AuditCases()) {
    SCOPED_TRACE(std::string(test.id) + ": " + test.what);
    const GovernanceAudit audit = ComputeGovernanceAudit(Shipped(), test.facts);
    EXPECT_NEAR(audit.accountability.score, test.accountability, 1e-9);
    EXPECT_NEAR(audit.mutuality.score, test.mutuality, 1e-9);
    EXPECT_EQ(audit.passes, test.passes);
    EXPECT_EQ(audit.accountability.passes, test.accountability >= 0.8);
    EXPECT_EQ(audit.mutuality.passes, test.mutuality >= 0.7);
    ASSERT_EQ(audit.items.size(), Shipped().items().size());
    for (const GovernanceItemResult& result : audit.items) {
      EXPECT_GE(result.score, 0.0);
      EXPECT_LE(result.score, 1.0);
      EXPECT_EQ(result.met, result.score >= 1.0);
      if (result.item.code != test.item) continue;
      EXPECT_NEAR(result.score, test.item_score, 1e-9);
      EXPECT_EQ(result.explanation, test.explanation);
    }
  }
}

TEST(GovernanceTest, G20_MinimumsAreInclusiveAndConfigurable) {
  GovernanceFacts facts;
  facts.active_peer_workers = 4;
  facts.with_clinical_supervisor = 3;
  facts.with_senior_peer_supervisor = 2;
  GovernanceAudit at = ComputeGovernanceAudit(Small(0.75, 0.5), facts);
  EXPECT_TRUE(at.accountability.passes);
  EXPECT_TRUE(at.mutuality.passes);
  EXPECT_TRUE(at.passes);
  GovernanceAudit above = ComputeGovernanceAudit(Small(0.76, 0.5), facts);
  EXPECT_FALSE(above.accountability.passes);
  EXPECT_TRUE(above.mutuality.passes);
  EXPECT_FALSE(above.passes);
  EXPECT_DOUBLE_EQ(above.accountability.minimum, 0.76);
}

TEST(GovernanceTest, G21_DeclaredItemKeepsItsEvidence) {
  GovernanceFacts facts = Full();
  GovernanceAudit audit = ComputeGovernanceAudit(Shipped(), facts);
  for (const GovernanceItemResult& result : audit.items) {
    if (result.item.code != "parity_pay") continue;
    ASSERT_NE(result.declaration, nullptr);
    EXPECT_EQ(result.declaration->evidence, "policy binder");
    EXPECT_EQ(result.numerator, 1);
    EXPECT_EQ(result.denominator, 1);
  }
}

TEST(GovernanceTest, CoProductionCases) {
  struct Case {
    const char* id;
    bool by_person;
    std::int64_t endorsements;
    bool expected;
  };
  const Case cases[] = {
      {"C01-proposed-by-a-person", true, 0, true},
      {"C02-staff-two-endorsements", false, 2, false},
      {"C03-staff-three-endorsements", false, 3, true},
      {"C04-staff-none", false, 0, false},
  };
  for (const Case& test : cases) {
    ProgramMetric metric;
    if (test.by_person) {
      metric.proposed_by_person_id = 5;
    } else {
      metric.proposed_by_staff_id = 2;
    }
    metric.endorsements = test.endorsements;
    EXPECT_EQ(IsCoProduced(metric, Shipped().min_endorsements()), test.expected) << test.id;
  }
}

TEST(GovernanceTest, MalformedFilesNameFileLineAndColumn) {
  struct Case {
    const char* id;
    std::string from;  // replaced in the shipped text
    std::string to;
    const char* detail;  // the start of the error's detail
  };
  const std::vector<Case> cases = {
      {"F01-minimum-above-one", "\"accountability\": 0.8", "\"accountability\": 1.5",
       "minimums.accountability must be a number from 0 to 1"},
      {"F02-unknown-computed-code", "\"code\": \"clinical_supervisor\"",
       "\"code\": \"clinical_oversight\"", "items[0].code is not an item the audit can compute"},
      {"F03-repeated-code", "\"code\": \"risk_protocol\"", "\"code\": \"documentation_standard\"",
       "items[2].code repeats the code documentation_standard"},
      {"F04-weight-zero", "\"weight\": 3", "\"weight\": 0", "items[0].weight must be"},
      {"F05-unknown-known", "\"known\": \"declared\"", "\"known\": \"assumed\"",
       "items[1].known must be computed or declared"},
      {"F06-unknown-key", "\"coproduction\": {", "\"coproduction\": { \"min_endorsement\": 3,",
       "coproduction.min_endorsement is not expected here"},
      {"F07-endorsements-zero", "\"min_endorsements\": 3", "\"min_endorsements\": 0",
       "coproduction.min_endorsements must be"},
      {"F08-bad-dimension", "\"dimension\": \"accountability\"", "\"dimension\": \"safety\"",
       "items[0].dimension must be accountability or mutuality"},
  };
  for (const Case& test : cases) {
    std::string text = ShippedText();
    size_t at = text.find(test.from);
    ASSERT_NE(at, std::string::npos) << test.id;
    text.replace(at, test.from.size(), test.to);
    Result<GovernanceRules> rules = GovernanceRules::FromJson(text);
    ASSERT_FALSE(rules.ok()) << test.id;
    EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument) << test.id;
    EXPECT_EQ(rules.status().field().rfind("governance.json:", 0), 0u)
        << test.id << ": " << rules.status().ToString();
    EXPECT_EQ(rules.status().detail().rfind(test.detail, 0), 0u)
        << test.id << ": " << rules.status().ToString();
  }
  // F09: every mutuality item removed.
  Result<GovernanceRules> only_accountability = GovernanceRules::FromJson(R"({
    "minimums": {"accountability": 0.8, "mutuality": 0.7},
    "coproduction": {"min_endorsements": 3},
    "items": [{"code": "risk_protocol", "dimension": "accountability", "weight": 1,
               "known": "declared", "label": "L", "to_meet": "M"}]})");
  ASSERT_FALSE(only_accountability.ok());
  EXPECT_NE(only_accountability.status().detail().find("at least one mutuality item"),
            std::string::npos)
      << only_accountability.status().ToString();
}

}  // namespace
}  // namespace alongside::domain
