// The safety protocol's rules (domain/safety.h, docs/safety.md): each rule
// refused with its code and each allowed path accepted, step by step. Cases
// carry stable ids, one numbering over all the tables, so a report can cite
// "S51-close-while-imminent-unanswered":
//   S01-S73   CheckSafetyStep: one step after a history (S62-S73: text
//             limits, and which rule is named when several are broken)
//   S74-S82   whole paths, step by step, and whether they end complete
//   S83-S92   ValidateSafetyOpening
//   S93-S97   SafetyStateOf
//   S98-S112  NextSafetyStep
//   S113-S122 AllowedSafetySteps
// New cases take the next free id; an id is never reused.
// The property test beside it (safety_property_test.cc) tries random steps.
#include "domain/safety.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace alongside::domain {
namespace {

using Code = SafetyStepCode;
using Steps = std::vector<SafetyStep>;

constexpr Instant kDisclosed = 1773478800;  // 2026-03-14T09:00:00Z
constexpr Instant At(int minute) { return kDisclosed + Instant{minute} * 60; }
constexpr Instant kNow = At(24 * 60);  // the next day

SafetyStep Step(Code code, int minute) {
  SafetyStep step;
  step.step = code;
  step.at = At(minute);
  step.recorded_at = At(minute);
  step.by_staff_id = 7;
  return step;
}
SafetyStep Conf(int minute) { return Step(Code::kConfidentialityExplained, minute); }
SafetyStep Plan(int minute) { return Step(Code::kSafetyPlanning, minute); }
SafetyStep Consult(int minute) { return Step(Code::kSupervisorConsulted, minute); }
SafetyStep Judge(int minute, std::optional<bool> imminent,
                 std::string reason = "she has a plan and the means at home") {
  SafetyStep step = Step(Code::kImminentRiskJudged, minute);
  step.imminent = imminent;
  step.reason = std::move(reason);
  return step;
}
SafetyStep Connect(int minute, std::string to = "the on-call psychiatrist") {
  SafetyStep step = Step(Code::kConnectedWithConsent, minute);
  step.to = std::move(to);
  return step;
}
SafetyStep Escalate(int minute,
                    std::string justification = "she left saying she would act tonight") {
  SafetyStep step = Step(Code::kEscalatedWithoutConsent, minute);
  step.justification = std::move(justification);
  return step;
}
SafetyStep Emergency(int minute, std::string justification = "he had taken pills; 911 came first") {
  SafetyStep step = Escalate(minute, std::move(justification));
  step.emergency = true;
  return step;
}
SafetyStep FollowUp(int minute) { return Step(Code::kFollowUp, minute); }
SafetyStep Close(int minute, std::string reason = "") {
  SafetyStep step = Step(Code::kClosed, minute);
  step.reason = std::move(reason);
  return step;
}

// A step with one more fact than its own, or a longer text.
template <typename Change>
SafetyStep With(SafetyStep step, Change change) {
  change(step);
  return step;
}

// The least restrictive steps, ten minutes apart.
Steps ThroughConsult() { return {Conf(0), Plan(10), Consult(20)}; }
Steps Then(Steps steps, std::initializer_list<SafetyStep> more) {
  steps.insert(steps.end(), more.begin(), more.end());
  return steps;
}
Steps JudgedNo() { return Then(ThroughConsult(), {Judge(30, false, "she is safe tonight")}); }
Steps JudgedYes() { return Then(ThroughConsult(), {Judge(30, true)}); }
Steps ClosedPath() { return Then(JudgedNo(), {Connect(40), FollowUp(50), Close(60)}); }

SafetyEvent Event(Steps steps) {
  SafetyEvent event;
  event.id = 1;
  event.person_id = 2;
  event.worker_id = 7;
  event.kind = SafetyKind::kSuicidalThoughtsWithPlan;
  event.disclosed_at = kDisclosed;
  event.opened_at = kDisclosed;
  event.steps = std::move(steps);
  return event;
}

// Records `steps` one by one through CheckSafetyStep, as the use case does;
// the first refusal, or the event.
Result<SafetyEvent> Record(const Steps& steps, Instant now = kNow) {
  SafetyEvent event = Event({});
  for (const SafetyStep& step : steps) {
    Status status = CheckSafetyStep(event, step, now);
    if (!status.ok()) {
      return Status::Internal(std::string(Name(step.step)) + " at step " +
                              std::to_string(event.steps.size() + 1) + ": " + status.ToString());
    }
    event.steps.push_back(step);
  }
  return event;
}

template <typename Case>
std::string CaseName(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.id;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// What a check should answer: "" (ok), a rule code (a Conflict whose
// detail starts "[code] "), or "field:<name>" (InvalidArgument naming it).
void ExpectAnswer(const Status& status, const std::string& expect) {
  if (expect.empty()) {
    EXPECT_TRUE(status.ok()) << status.ToString();
  } else if (expect.rfind("field:", 0) == 0) {
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
    EXPECT_EQ(status.field(), expect.substr(6)) << status.ToString();
    EXPECT_FALSE(status.detail().empty());
  } else {
    ASSERT_EQ(status.code(), StatusCode::kConflict) << status.ToString();
    const std::string prefix = "[" + expect + "] ";
    ASSERT_EQ(status.detail().rfind(prefix, 0), 0u) << status.detail();
    const std::string sentence = status.detail().substr(prefix.size());
    // A calm sentence for a person, not an identifier.
    EXPECT_GT(sentence.size(), 20u) << status.detail();
    EXPECT_EQ(sentence.find('_'), std::string::npos) << status.detail();
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(sentence[0]))) << status.detail();
  }
}

// --- CheckSafetyStep ------------------------------------------------------

struct StepCase {
  const char* id;
  Steps before;  // recorded so far (each accepted in turn)
  SafetyStep step;
  std::string expect;
  Instant now = kNow;
};

void PrintTo(const StepCase& test_case, std::ostream* out) { *out << test_case.id; }

const std::string kLong(kMaxSafetyText + 1, 'x');
const std::string kLongest(kMaxSafetyText, 'x');

const std::vector<StepCase>& StepCases() {
  // clang-format off
  static const std::vector<StepCase> cases = {
      {"S01-confidentiality-first", {}, Conf(0), ""},
      {"S02-planning-after-confidentiality", {Conf(0)}, Plan(10), ""},
      // safety.closed
      {"S03-follow-up-after-closed", ClosedPath(), FollowUp(70), "safety.closed"},
      {"S04-closed-twice", ClosedPath(), Close(70, "again"), "safety.closed"},
      {"S05-judgement-after-closed", ClosedPath(), Judge(70, true), "safety.closed"},
      // safety.time
      {"S06-before-the-disclosure", {}, Conf(-1), "safety.time"},
      {"S07-at-the-disclosure", {}, Conf(0), ""},
      {"S08-before-the-previous-step", {Conf(10)}, Plan(5), "safety.time"},
      {"S09-same-minute-as-the-previous-step", {Conf(10)}, Plan(10), ""},
      {"S10-in-the-future", {}, Conf(31), "safety.time", At(30)},
      {"S11-exactly-now", {}, Conf(30), "", At(30)},
      {"S12-emergency-dated-before-disclosure", {}, Emergency(-5), "safety.time"},
      {"S13-earlier-step-recorded-after-emergency-dated-before-it", {Emergency(10)}, Conf(5), "safety.time"},
      // safety.once
      {"S14-confidentiality-twice", {Conf(0)}, Conf(5), "safety.once"},
      {"S15-supervisor-twice", ThroughConsult(), Consult(25), "safety.once"},
      {"S16-connection-twice", Then(JudgedNo(), {Connect(40)}), Connect(45, "a crisis line"), "safety.once"},
      {"S17-escalation-twice", Then(JudgedYes(), {Escalate(40)}), Emergency(45), "safety.once"},
      {"S18-planning-again", Then(ThroughConsult(), {Plan(25)}), Plan(26), ""},
      {"S19-judgement-again", JudgedNo(), Judge(35, true), ""},
      {"S20-follow-up-again", Then(JudgedNo(), {FollowUp(40)}), FollowUp(45), ""},
      // safety.order
      {"S21-planning-before-confidentiality", {}, Plan(0), "safety.order"},
      {"S22-supervisor-before-planning", {Conf(0)}, Consult(10), "safety.order"},
      {"S23-judgement-before-supervisor", {Conf(0), Plan(10)}, Judge(20, false), "safety.order"},
      {"S24-connection-before-judgement", ThroughConsult(), Connect(30), "safety.order"},
      {"S25-follow-up-before-judgement", ThroughConsult(), FollowUp(30), "safety.order"},
      {"S26-follow-up-after-emergency-without-judgement", {Emergency(0)}, FollowUp(10), ""},
      {"S27-planning-right-after-emergency", {Emergency(0)}, Plan(10), ""},
      {"S28-supervisor-right-after-emergency", {Emergency(0)}, Consult(10), ""},
      {"S29-connection-after-emergency-without-judgement", {Emergency(0), Consult(5)}, Connect(10), ""},
      // safety.judgement
      {"S30-judgement-without-yes-or-no", ThroughConsult(), Judge(30, std::nullopt), "safety.judgement"},
      {"S31-judgement-without-why", ThroughConsult(), Judge(30, false, ""), "safety.judgement"},
      {"S32-judgement-with-blank-why", ThroughConsult(), Judge(30, true, " \t\n"), "safety.judgement"},
      // safety.consent_to
      {"S33-connection-to-nobody", JudgedNo(), Connect(40, ""), "safety.consent_to"},
      {"S34-connection-to-blank", JudgedNo(), Connect(40, "   "), "safety.consent_to"},
      // safety.escalation
      {"S35-escalation-after-imminent-yes", JudgedYes(), Escalate(40), ""},
      {"S36-escalation-without-justification", JudgedYes(), Escalate(40, "  "), "safety.escalation"},
      {"S37-escalation-before-any-judgement", ThroughConsult(), Escalate(30), "safety.escalation"},
      {"S38-escalation-as-first-step-not-emergency", {}, Escalate(0), "safety.escalation"},
      {"S39-escalation-after-judgement-no", JudgedNo(), Escalate(40), "safety.escalation"},
      {"S40-escalation-after-yes-then-no", Then(JudgedYes(), {Judge(35, false, "calmer now")}), Escalate(40), "safety.escalation"},
      {"S41-escalation-after-consent-answered-the-yes", Then(JudgedYes(), {Connect(35)}), Escalate(40), "safety.escalation"},
      {"S42-escalation-after-consent-then-yes-again", Then(JudgedYes(), {Connect(35), Judge(40, true, "she refused the appointment")}), Escalate(45), ""},
      {"S43-emergency-as-first-step", {}, Emergency(0), ""},
      {"S44-emergency-without-justification", {}, Emergency(0, ""), "safety.escalation"},
      {"S45-emergency-midway", {Conf(0)}, Emergency(5), ""},
      // safety.close_supervisor
      {"S46-close-before-supervisor", {Conf(0), Plan(10)}, Close(20, "moved away"), "safety.close_supervisor"},
      {"S47-close-after-emergency-without-supervisor", {Emergency(0), FollowUp(10)}, Close(20), "safety.close_supervisor"},
      // safety.close_follow_up
      {"S48-close-without-follow-up-or-reason", Then(JudgedNo(), {Connect(40)}), Close(50), "safety.close_follow_up"},
      {"S49-close-with-blank-reason", Then(JudgedNo(), {Connect(40)}), Close(50, "  "), "safety.close_follow_up"},
      {"S50-close-with-reason-instead-of-follow-up", Then(JudgedNo(), {Connect(40)}), Close(50, "he moved out of state"), ""},
      // safety.close_imminent
      {"S51-close-while-imminent-unanswered", Then(JudgedYes(), {FollowUp(40)}), Close(50), "safety.close_imminent"},
      {"S52-close-after-yes-answered-by-consent", Then(JudgedYes(), {Connect(40), FollowUp(50)}), Close(60), ""},
      {"S53-close-after-consent-then-yes-again", Then(JudgedYes(), {Connect(35), Judge(40, true), FollowUp(50)}), Close(60), "safety.close_imminent"},
      {"S54-close-after-yes-then-no", Then(JudgedYes(), {Judge(35, false, "calmer now"), FollowUp(50)}), Close(60), ""},
      // safety.step_fields
      {"S55-imminent-on-a-follow-up", JudgedNo(), With(FollowUp(40), [](SafetyStep& s) { s.imminent = false; }), "safety.step_fields"},
      {"S56-reason-on-planning", {Conf(0)}, With(Plan(10), [](SafetyStep& s) { s.reason = "why"; }), "safety.step_fields"},
      {"S57-to-on-an-escalation", JudgedYes(), With(Escalate(40), [](SafetyStep& s) { s.to = "police"; }), "safety.step_fields"},
      {"S58-justification-on-a-connection", JudgedNo(), With(Connect(40), [](SafetyStep& s) { s.justification = "why"; }), "safety.step_fields"},
      {"S59-emergency-on-closing", Then(JudgedNo(), {FollowUp(40)}), With(Close(50), [](SafetyStep& s) { s.emergency = true; }), "safety.step_fields"},
      {"S60-plan-on-supervisor", {Conf(0), Plan(10)}, With(Consult(20), [](SafetyStep& s) { s.plan_id = 3; }), "safety.step_fields"},
      {"S61-plan-and-note-on-planning", {Conf(0)}, With(Plan(10), [](SafetyStep& s) { s.plan_id = 3; s.note = "her own words"; }), ""},
      // Texts over their limits name the field, before any rule.
      {"S62-note-over-its-limit", {}, With(Conf(0), [](SafetyStep& s) { s.note = kLong; }), "field:note"},
  };
  // clang-format on
  return cases;
}

// Text limits, and the order in which broken rules are named.
const std::vector<StepCase>& LimitCases() {
  // clang-format off
  static const std::vector<StepCase> cases = {
      {"S63-note-at-its-limit", {}, With(Conf(0), [](SafetyStep& s) { s.note = kLongest; }), ""},
      {"S64-reason-over-its-limit", ThroughConsult(), Judge(30, false, kLong), "field:reason"},
      {"S65-reason-at-its-limit", ThroughConsult(), Judge(30, false, kLongest), ""},
      {"S66-to-over-its-limit", JudgedNo(), Connect(40, std::string(kMaxSafetyTo + 1, 'x')), "field:to"},
      {"S67-to-at-its-limit", JudgedNo(), Connect(40, std::string(kMaxSafetyTo, 'x')), ""},
      {"S68-justification-over-its-limit", JudgedYes(), Escalate(40, kLong), "field:justification"},
      {"S69-long-note-on-a-closed-event", ClosedPath(), With(FollowUp(70), [](SafetyStep& s) { s.note = kLong; }), "field:note"},
      {"S70-long-reason-on-the-wrong-step", {Conf(0)}, With(Plan(10), [](SafetyStep& s) { s.reason = kLong; }), "field:reason"},
      // Several rules broken: the first in the header's order is named.
      {"S71-out-of-order-and-foreign-fact", {}, With(Plan(0), [](SafetyStep& s) { s.to = "x"; }), "safety.order"},
      {"S72-future-and-twice", {Conf(0)}, Conf(31), "safety.time", At(30)},
      {"S73-not-a-step", {}, Step(static_cast<Code>(42), 0), "field:step"},
  };
  // clang-format on
  return cases;
}

class SafetyStepTest : public testing::TestWithParam<StepCase> {};

TEST_P(SafetyStepTest, AnswersThisWay) {
  const StepCase& test_case = GetParam();
  Result<SafetyEvent> event = Record(test_case.before);
  ASSERT_TRUE(event.ok()) << "the case's history: " << event.status().ToString();
  ExpectAnswer(CheckSafetyStep(*event, test_case.step, test_case.now), test_case.expect);
}

INSTANTIATE_TEST_SUITE_P(Rules, SafetyStepTest, testing::ValuesIn(StepCases()), CaseName<StepCase>);
INSTANTIATE_TEST_SUITE_P(Limits, SafetyStepTest, testing::ValuesIn(LimitCases()),
                         CaseName<StepCase>);

TEST(SafetyTest, EveryRuleCodeIsRefusedByTheTable) {
  std::set<std::string> refused;
  for (const StepCase& test_case : StepCases()) refused.insert(test_case.expect);
  for (std::string_view rule : kSafetyRuleCodes) {
    EXPECT_TRUE(refused.count(std::string(rule))) << rule;
  }
}

// --- Whole paths ----------------------------------------------------------

struct PathCase {
  const char* id;
  Steps steps;  // each must be accepted in turn
  bool closed;
  bool complete;
};

void PrintTo(const PathCase& test_case, std::ostream* out) { *out << test_case.id; }

const std::vector<PathCase>& PathCases() {
  // clang-format off
  static const std::vector<PathCase> cases = {
      // Alex and Dana: least restrictive first, ending in a connection she agreed to.
      {"S74-least-restrictive-to-connection-with-consent", ClosedPath(), true, true},
      {"S75-judged-no-then-follow-up-then-close", Then(JudgedNo(), {FollowUp(40), Close(50)}), true, true},
      {"S76-imminent-yes-then-escalation-with-justification", Then(JudgedYes(), {Escalate(40), FollowUp(50), Close(60)}), true, true},
      {"S77-emergency-first-then-earlier-steps-recorded", {Emergency(0), Conf(30), Plan(40), Consult(50), Judge(60, false, "in hospital, safe"), FollowUp(70), Close(80)}, true, true},
      {"S78-close-with-reason-instead-of-follow-up", Then(JudgedNo(), {Connect(40), Close(50, "she asked us not to call again")}), true, true},
      {"S79-imminent-yes-answered-by-consent", Then(JudgedYes(), {Connect(40), FollowUp(50), Close(60)}), true, true},
      // Closed short of the protocol: allowed, and not complete.
      {"S80-closed-without-judgement", Then(ThroughConsult(), {Close(30, "he moved away")}), true, false},
      {"S81-emergency-closed-without-the-earlier-steps", {Emergency(0), Consult(10), FollowUp(20), Close(30)}, true, false},
      {"S82-followed-up-but-not-closed", Then(JudgedNo(), {Connect(40), FollowUp(50)}), false, false},
  };
  // clang-format on
  return cases;
}

class SafetyPathTest : public testing::TestWithParam<PathCase> {};

TEST_P(SafetyPathTest, EveryStepIsAccepted) {
  const PathCase& test_case = GetParam();
  Result<SafetyEvent> event = Record(test_case.steps);
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  EXPECT_EQ(SafetyStateOf(*event).closed, test_case.closed);
  EXPECT_EQ(NextSafetyStep(*event).has_value(), !test_case.closed);
  EXPECT_EQ(SafetyProtocolComplete(*event), test_case.complete);
}

INSTANTIATE_TEST_SUITE_P(Paths, SafetyPathTest, testing::ValuesIn(PathCases()), CaseName<PathCase>);

// --- ValidateSafetyOpening ------------------------------------------------

struct OpeningCase {
  const char* id;
  SafetyKind kind;
  Instant disclosed_before_now;  // seconds; negative is in the future
  std::string description;
  std::string expect;
};

void PrintTo(const OpeningCase& test_case, std::ostream* out) { *out << test_case.id; }

constexpr Instant kDay = 24 * 60 * 60;

const std::vector<OpeningCase>& OpeningCases() {
  const auto kPassive = SafetyKind::kSuicidalThoughtsPassive;
  const auto kOther = SafetyKind::kOther;
  // clang-format off
  static const std::vector<OpeningCase> cases = {
      {"S83-disclosed-just-now", kPassive, 0, "", ""},
      {"S84-disclosed-in-the-future", kPassive, -1, "", "field:disclosed_at"},
      {"S85-disclosed-exactly-30-days-ago", kPassive, 30 * kDay, "", ""},
      {"S86-disclosed-over-30-days-ago", kPassive, 30 * kDay + 1, "", "field:disclosed_at"},
      {"S87-other-needs-a-description", kOther, 60, "", "field:description"},
      {"S88-other-with-a-blank-description", kOther, 60, " \n ", "field:description"},
      {"S89-other-described", kOther, 60, "he spoke of hurting his brother's dog", ""},
      {"S90-description-over-its-limit", SafetyKind::kRiskToOthers, 60, kLong, "field:description"},
      {"S91-description-at-its-limit", kOther, 60, kLongest, ""},
      {"S92-future-and-undescribed-names-the-time", kOther, -60, "", "field:disclosed_at"},
  };
  // clang-format on
  return cases;
}

class SafetyOpeningTest : public testing::TestWithParam<OpeningCase> {};

TEST_P(SafetyOpeningTest, AnswersThisWay) {
  const OpeningCase& test_case = GetParam();
  ExpectAnswer(ValidateSafetyOpening(test_case.kind, kNow - test_case.disclosed_before_now,
                                     test_case.description, kNow),
               test_case.expect);
}

INSTANTIATE_TEST_SUITE_P(Openings, SafetyOpeningTest, testing::ValuesIn(OpeningCases()),
                         CaseName<OpeningCase>);

// --- SafetyStateOf --------------------------------------------------------

void ExpectState(const SafetyState& actual, const SafetyState& expected) {
  EXPECT_EQ(actual.confidentiality_explained, expected.confidentiality_explained);
  EXPECT_EQ(actual.safety_planned, expected.safety_planned);
  EXPECT_EQ(actual.supervisor_consulted, expected.supervisor_consulted);
  EXPECT_EQ(actual.imminent, expected.imminent);
  EXPECT_EQ(actual.connected_with_consent, expected.connected_with_consent);
  EXPECT_EQ(actual.escalated_without_consent, expected.escalated_without_consent);
  EXPECT_EQ(actual.emergency, expected.emergency);
  EXPECT_EQ(actual.followed_up, expected.followed_up);
  EXPECT_EQ(actual.closed, expected.closed);
  EXPECT_EQ(actual.closed_at, expected.closed_at);
  EXPECT_EQ(actual.last_step_at, expected.last_step_at);
}

TEST(SafetyStateTest, S93_NoStepYet) {
  SafetyState expected;
  expected.last_step_at = kDisclosed;
  ExpectState(SafetyStateOf(Event({})), expected);
}

TEST(SafetyStateTest, S94_LeastRestrictivePathClosed) {
  SafetyState expected;
  expected.confidentiality_explained = expected.safety_planned = true;
  expected.supervisor_consulted = expected.connected_with_consent = true;
  expected.imminent = false;
  expected.followed_up = expected.closed = true;
  expected.closed_at = At(60);
  expected.last_step_at = At(60);
  ExpectState(SafetyStateOf(Event(ClosedPath())), expected);
}

TEST(SafetyStateTest, S95_TheLatestJudgementCounts) {
  EXPECT_EQ(SafetyStateOf(Event(Then(JudgedNo(), {Judge(40, true)}))).imminent, true);
  EXPECT_EQ(SafetyStateOf(Event(Then(JudgedYes(), {Judge(40, false)}))).imminent, false);
}

TEST(SafetyStateTest, S96_EmergencyEscalation) {
  SafetyState expected;
  expected.escalated_without_consent = expected.emergency = true;
  expected.confidentiality_explained = true;
  expected.last_step_at = At(15);
  ExpectState(SafetyStateOf(Event({Emergency(5), Conf(15)})), expected);
}

TEST(SafetyStateTest, S97_EscalationAfterJudgementIsNoEmergency) {
  const SafetyState state = SafetyStateOf(Event(Then(JudgedYes(), {Escalate(40)})));
  EXPECT_TRUE(state.escalated_without_consent);
  EXPECT_FALSE(state.emergency);
  EXPECT_EQ(state.imminent, true);
  EXPECT_FALSE(state.connected_with_consent);
  EXPECT_EQ(state.last_step_at, At(40));
}

// --- NextSafetyStep -------------------------------------------------------

struct NextCase {
  const char* id;
  Steps steps;
  std::optional<Code> next;
};

void PrintTo(const NextCase& test_case, std::ostream* out) { *out << test_case.id; }

const std::vector<NextCase>& NextCases() {
  // clang-format off
  static const std::vector<NextCase> cases = {
      {"S98-nothing-yet", {}, Code::kConfidentialityExplained},
      {"S99-after-confidentiality", {Conf(0)}, Code::kSafetyPlanning},
      {"S100-after-planning", {Conf(0), Plan(10)}, Code::kSupervisorConsulted},
      {"S101-after-supervisor", ThroughConsult(), Code::kImminentRiskJudged},
      {"S102-after-judgement-no", JudgedNo(), Code::kConnectedWithConsent},
      {"S103-after-judgement-yes", JudgedYes(), Code::kConnectedWithConsent},
      {"S104-yes-after-consent-was-sought", Then(JudgedYes(), {Connect(35), Judge(40, true)}), Code::kEscalatedWithoutConsent},
      {"S105-yes-after-consent-and-escalation", {Emergency(0), Conf(5), Plan(6), Consult(7), Connect(8), Judge(9, true)}, Code::kImminentRiskJudged},
      {"S106-after-connection", Then(JudgedNo(), {Connect(40)}), Code::kFollowUp},
      {"S107-after-escalation", Then(JudgedYes(), {Escalate(40)}), Code::kFollowUp},
      {"S108-follow-up-without-connection", Then(JudgedNo(), {FollowUp(40)}), Code::kConnectedWithConsent},
      {"S109-after-follow-up", Then(JudgedNo(), {Connect(40), FollowUp(50)}), Code::kClosed},
      {"S110-closed", ClosedPath(), std::nullopt},
      {"S111-after-an-emergency", {Emergency(0)}, Code::kConfidentialityExplained},
      {"S112-emergency-then-judged-no", {Emergency(0), Conf(5), Plan(6), Consult(7), Judge(8, false)}, Code::kFollowUp},
  };
  // clang-format on
  return cases;
}

// The step NextSafetyStep names, dated `now` with its facts filled in.
SafetyStep Filled(Code code, Instant now) {
  SafetyStep step;
  step.step = code;
  step.at = now;
  if (code == Code::kImminentRiskJudged) {
    step.imminent = true;
    step.reason = "still at risk";
  }
  if (code == Code::kConnectedWithConsent) step.to = "a crisis line";
  if (code == Code::kEscalatedWithoutConsent) step.justification = "she refused every option";
  return step;
}

class SafetyNextTest : public testing::TestWithParam<NextCase> {};

TEST_P(SafetyNextTest, OffersThisStepFirst) {
  const NextCase& test_case = GetParam();
  Result<SafetyEvent> event = Record(test_case.steps);
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  const std::optional<Code> next = NextSafetyStep(*event);
  ASSERT_EQ(next, test_case.next) << (next ? Name(*next) : "none");
  if (!next) return;
  // What the page offers first can be recorded.
  EXPECT_TRUE(CheckSafetyStep(*event, Filled(*next, kNow), kNow).ok()) << Name(*next);
  const std::vector<Code> allowed = AllowedSafetySteps(*event, kNow);
  EXPECT_NE(std::find(allowed.begin(), allowed.end(), *next), allowed.end()) << Name(*next);
}

INSTANTIATE_TEST_SUITE_P(Next, SafetyNextTest, testing::ValuesIn(NextCases()), CaseName<NextCase>);

// --- AllowedSafetySteps ---------------------------------------------------

struct AllowedCase {
  const char* id;
  Steps steps;
  std::vector<Code> allowed;
  Instant now = kNow;
};

void PrintTo(const AllowedCase& test_case, std::ostream* out) { *out << test_case.id; }

const std::vector<AllowedCase>& AllowedCases() {
  const Code kConf = Code::kConfidentialityExplained;
  const Code kPlan = Code::kSafetyPlanning;
  const Code kConsult = Code::kSupervisorConsulted;
  const Code kJudge = Code::kImminentRiskJudged;
  const Code kConnect = Code::kConnectedWithConsent;
  const Code kEscalate = Code::kEscalatedWithoutConsent;
  const Code kFollowUp = Code::kFollowUp;
  const Code kClose = Code::kClosed;
  // clang-format off
  static const std::vector<AllowedCase> cases = {
      // An emergency escalation is always possible; the list leaves it to the page.
      {"S113-nothing-yet", {}, {kConf}},
      {"S114-after-confidentiality", {Conf(0)}, {kPlan}},
      {"S115-after-planning", {Conf(0), Plan(10)}, {kPlan, kConsult}},
      {"S116-after-supervisor", ThroughConsult(), {kPlan, kJudge, kClose}},
      {"S117-after-judgement-no", JudgedNo(), {kPlan, kJudge, kConnect, kFollowUp, kClose}},
      {"S118-after-judgement-yes", JudgedYes(), {kPlan, kJudge, kConnect, kEscalate, kFollowUp}},
      {"S119-yes-answered-by-consent", Then(JudgedYes(), {Connect(40)}), {kPlan, kJudge, kFollowUp, kClose}},
      {"S120-closed", ClosedPath(), {}},
      {"S121-clock-before-the-last-step", JudgedNo(), {}, At(29)},
      {"S122-after-an-emergency", {Emergency(0)}, {kConf, kPlan, kConsult, kJudge, kConnect, kFollowUp}},
  };
  // clang-format on
  return cases;
}

class SafetyAllowedTest : public testing::TestWithParam<AllowedCase> {};

TEST_P(SafetyAllowedTest, OffersTheseSteps) {
  const AllowedCase& test_case = GetParam();
  Result<SafetyEvent> event = Record(test_case.steps);
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  std::vector<std::string> allowed;
  for (Code code : AllowedSafetySteps(*event, test_case.now)) allowed.emplace_back(Name(code));
  std::vector<std::string> expected;
  for (Code code : test_case.allowed) expected.emplace_back(Name(code));
  EXPECT_EQ(allowed, expected);
}

INSTANTIATE_TEST_SUITE_P(Allowed, SafetyAllowedTest, testing::ValuesIn(AllowedCases()),
                         CaseName<AllowedCase>);

TEST(SafetyTest, CaseIdsAreUnique) {
  std::set<std::string> ids;
  size_t count = 0;
  auto add = [&](const char* id) {
    ++count;
    EXPECT_TRUE(ids.insert(std::string(id).substr(0, std::string(id).find('-'))).second) << id;
  };
  for (const StepCase& test_case : StepCases()) add(test_case.id);
  for (const StepCase& test_case : LimitCases()) add(test_case.id);
  for (const PathCase& test_case : PathCases()) add(test_case.id);
  for (const OpeningCase& test_case : OpeningCases()) add(test_case.id);
  for (const NextCase& test_case : NextCases()) add(test_case.id);
  for (const AllowedCase& test_case : AllowedCases()) add(test_case.id);
  EXPECT_EQ(ids.size(), count);
}

}  // namespace
}  // namespace alongside::domain
