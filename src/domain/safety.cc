#include "domain/safety.h"

#include <array>
#include <cstddef>
#include <string>
#include <utility>

namespace alongside::domain {
namespace {

// A disclosure older than this is history, not an event to open now.
constexpr Instant kMaxDisclosureAge = 30 * 24 * 60 * 60;

constexpr size_t kStepCount = kAllSafetySteps.size();

size_t IndexOf(SafetyStepCode code) { return static_cast<size_t>(code); }

bool IsBlank(std::string_view text) {
  for (char byte : text) {
    if (byte != ' ' && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f' &&
        byte != '\v') {
      return false;
    }
  }
  return true;
}

Status Refuse(std::string_view rule, std::string_view sentence) {
  std::string detail = "[";
  detail += rule;
  detail += "] ";
  detail += sentence;
  return Status::Conflict(std::move(detail));
}

Status CheckLength(std::string_view text, size_t limit, std::string_view field) {
  if (text.size() <= limit) return Status::Ok();
  return Status::InvalidArgument(std::string(field), "must be at most " + std::to_string(limit) +
                                                         " bytes (got " +
                                                         std::to_string(text.size()) + ")");
}

bool RecordedOnce(SafetyStepCode code) {
  switch (code) {
    case SafetyStepCode::kConfidentialityExplained:
    case SafetyStepCode::kSupervisorConsulted:
    case SafetyStepCode::kConnectedWithConsent:
    case SafetyStepCode::kEscalatedWithoutConsent:
    case SafetyStepCode::kClosed:
      return true;
    case SafetyStepCode::kSafetyPlanning:
    case SafetyStepCode::kImminentRiskJudged:
    case SafetyStepCode::kFollowUp:
      return false;
  }
  return false;
}

// Where each step stands in an event's list, by position (the list is in
// the order recorded, and the rules speak of "after" in that order).
struct Positions {
  std::array<int, kStepCount> count{};
  std::array<std::ptrdiff_t, kStepCount> first{};
  std::array<std::ptrdiff_t, kStepCount> last{};
  bool emergency = false;  // an escalation recorded with `emergency` set

  explicit Positions(const std::vector<SafetyStep>& steps) {
    first.fill(-1);
    last.fill(-1);
    for (size_t step_idx = 0; step_idx < steps.size(); ++step_idx) {
      const SafetyStep& step = steps[step_idx];
      const size_t code = IndexOf(step.step);
      if (code >= kStepCount) continue;  // not a step of the protocol
      const auto position = static_cast<std::ptrdiff_t>(step_idx);
      if (count[code]++ == 0) first[code] = position;
      last[code] = position;
      if (step.step == SafetyStepCode::kEscalatedWithoutConsent && step.emergency) {
        emergency = true;
      }
    }
  }

  bool Has(SafetyStepCode code) const { return count[IndexOf(code)] > 0; }
  std::ptrdiff_t First(SafetyStepCode code) const { return first[IndexOf(code)]; }
  std::ptrdiff_t Last(SafetyStepCode code) const { return last[IndexOf(code)]; }
};

// The latest judgement says "imminent: yes" and nothing answered it since:
// no connection with consent and no escalation recorded after it.
bool ImminentUnanswered(const std::vector<SafetyStep>& steps, const Positions& at) {
  const std::ptrdiff_t judged = at.Last(SafetyStepCode::kImminentRiskJudged);
  if (judged < 0 || !steps[static_cast<size_t>(judged)].imminent.value_or(false)) return false;
  return at.Last(SafetyStepCode::kConnectedWithConsent) < judged &&
         at.Last(SafetyStepCode::kEscalatedWithoutConsent) < judged;
}

// Case (a) of safety.escalation: imminent risk remains after the least
// restrictive steps were tried.
bool ImminentAfterLeastRestrictive(const std::vector<SafetyStep>& steps, const Positions& at) {
  const std::ptrdiff_t judged = at.Last(SafetyStepCode::kImminentRiskJudged);
  if (judged < 0 || !steps[static_cast<size_t>(judged)].imminent.value_or(false)) return false;
  for (SafetyStepCode before :
       {SafetyStepCode::kConfidentialityExplained, SafetyStepCode::kSafetyPlanning,
        SafetyStepCode::kSupervisorConsulted}) {
    const std::ptrdiff_t first = at.First(before);
    if (first < 0 || first > judged) return false;
  }
  return at.Last(SafetyStepCode::kConnectedWithConsent) < judged;
}

Status CheckLengths(const SafetyStep& step) {
  ALONGSIDE_RETURN_IF_ERROR(CheckLength(step.note, kMaxSafetyText, "note"));
  ALONGSIDE_RETURN_IF_ERROR(CheckLength(step.reason, kMaxSafetyText, "reason"));
  ALONGSIDE_RETURN_IF_ERROR(CheckLength(step.to, kMaxSafetyTo, "to"));
  return CheckLength(step.justification, kMaxSafetyText, "justification");
}

Status CheckTime(const SafetyEvent& event, const SafetyStep& step, Instant now) {
  if (step.at < event.disclosed_at) {
    return Refuse("safety.time", "a step cannot be dated before the disclosure");
  }
  if (!event.steps.empty() && step.at < event.steps.back().at) {
    return Refuse("safety.time", "a step cannot be dated before the step recorded before it");
  }
  if (step.at > now) return Refuse("safety.time", "a step cannot be dated in the future");
  return Status::Ok();
}

Status CheckOnce(const SafetyStep& step, const Positions& at) {
  if (!RecordedOnce(step.step) || !at.Has(step.step)) return Status::Ok();
  switch (step.step) {
    case SafetyStepCode::kConfidentialityExplained:
      return Refuse("safety.once",
                    "the limits of confidentiality are already recorded as explained");
    case SafetyStepCode::kSupervisorConsulted:
      return Refuse("safety.once", "a supervisor's consultation is already recorded");
    case SafetyStepCode::kConnectedWithConsent:
      return Refuse("safety.once", "a connection with consent is already recorded");
    case SafetyStepCode::kEscalatedWithoutConsent:
      return Refuse("safety.once", "an escalation without consent is already recorded");
    default:
      return Refuse("safety.once", "this step is recorded once and already is");
  }
}

Status CheckOrder(const SafetyStep& step, const Positions& at) {
  // An emergency came first; the steps it skipped are written down after.
  if (at.emergency) return Status::Ok();
  switch (step.step) {
    case SafetyStepCode::kSafetyPlanning:
      if (at.Has(SafetyStepCode::kConfidentialityExplained)) return Status::Ok();
      return Refuse("safety.order",
                    "safety planning comes after the limits of confidentiality are explained");
    case SafetyStepCode::kSupervisorConsulted:
      if (at.Has(SafetyStepCode::kSafetyPlanning)) return Status::Ok();
      return Refuse("safety.order", "consulting a supervisor comes after safety planning");
    case SafetyStepCode::kImminentRiskJudged:
      if (at.Has(SafetyStepCode::kSupervisorConsulted)) return Status::Ok();
      return Refuse("safety.order", "judging imminent risk comes after consulting a supervisor");
    case SafetyStepCode::kConnectedWithConsent:
      if (at.Has(SafetyStepCode::kImminentRiskJudged)) return Status::Ok();
      return Refuse("safety.order", "connecting with consent comes after imminent risk is judged");
    case SafetyStepCode::kFollowUp:
      if (at.Has(SafetyStepCode::kImminentRiskJudged) ||
          at.Has(SafetyStepCode::kEscalatedWithoutConsent)) {
        return Status::Ok();
      }
      return Refuse("safety.order",
                    "a follow-up comes after imminent risk is judged or an escalation");
    case SafetyStepCode::kConfidentialityExplained:
    case SafetyStepCode::kEscalatedWithoutConsent:  // safety.escalation decides
    case SafetyStepCode::kClosed:                   // the safety.close_* rules decide
      return Status::Ok();
  }
  return Status::Ok();
}

Status CheckOwnFacts(const SafetyStep& step, const std::vector<SafetyStep>& steps,
                     const Positions& at) {
  switch (step.step) {
    case SafetyStepCode::kImminentRiskJudged:
      if (!step.imminent.has_value()) {
        return Refuse("safety.judgement", "a judgement of imminent risk says yes or no");
      }
      if (IsBlank(step.reason)) {
        return Refuse("safety.judgement", "a judgement of imminent risk says why");
      }
      return Status::Ok();
    case SafetyStepCode::kConnectedWithConsent:
      if (IsBlank(step.to)) {
        return Refuse("safety.consent_to", "a connection with consent names to whom");
      }
      return Status::Ok();
    case SafetyStepCode::kEscalatedWithoutConsent:
      if (IsBlank(step.justification)) {
        return Refuse("safety.escalation",
                      "an escalation without consent needs a written justification");
      }
      if (!step.emergency && !ImminentAfterLeastRestrictive(steps, at)) {
        return Refuse("safety.escalation",
                      "an escalation without consent comes only in an emergency, or when a "
                      "judgement finds imminent risk remaining after the limits of "
                      "confidentiality were explained, safety planning and a supervisor's "
                      "consultation, and after any connection with consent");
      }
      return Status::Ok();
    case SafetyStepCode::kClosed:
      if (!at.Has(SafetyStepCode::kSupervisorConsulted)) {
        return Refuse("safety.close_supervisor",
                      "an event is closed only after a supervisor is consulted");
      }
      if (!at.Has(SafetyStepCode::kFollowUp) && IsBlank(step.reason)) {
        return Refuse("safety.close_follow_up",
                      "an event is closed after a follow-up, or with the reason none was "
                      "possible");
      }
      if (ImminentUnanswered(steps, at)) {
        return Refuse("safety.close_imminent",
                      "an event is not closed while the latest judgement finds imminent risk "
                      "and no connection with consent or escalation has followed it");
      }
      return Status::Ok();
    case SafetyStepCode::kConfidentialityExplained:
    case SafetyStepCode::kSafetyPlanning:
    case SafetyStepCode::kSupervisorConsulted:
    case SafetyStepCode::kFollowUp:
      return Status::Ok();
  }
  return Status::Ok();
}

Status CheckStepFields(const SafetyStep& step) {
  const SafetyStepCode code = step.step;
  if (step.imminent.has_value() && code != SafetyStepCode::kImminentRiskJudged) {
    return Refuse("safety.step_fields",
                  "a yes or no on imminent risk belongs only to a judgement of imminent risk");
  }
  if (!step.reason.empty() && code != SafetyStepCode::kImminentRiskJudged &&
      code != SafetyStepCode::kClosed) {
    return Refuse("safety.step_fields",
                  "a reason belongs only to a judgement of imminent risk or to closing");
  }
  if (!step.to.empty() && code != SafetyStepCode::kConnectedWithConsent) {
    return Refuse("safety.step_fields",
                  "whom the person was connected to belongs only to a "
                  "connection with consent");
  }
  if ((!step.justification.empty() || step.emergency) &&
      code != SafetyStepCode::kEscalatedWithoutConsent) {
    return Refuse("safety.step_fields",
                  "a justification and an emergency belong only to an "
                  "escalation without consent");
  }
  if (step.plan_id.has_value() && code != SafetyStepCode::kSafetyPlanning) {
    return Refuse("safety.step_fields", "a safety plan belongs only to safety planning");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateSafetyOpening(SafetyKind kind, Instant disclosed_at, std::string_view description,
                             Instant now) {
  if (disclosed_at > now) {
    return Status::InvalidArgument("disclosed_at", "must not be in the future");
  }
  if (disclosed_at < now - kMaxDisclosureAge) {
    return Status::InvalidArgument("disclosed_at", "must be within the last 30 days");
  }
  if (kind == SafetyKind::kOther && IsBlank(description)) {
    return Status::InvalidArgument("description",
                                   "must say what was disclosed when the kind is other");
  }
  return CheckLength(description, kMaxSafetyText, "description");
}

Status CheckSafetyStep(const SafetyEvent& event, const SafetyStep& step, Instant now) {
  if (IndexOf(step.step) >= kStepCount) {
    return Status::InvalidArgument("step", "is not a step of the safety protocol");
  }
  ALONGSIDE_RETURN_IF_ERROR(CheckLengths(step));
  const Positions at(event.steps);
  if (at.Has(SafetyStepCode::kClosed)) {
    return Refuse("safety.closed", "this safety event is closed; nothing more is recorded on it");
  }
  ALONGSIDE_RETURN_IF_ERROR(CheckTime(event, step, now));
  ALONGSIDE_RETURN_IF_ERROR(CheckOnce(step, at));
  ALONGSIDE_RETURN_IF_ERROR(CheckOrder(step, at));
  // safety.judgement, consent_to, escalation and the close_* rules, in that order.
  ALONGSIDE_RETURN_IF_ERROR(CheckOwnFacts(step, event.steps, at));
  return CheckStepFields(step);
}

SafetyState SafetyStateOf(const SafetyEvent& event) {
  SafetyState state;
  state.last_step_at = event.disclosed_at;
  for (const SafetyStep& step : event.steps) {
    state.last_step_at = step.at;
    switch (step.step) {
      case SafetyStepCode::kConfidentialityExplained:
        state.confidentiality_explained = true;
        break;
      case SafetyStepCode::kSafetyPlanning:
        state.safety_planned = true;
        break;
      case SafetyStepCode::kSupervisorConsulted:
        state.supervisor_consulted = true;
        break;
      case SafetyStepCode::kImminentRiskJudged:
        state.imminent = step.imminent;
        break;
      case SafetyStepCode::kConnectedWithConsent:
        state.connected_with_consent = true;
        break;
      case SafetyStepCode::kEscalatedWithoutConsent:
        state.escalated_without_consent = true;
        state.emergency = state.emergency || step.emergency;
        break;
      case SafetyStepCode::kFollowUp:
        state.followed_up = true;
        break;
      case SafetyStepCode::kClosed:
        state.closed = true;
        state.closed_at = step.at;
        break;
    }
  }
  return state;
}

std::optional<SafetyStepCode> NextSafetyStep(const SafetyEvent& event) {
  const SafetyState state = SafetyStateOf(event);
  if (state.closed) return std::nullopt;
  if (!state.confidentiality_explained) return SafetyStepCode::kConfidentialityExplained;
  if (!state.safety_planned) return SafetyStepCode::kSafetyPlanning;
  if (!state.supervisor_consulted) return SafetyStepCode::kSupervisorConsulted;
  if (!state.imminent.has_value()) return SafetyStepCode::kImminentRiskJudged;
  const Positions at(event.steps);
  if (ImminentUnanswered(event.steps, at)) {
    // Imminent risk stands: the least restrictive answer first, escalation
    // if consent was already sought, else a fresh judgement.
    if (!state.connected_with_consent) return SafetyStepCode::kConnectedWithConsent;
    if (!state.escalated_without_consent) return SafetyStepCode::kEscalatedWithoutConsent;
    return SafetyStepCode::kImminentRiskJudged;
  }
  if (!state.connected_with_consent && !state.escalated_without_consent) {
    return SafetyStepCode::kConnectedWithConsent;
  }
  if (!state.followed_up) return SafetyStepCode::kFollowUp;
  return SafetyStepCode::kClosed;
}

std::vector<SafetyStepCode> AllowedSafetySteps(const SafetyEvent& event, Instant now) {
  std::vector<SafetyStepCode> allowed;
  for (SafetyStepCode code : kAllSafetySteps) {
    SafetyStep step;
    step.step = code;
    step.at = now;
    step.recorded_at = now;
    switch (code) {
      case SafetyStepCode::kImminentRiskJudged:
        step.imminent = false;
        step.reason = "judged";
        break;
      case SafetyStepCode::kConnectedWithConsent:
        step.to = "connected";
        break;
      case SafetyStepCode::kEscalatedWithoutConsent:
        step.justification = "justified";  // and not an emergency
        break;
      case SafetyStepCode::kClosed:
        step.reason = "closed";  // where no follow-up came, the page asks why
        break;
      case SafetyStepCode::kConfidentialityExplained:
      case SafetyStepCode::kSafetyPlanning:
      case SafetyStepCode::kSupervisorConsulted:
      case SafetyStepCode::kFollowUp:
        break;
    }
    if (CheckSafetyStep(event, step, now).ok()) allowed.push_back(code);
  }
  return allowed;
}

bool SafetyProtocolComplete(const SafetyEvent& event) {
  const SafetyState state = SafetyStateOf(event);
  if (!state.closed || !state.confidentiality_explained || !state.safety_planned ||
      !state.supervisor_consulted || !state.imminent.has_value()) {
    return false;
  }
  const bool answered = state.connected_with_consent || state.escalated_without_consent ||
                        (!*state.imminent && state.followed_up);
  if (!answered) return false;
  if (state.followed_up) return true;
  for (const SafetyStep& step : event.steps) {
    if (step.step == SafetyStepCode::kClosed && !IsBlank(step.reason)) return true;
  }
  return false;
}

}  // namespace alongside::domain
