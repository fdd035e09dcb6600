// The safety protocol under random steps: 20,000 sequences of candidate
// steps (random codes, times around the previous step and before it, facts
// present, blank, missing or foreign, texts over their limits, emergencies)
// from a seeded xoshiro256**, each offered to CheckSafetyStep and appended
// only when accepted, as the use case does.
//
// A checker written here, from the rules in domain/safety.h and without the
// code under test's helpers, says which rules a candidate breaks: a
// candidate that breaks none must be accepted, and a refusal must name one
// the candidate does break (a Conflict "[<rule code>] ..." or an
// InvalidArgument naming the long field). After every acceptance the whole
// event is checked against the protocol's invariants, and the page's helpers
// (SafetyStateOf, NextSafetyStep, AllowedSafetySteps,
// SafetyProtocolComplete) against what the checker derives. The counts of
// what was reached are printed and must be large enough that the test
// cannot pass by never getting anywhere.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/xoshiro.h"
#include "domain/safety.h"

namespace alongside::domain {
namespace {

using Code = SafetyStepCode;

constexpr std::uint64_t kSeed = 20260314;
constexpr int kSequences = 20000;
constexpr Instant kMinute = 60;

// --- The independent checker ------------------------------------------------

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\n\r\f\v") == std::string::npos;
}

bool OnceOnly(Code code) {
  return code == Code::kConfidentialityExplained || code == Code::kSupervisorConsulted ||
         code == Code::kConnectedWithConsent || code == Code::kEscalatedWithoutConsent ||
         code == Code::kClosed;
}

// Positions (in the order recorded) of every step with `code` among the
// first `end` steps.
std::vector<size_t> PositionsOf(const std::vector<SafetyStep>& steps, Code code, size_t end) {
  std::vector<size_t> positions;
  for (size_t step_idx = 0; step_idx < end && step_idx < steps.size(); ++step_idx) {
    if (steps[step_idx].step == code) positions.push_back(step_idx);
  }
  return positions;
}

bool AnyBefore(const std::vector<SafetyStep>& steps, Code code, size_t end) {
  return !PositionsOf(steps, code, end).empty();
}

bool EmergencyBefore(const std::vector<SafetyStep>& steps, size_t end) {
  for (size_t position : PositionsOf(steps, Code::kEscalatedWithoutConsent, end)) {
    if (steps[position].emergency) return true;
  }
  return false;
}

// The latest judgement among the first `end` steps, if any.
std::optional<size_t> LatestJudgement(const std::vector<SafetyStep>& steps, size_t end) {
  const std::vector<size_t> judged = PositionsOf(steps, Code::kImminentRiskJudged, end);
  if (judged.empty()) return std::nullopt;
  return judged.back();
}

// The latest judgement before `end` says yes and no connection or escalation
// came after it (before `end`).
bool YesUnanswered(const std::vector<SafetyStep>& steps, size_t end) {
  const std::optional<size_t> judged = LatestJudgement(steps, end);
  if (!judged || steps[*judged].imminent != true) return false;
  for (size_t step_idx = *judged + 1; step_idx < end; ++step_idx) {
    if (steps[step_idx].step == Code::kConnectedWithConsent ||
        steps[step_idx].step == Code::kEscalatedWithoutConsent) {
      return false;
    }
  }
  return true;
}

// Escalation case (a) for an escalation at position `end`.
bool YesAfterLeastRestrictive(const std::vector<SafetyStep>& steps, size_t end) {
  const std::optional<size_t> judged = LatestJudgement(steps, end);
  if (!judged || steps[*judged].imminent != true) return false;
  for (Code before :
       {Code::kConfidentialityExplained, Code::kSafetyPlanning, Code::kSupervisorConsulted}) {
    if (!AnyBefore(steps, before, *judged)) return false;
  }
  for (size_t step_idx = *judged + 1; step_idx < end; ++step_idx) {
    if (steps[step_idx].step == Code::kConnectedWithConsent) return false;
  }
  return true;
}

// Every rule the candidate `step` breaks after `steps`, as "safety.<rule>" or
// "field:<name>" for a text over its limit.
std::set<std::string> Broken(const SafetyEvent& event, const SafetyStep& step, Instant now) {
  const std::vector<SafetyStep>& steps = event.steps;
  const size_t end = steps.size();
  const Code code = step.step;
  std::set<std::string> broken;
  if (step.note.size() > kMaxSafetyText) broken.insert("field:note");
  if (step.reason.size() > kMaxSafetyText) broken.insert("field:reason");
  if (step.to.size() > kMaxSafetyTo) broken.insert("field:to");
  if (step.justification.size() > kMaxSafetyText) broken.insert("field:justification");
  if (AnyBefore(steps, Code::kClosed, end)) broken.insert("safety.closed");
  if (step.at < event.disclosed_at || (!steps.empty() && step.at < steps.back().at) ||
      step.at > now) {
    broken.insert("safety.time");
  }
  if (OnceOnly(code) && AnyBefore(steps, code, end)) broken.insert("safety.once");
  if (!EmergencyBefore(steps, end)) {
    bool has_prerequisite = true;
    if (code == Code::kSafetyPlanning) {
      has_prerequisite = AnyBefore(steps, Code::kConfidentialityExplained, end);
    } else if (code == Code::kSupervisorConsulted) {
      has_prerequisite = AnyBefore(steps, Code::kSafetyPlanning, end);
    } else if (code == Code::kImminentRiskJudged) {
      has_prerequisite = AnyBefore(steps, Code::kSupervisorConsulted, end);
    } else if (code == Code::kConnectedWithConsent) {
      has_prerequisite = AnyBefore(steps, Code::kImminentRiskJudged, end);
    } else if (code == Code::kFollowUp) {
      has_prerequisite = AnyBefore(steps, Code::kImminentRiskJudged, end) ||
                         AnyBefore(steps, Code::kEscalatedWithoutConsent, end);
    }
    if (!has_prerequisite) broken.insert("safety.order");
  }
  if (code == Code::kImminentRiskJudged && (!step.imminent || Blank(step.reason))) {
    broken.insert("safety.judgement");
  }
  if (code == Code::kConnectedWithConsent && Blank(step.to)) broken.insert("safety.consent_to");
  if (code == Code::kEscalatedWithoutConsent &&
      (Blank(step.justification) || (!step.emergency && !YesAfterLeastRestrictive(steps, end)))) {
    broken.insert("safety.escalation");
  }
  if (code == Code::kClosed) {
    if (!AnyBefore(steps, Code::kSupervisorConsulted, end)) {
      broken.insert("safety.close_supervisor");
    }
    if (!AnyBefore(steps, Code::kFollowUp, end) && Blank(step.reason)) {
      broken.insert("safety.close_follow_up");
    }
    if (YesUnanswered(steps, end)) broken.insert("safety.close_imminent");
  }
  const bool foreign =
      (step.imminent && code != Code::kImminentRiskJudged) ||
      (!step.reason.empty() && code != Code::kImminentRiskJudged && code != Code::kClosed) ||
      (!step.to.empty() && code != Code::kConnectedWithConsent) ||
      ((!step.justification.empty() || step.emergency) && code != Code::kEscalatedWithoutConsent) ||
      (step.plan_id && code != Code::kSafetyPlanning);
  if (foreign) broken.insert("safety.step_fields");
  return broken;
}

// The key of a refusal in Broken's terms, or why it is malformed.
std::string KeyOf(const Status& status) {
  if (status.code() == StatusCode::kInvalidArgument) return "field:" + status.field();
  if (status.code() != StatusCode::kConflict) return "wrong kind: " + status.ToString();
  for (std::string_view rule : kSafetyRuleCodes) {
    const std::string prefix = "[" + std::string(rule) + "] ";
    if (status.detail().rfind(prefix, 0) == 0 && status.detail().size() > prefix.size()) {
      return std::string(rule);
    }
  }
  return "no rule code: " + status.detail();
}

// The protocol's invariants over a whole event, from its steps alone; the
// first one broken, or "".
std::string Violation(const SafetyEvent& event) {
  const std::vector<SafetyStep>& steps = event.steps;
  std::map<Code, int> counts;
  for (size_t step_idx = 0; step_idx < steps.size(); ++step_idx) {
    const SafetyStep& step = steps[step_idx];
    const std::string where = std::string(Name(step.step)) + " at " + std::to_string(step_idx);
    if (OnceOnly(step.step) && ++counts[step.step] > 1) return "twice: " + where;
    if (step.at < event.disclosed_at) return "before the disclosure: " + where;
    if (step_idx > 0 && step.at < steps[step_idx - 1].at) return "time went back: " + where;
    if (step.at > step.recorded_at) return "dated after it was recorded: " + where;
    if (step_idx > 0 && step.recorded_at < steps[step_idx - 1].recorded_at) {
      return "clock went back: " + where;
    }
    if (step.step == Code::kClosed && step_idx + 1 != steps.size()) {
      return "a step after closed: " + where;
    }
    if (step.step == Code::kEscalatedWithoutConsent) {
      if (Blank(step.justification)) return "escalation without justification: " + where;
      if (!step.emergency && !YesAfterLeastRestrictive(steps, step_idx)) {
        return "escalation without consent, emergency or standing imminent risk: " + where;
      }
    }
    if (step.step == Code::kClosed) {
      if (!AnyBefore(steps, Code::kSupervisorConsulted, step_idx)) {
        return "closed without a supervisor: " + where;
      }
      if (!AnyBefore(steps, Code::kFollowUp, step_idx) && Blank(step.reason)) {
        return "closed without follow-up or reason: " + where;
      }
      if (YesUnanswered(steps, step_idx)) return "closed with imminent risk unanswered: " + where;
    }
    if (!EmergencyBefore(steps, step_idx)) {
      if (step.step == Code::kSafetyPlanning &&
          !AnyBefore(steps, Code::kConfidentialityExplained, step_idx)) {
        return "planning before confidentiality: " + where;
      }
      if (step.step == Code::kSupervisorConsulted &&
          !AnyBefore(steps, Code::kSafetyPlanning, step_idx)) {
        return "supervisor before planning: " + where;
      }
      if (step.step == Code::kImminentRiskJudged &&
          !AnyBefore(steps, Code::kSupervisorConsulted, step_idx)) {
        return "judgement before supervisor: " + where;
      }
      if (step.step == Code::kConnectedWithConsent &&
          !AnyBefore(steps, Code::kImminentRiskJudged, step_idx)) {
        return "connection before judgement: " + where;
      }
    }
    if (step.step == Code::kImminentRiskJudged && (!step.imminent || Blank(step.reason))) {
      return "judgement without yes/no and why: " + where;
    }
    if (step.step == Code::kConnectedWithConsent && Blank(step.to)) {
      return "connection to nobody: " + where;
    }
    if (step.note.size() > kMaxSafetyText || step.reason.size() > kMaxSafetyText ||
        step.to.size() > kMaxSafetyTo || step.justification.size() > kMaxSafetyText) {
      return "text over its limit: " + where;
    }
  }
  return "";
}

// The step with its facts filled in as AllowedSafetySteps documents it.
SafetyStep Filled(Code code, Instant now, bool imminent) {
  SafetyStep step;
  step.step = code;
  step.at = now;
  step.recorded_at = now;
  if (code == Code::kImminentRiskJudged) {
    step.imminent = imminent;
    step.reason = "judged";
  }
  if (code == Code::kConnectedWithConsent) step.to = "a crisis line";
  if (code == Code::kEscalatedWithoutConsent) step.justification = "why, in writing";
  if (code == Code::kClosed) step.reason = "why no follow-up";
  return step;
}

std::string Names(const std::vector<Code>& codes) {
  std::string names;
  for (Code code : codes) {
    if (!names.empty()) names += ", ";
    names += Name(code);
  }
  return "[" + names + "]";
}

bool CompleteByHand(const std::vector<SafetyStep>& steps) {
  if (steps.empty() || steps.back().step != Code::kClosed) return false;
  const size_t end = steps.size();
  for (Code needed : {Code::kConfidentialityExplained, Code::kSafetyPlanning,
                      Code::kSupervisorConsulted, Code::kImminentRiskJudged}) {
    if (!AnyBefore(steps, needed, end)) return false;
  }
  const bool followed_up = AnyBefore(steps, Code::kFollowUp, end);
  const bool latest_no = steps[*LatestJudgement(steps, end)].imminent == false;
  const bool answered = AnyBefore(steps, Code::kConnectedWithConsent, end) ||
                        AnyBefore(steps, Code::kEscalatedWithoutConsent, end) ||
                        (latest_no && followed_up);
  return answered && (followed_up || !Blank(steps.back().reason));
}

// --- The generator -----------------------------------------------------------

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, bound).
  std::uint64_t Below(std::uint64_t bound) { return engine_.Next() % bound; }
  bool Chance(int percent) { return Below(100) < static_cast<std::uint64_t>(percent); }
  std::int64_t Between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(high - low + 1)));
  }

 private:
  Xoshiro256StarStar engine_;
};

// Mostly a word, sometimes blank or empty: the text a form might send.
std::string Text(Draw& draw, int present_percent) {
  if (draw.Chance(present_percent)) return "words";
  return draw.Chance(50) ? " \t" : "";
}

// The step a worker following the protocol might take after `last`, so the
// sequences get far enough; the other half of the draws are uniform.
Code Likely(Draw& draw, std::optional<Code> last) {
  if (!last)
    return draw.Chance(85) ? Code::kConfidentialityExplained : Code::kEscalatedWithoutConsent;
  switch (*last) {
    case Code::kConfidentialityExplained:
      return Code::kSafetyPlanning;
    case Code::kSafetyPlanning:
      return Code::kSupervisorConsulted;
    case Code::kSupervisorConsulted:
      return Code::kImminentRiskJudged;
    case Code::kImminentRiskJudged: {
      constexpr std::array<Code, 3> kAfter = {Code::kConnectedWithConsent,
                                              Code::kEscalatedWithoutConsent, Code::kFollowUp};
      return kAfter[draw.Below(kAfter.size())];
    }
    case Code::kConnectedWithConsent:
    case Code::kEscalatedWithoutConsent:
      return draw.Chance(70) ? Code::kFollowUp : kAllSafetySteps[draw.Below(4)];
    case Code::kFollowUp:
    case Code::kClosed:
      return Code::kClosed;
  }
  return Code::kClosed;
}

SafetyStep Candidate(Draw& draw, const SafetyEvent& event, Instant now) {
  SafetyStep step;
  const std::optional<Code> last =
      event.steps.empty() ? std::nullopt : std::optional<Code>(event.steps.back().step);
  step.step = draw.Chance(55) ? Likely(draw, last) : kAllSafetySteps[draw.Below(8)];
  const Instant previous = event.steps.empty() ? event.disclosed_at : event.steps.back().at;
  // Around the previous step: mostly after it, sometimes before it, and
  // sometimes past the clock.
  step.at = draw.Chance(10) ? now : previous + draw.Between(-10 * kMinute, 30 * kMinute);
  step.recorded_at = now;
  step.by_staff_id = 7;
  if (draw.Chance(30)) step.note = "a note";
  switch (step.step) {
    case Code::kImminentRiskJudged:
      if (draw.Chance(93)) step.imminent = draw.Chance(40);
      step.reason = Text(draw, 92);
      break;
    case Code::kConnectedWithConsent:
      step.to = Text(draw, 92);
      break;
    case Code::kEscalatedWithoutConsent:
      step.justification = Text(draw, 90);
      step.emergency = draw.Chance(35);
      break;
    case Code::kClosed:
      if (draw.Chance(45)) step.reason = Text(draw, 85);
      break;
    case Code::kSafetyPlanning:
      if (draw.Chance(50)) step.plan_id = 11;
      break;
    case Code::kConfidentialityExplained:
    case Code::kSupervisorConsulted:
    case Code::kFollowUp:
      break;
  }
  if (draw.Chance(6)) {  // a fact that may not be this step's own
    switch (draw.Below(6)) {
      case 0:
        step.imminent = draw.Chance(50);
        break;
      case 1:
        step.reason = "a reason";
        break;
      case 2:
        step.to = "someone";
        break;
      case 3:
        step.justification = "a justification";
        break;
      case 4:
        step.emergency = true;
        break;
      default:
        step.plan_id = 12;
        break;
    }
  }
  if (draw.Chance(1)) {  // a text over its limit
    switch (draw.Below(4)) {
      case 0:
        step.note.assign(kMaxSafetyText + 1, 'n');
        break;
      case 1:
        step.reason.assign(kMaxSafetyText + 1, 'r');
        break;
      case 2:
        step.to.assign(kMaxSafetyTo + 1, 't');
        break;
      default:
        step.justification.assign(kMaxSafetyText + 1, 'j');
        break;
    }
  }
  return step;
}

TEST(SafetyPropertyTest, RandomStepsKeepTheProtocol) {
  Draw draw(kSeed);
  std::map<Code, int> accepted;
  std::map<std::string, int> refused;
  int closed = 0, complete = 0, emergencies = 0, escalations_after_judgement = 0;
  int closed_with_reason_only = 0, offered = 0;
  for (int sequence = 0; sequence < kSequences; ++sequence) {
    SafetyEvent event;
    event.id = sequence + 1;
    event.kind = SafetyKind::kSuicidalThoughtsActive;
    event.disclosed_at = 1773478800 + draw.Between(0, 1000000);
    event.opened_at = event.disclosed_at;
    Instant now = event.disclosed_at + draw.Between(0, 60 * kMinute);
    const int attempts = static_cast<int>(draw.Between(10, 50));
    for (int attempt = 0; attempt < attempts; ++attempt) {
      // Mostly stop once closed; the rest try steps after the close.
      if (!event.steps.empty() && event.steps.back().step == Code::kClosed && draw.Chance(80)) {
        break;
      }
      now += draw.Between(0, 20 * kMinute);
      const SafetyStep step = Candidate(draw, event, now);
      ++offered;
      const std::set<std::string> broken = Broken(event, step, now);
      const Status status = CheckSafetyStep(event, step, now);
      const std::string context = "sequence " + std::to_string(sequence) + ", step " +
                                  std::to_string(event.steps.size() + 1) + " " +
                                  std::string(Name(step.step));
      if (!status.ok()) {
        const std::string key = KeyOf(status);
        ++refused[key];
        ASSERT_TRUE(broken.count(key))
            << context << ": refused for a rule it keeps: " << status.ToString();
        continue;
      }
      ASSERT_TRUE(broken.empty()) << context << ": accepted but breaks " << *broken.begin();
      event.steps.push_back(step);
      ++accepted[step.step];
      if (step.step == Code::kEscalatedWithoutConsent) {
        ++(step.emergency ? emergencies : escalations_after_judgement);
      }

      const std::string violation = Violation(event);
      ASSERT_EQ(violation, "") << context;

      // The helpers agree with what the steps say.
      const SafetyState state = SafetyStateOf(event);
      const size_t end = event.steps.size();
      ASSERT_EQ(state.confidentiality_explained,
                AnyBefore(event.steps, Code::kConfidentialityExplained, end));
      ASSERT_EQ(state.safety_planned, AnyBefore(event.steps, Code::kSafetyPlanning, end));
      ASSERT_EQ(state.supervisor_consulted,
                AnyBefore(event.steps, Code::kSupervisorConsulted, end));
      const std::optional<size_t> judged = LatestJudgement(event.steps, end);
      ASSERT_EQ(state.imminent, judged ? event.steps[*judged].imminent : std::nullopt);
      ASSERT_EQ(state.connected_with_consent,
                AnyBefore(event.steps, Code::kConnectedWithConsent, end));
      ASSERT_EQ(state.escalated_without_consent,
                AnyBefore(event.steps, Code::kEscalatedWithoutConsent, end));
      ASSERT_EQ(state.emergency, EmergencyBefore(event.steps, end));
      ASSERT_EQ(state.followed_up, AnyBefore(event.steps, Code::kFollowUp, end));
      ASSERT_EQ(state.closed, step.step == Code::kClosed);
      ASSERT_EQ(state.last_step_at, step.at);

      std::vector<Code> allowed_by_hand;
      for (Code code : kAllSafetySteps) {
        if (Broken(event, Filled(code, now, draw.Chance(50)), now).empty()) {
          allowed_by_hand.push_back(code);
        }
      }
      ASSERT_EQ(Names(AllowedSafetySteps(event, now)), Names(allowed_by_hand)) << context;
      const std::optional<Code> next = NextSafetyStep(event);
      ASSERT_EQ(next.has_value(), !state.closed) << context;
      if (next) {
        const SafetyStep offer = Filled(*next, now, true);
        ASSERT_TRUE(Broken(event, offer, now).empty())
            << context << ": offers " << Name(*next) << " first, which breaks "
            << *Broken(event, offer, now).begin();
      }
      ASSERT_EQ(SafetyProtocolComplete(event), CompleteByHand(event.steps)) << context;
      if (state.closed) {
        ++closed;
        if (SafetyProtocolComplete(event)) ++complete;
        if (!state.followed_up) ++closed_with_reason_only;
      }
    }
  }

  std::printf("safety property test: seed %llu, %d sequences, %d candidate steps\n",
              static_cast<unsigned long long>(kSeed), kSequences, offered);
  for (Code code : kAllSafetySteps) {
    std::printf("  accepted %-26s %6d\n", std::string(Name(code)).c_str(), accepted[code]);
  }
  std::printf("  closed %d (complete %d, with a reason instead of follow-up %d)\n", closed,
              complete, closed_with_reason_only);
  std::printf("  escalations: emergency %d, after a judgement of imminent risk %d\n", emergencies,
              escalations_after_judgement);
  for (const auto& [key, count] : refused) {
    std::printf("  refused %-26s %6d\n", key.c_str(), count);
  }

  // Far enough that the invariants were tested on every kind of step.
  for (Code code : kAllSafetySteps) EXPECT_GE(accepted[code], 500) << Name(code);
  EXPECT_GE(closed, 2000);
  EXPECT_GE(complete, 1000);
  EXPECT_GE(closed_with_reason_only, 100);
  EXPECT_GE(emergencies, 200);
  EXPECT_GE(escalations_after_judgement, 200);
  for (std::string_view rule : kSafetyRuleCodes) {
    EXPECT_GE(refused[std::string(rule)], 50) << rule;
  }
  for (const char* field : {"field:note", "field:reason", "field:to", "field:justification"}) {
    EXPECT_GE(refused[field], 20) << field;
  }
}

}  // namespace
}  // namespace alongside::domain
