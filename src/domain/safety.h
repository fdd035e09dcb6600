// The safety protocol as a state machine (docs/safety.md). A disclosure of
// risk opens a safety event; the steps then follow, least restrictive
// first:
//
//   confidentiality_explained -> safety_planning -> supervisor_consulted
//   -> imminent_risk_judged -> connected_with_consent (to whom)
//      or, only if imminent risk remains, escalated_without_consent (with a
//      written justification) -> follow_up -> closed
//
// The rules live here, not in a page or a handler: the use case asks
// CheckSafetyStep before the store appends a step, so the API, the pages
// and the generator cannot disagree. A refused step is a Conflict whose
// detail begins with the rule's stable code in brackets, e.g.
// "[safety.order] safety planning comes after the limits of
// confidentiality are explained", so a client can tell which rule it met.
// A step that breaks several rules is refused for the first of them in the
// order below; a text over its limit is refused (InvalidArgument) before any.
// "After" means later in the event's list of steps (the order recorded,
// which the time rule keeps in the order things happened). "Not blank" means
// holding a character other than white space.
//
// Rules (codes, each enforced by CheckSafetyStep):
//   safety.closed         nothing is recorded after `closed`.
//   safety.time           a step's time (`at`) is not before the disclosure,
//                         not before the previous step's time, and not after
//                         now: steps are recorded in the order they happened
//                         (a forgotten step is not slipped in before one
//                         already recorded) and never dated ahead of the
//                         clock.
//   safety.once           confidentiality_explained, supervisor_consulted,
//                         connected_with_consent, escalated_without_consent
//                         and closed are recorded at most once
//                         (safety_planning, imminent_risk_judged and
//                         follow_up may be recorded again).
//   safety.order          each step after the first needs the step before it
//                         in the protocol: safety_planning needs
//                         confidentiality_explained; supervisor_consulted
//                         needs safety_planning; imminent_risk_judged needs
//                         supervisor_consulted; connected_with_consent needs
//                         imminent_risk_judged; follow_up needs
//                         imminent_risk_judged or an escalation. After an
//                         emergency escalation (one recorded with
//                         `emergency` set) this rule no longer applies: the
//                         steps it skipped may still be recorded, in any
//                         order (each still after it in time).
//   safety.judgement      imminent_risk_judged says yes or no (`imminent`)
//                         and why (`reason`, not blank).
//   safety.consent_to     connected_with_consent names to whom (`to`, not
//                         blank).
//   safety.escalation     escalated_without_consent needs a written
//                         justification (not blank) and either (a) the
//                         latest judgement is "imminent: yes", recorded after
//                         confidentiality_explained, safety_planning and
//                         supervisor_consulted and after any connection with
//                         consent, or (b) `emergency` is set: an emergency
//                         may skip straight to escalation, and its
//                         justification says why the earlier steps could not
//                         come first. Without either it is refused: the least
//                         restrictive steps come first.
//   safety.close_supervisor closed needs supervisor_consulted.
//   safety.close_follow_up  closed needs a follow_up, or a `reason` (not
//                         blank) on the closing step saying why none was
//                         possible. Neither close rule asks for a judgement:
//                         an event may be closed short of the full protocol,
//                         and SafetyProtocolComplete then says it is not
//                         complete (for the oversight queue).
//   safety.close_imminent closed is refused while the latest judgement is
//                         "imminent: yes" and no connection with consent or
//                         escalation was recorded after it.
//   safety.step_fields    a step carries only its own facts: `imminent` and
//                         `reason` only on imminent_risk_judged (and `reason`
//                         on closed), `to` only on connected_with_consent,
//                         `justification` and `emergency` only on
//                         escalated_without_consent, `plan_id` only on
//                         safety_planning. A step carries a text when it is
//                         not empty, `imminent` and `plan_id` when set,
//                         `emergency` when true; `note` belongs to every
//                         step.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "domain/model.h"

namespace alongside::domain {

// Every rule's code, in the order above (for tests and documentation).
inline constexpr std::string_view kSafetyRuleCodes[] = {
    "safety.closed",        "safety.time",        "safety.once",
    "safety.order",         "safety.judgement",   "safety.consent_to",
    "safety.escalation",    "safety.close_supervisor", "safety.close_follow_up",
    "safety.close_imminent", "safety.step_fields"};

// Longest note, reason, justification or description, in bytes.
inline constexpr size_t kMaxSafetyText = 4000;
// Longest `to` (whom the person was connected to), in bytes.
inline constexpr size_t kMaxSafetyTo = 300;

// Checks an event about to be opened: InvalidArgument naming the field,
// "disclosed_at" (after `now`, or more than 30 days before it; exactly 30
// days is accepted) or "description" (not blank for kind `other`, at most
// kMaxSafetyText bytes for every kind), checked in that order.
Status ValidateSafetyOpening(SafetyKind kind, Instant disclosed_at,
                             std::string_view description, Instant now);

// May `step` be recorded next on `event` (whose `steps` are all recorded so
// far, in order) at clock time `now`? Ok, or a Conflict naming the rule as
// above; InvalidArgument naming the field for text over its limit ("note",
// "reason", "to", "justification", checked in that order), or "step" for a
// value outside SafetyStepCode. `step.recorded_at` and `by_staff_id` are
// the caller's to set and are not checked. Pure: safe from any thread.
Status CheckSafetyStep(const SafetyEvent& event, const SafetyStep& step, Instant now);

// Where an event stands, derived from its steps.
struct SafetyState {
  bool confidentiality_explained = false;
  bool safety_planned = false;
  bool supervisor_consulted = false;
  std::optional<bool> imminent;  // the latest judgement, if any
  bool connected_with_consent = false;
  bool escalated_without_consent = false;
  bool emergency = false;        // escalated with `emergency` set (may precede the earlier steps)
  bool followed_up = false;
  bool closed = false;
  std::optional<Instant> closed_at;
  Instant last_step_at = 0;      // the disclosure's time when there is no step
};
SafetyState SafetyStateOf(const SafetyEvent& event);

// The step the protocol expects next (what the worker's page offers first),
// nullopt once closed: the first of confidentiality_explained,
// safety_planning, supervisor_consulted and imminent_risk_judged not yet
// recorded (also after an emergency escalation); then, while the latest
// judgement is "imminent: yes" with no answer after it,
// connected_with_consent, or escalated_without_consent if consent was
// already sought, or else a fresh imminent_risk_judged; otherwise
// connected_with_consent until a connection or an escalation, then
// follow_up, then closed. So after imminent_risk_judged it is
// connected_with_consent (escalation is offered beside it only when the
// judgement is "imminent: yes"; see AllowedSafetySteps). Dated `now` (not
// before the last step) with its facts filled in, the step it names is one
// CheckSafetyStep accepts.
std::optional<SafetyStepCode> NextSafetyStep(const SafetyEvent& event);

// The steps that CheckSafetyStep would accept next, dated `now`, with their
// own facts filled in (for the page's choices), in protocol order: a
// judgement with its yes or no and reason, whom a connection is with, an
// escalation's justification, and a closing reason (closing is listed where
// it is possible with one; without a follow-up the page asks why). An
// escalation is listed only where it is allowed without `emergency`: an
// emergency escalation is possible until an escalation or the close, and the
// page offers it apart, so the listed choices stay least restrictive first.
std::vector<SafetyStepCode> AllowedSafetySteps(const SafetyEvent& event, Instant now);

// The protocol is complete: closed, with the limits of confidentiality
// explained, safety planning, a supervisor consulted, a judgement, a
// connection with consent or an escalation (or a latest judgement of "no"
// and a follow-up), and a follow-up or the reason none was possible (a
// closing reason that is not blank). An emergency escalation still needs
// the earlier steps and a judgement recorded after it to be complete.
bool SafetyProtocolComplete(const SafetyEvent& event);

}  // namespace alongside::domain
