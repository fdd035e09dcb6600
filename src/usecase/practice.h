// A peer worker's day and a supervisor's overview, with the program's
// working rules (rules/practice.json): the documentation deadline, when a
// person is "to see", role drift (a clinical-only activity recorded by a
// peer worker, from the activity catalog).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "usecase/usecase.h"

namespace alongside::usecase {

struct DraftRow {
  store::ContactRow row;
  bool past_deadline = false;
};

struct GoalDueRow {
  store::GoalDue goal;
  bool overdue = false;  // its review day has passed (not just today)
};

struct WorkerDay {
  std::vector<store::PlannedContactRow> planned_today;  // still planned, soonest first
  std::vector<store::PersonRow> to_see;  // oldest last contact first, the first few
  std::int64_t to_see_total = 0;         // everyone due (at least min_people_to_see)
  std::vector<DraftRow> drafts;          // the oldest few
  std::int64_t drafts_total = 0;
  std::int64_t drafts_past_deadline = 0;
  std::int64_t drafts_today = 0;         // drafts of contacts that started today
  std::vector<GoalDueRow> goals_due;     // soonest first, the first few
  std::int64_t goals_due_total = 0;
  std::int64_t goals_overdue = 0;        // of goals_due_total
  int deadline_hours = 0;
  int due_after_days = 0;
};
// How much of each list Today shows: a phone screen or two.
struct TodayLimits {
  int drafts = 5;
  int people = 5;
  int goals = 5;
};
// The worker's Today page: contacts planned for today, drafts, goals due
// for review (overdue marked), people not seen for a while (contact due:
// rules/practice.json). Every person shown is audited.
Result<WorkerDay> WorkerToday(Services& services, const Caller& caller, const TodayLimits& limits);
// The worker's caseload, by name; with a `name_filter`, only the people
// whose preferred name contains it (ignoring case). Only the people
// returned are audited as read.
Result<std::vector<store::PersonRow>> WorkerCaseload(Services& services, const Caller& caller,
                                                     std::string_view name_filter = "");

struct RecentContact {
  store::ContactRow row;
  std::string worker_name;
  bool role_drift = false;
};

// What needs a supervisor's attention about one supervisee, with the
// caseload figures. Role drift is a clinical-only activity (activities.json)
// in a contact the supervisee recorded; supervision is due when the caller
// has held no session with them for the cadence of the supervision they give
// (practice.json: peer_supervision_due_after_days for a senior peer
// supervisor, clinical_supervision_due_after_days for a clinical one).
struct SuperviseeAttention {
  store::CaseloadRow caseload;
  std::int64_t drafts_past_deadline = 0;  // drafts older than the documentation deadline
  std::int64_t role_drift = 0;            // contacts in the recent period
  domain::SupervisionKind kind = domain::SupervisionKind::kPeerPractice;  // what the caller gives
  std::optional<Instant> last_supervision;  // the latest session the caller held with them
  bool supervision_due = false;
  int due_after_days = 0;
  // Open drift flags, final notes that keep words the review marked,
  // advice requests and boundary events (all time; docs/scope.md).
  store::GuardrailCounts guardrails;
  // Of the open drift flags, those raised more than fidelity.json's
  // drift_alert_days ago (docs/fidelity.md): they stand out.
  std::int64_t drift_flags_open_long = 0;
  int drift_alert_days = 0;
  bool NeedsAttention() const {
    return drafts_past_deadline > 0 || role_drift > 0 || supervision_due ||
           guardrails.open_drift_flags > 0;
  }
};
struct SupervisorOverview {
  // Those who need attention first (most drafts past the deadline, then
  // role drift), then the others by name.
  std::vector<SuperviseeAttention> supervisees;
  std::int64_t drafts_past_deadline = 0;  // totals over the supervisees
  std::int64_t role_drift = 0;
  std::int64_t supervision_due = 0;  // supervisees due supervision
  std::int64_t open_drift_flags = 0;
  std::int64_t kept_flagged_notes = 0;
  int deadline_hours = 0;
  int recent_days = 0;
};
// The supervisor's page: one entry per supervisee, in a fixed number of
// queries whatever the number of supervisees or contacts (no list of
// contacts is read). Audited as a read of the supervisees' work (no person's
// record is shown). Forbidden (audited) for anyone but a supervisor.
Result<SupervisorOverview> OverseeSupervisees(Services& services, const Caller& caller,
                                              int recent_days);

struct SuperviseeWorkInput {
  Id worker_id = 0;
  int recent_days = 14;
  int page_size = 20;
  int past_deadline_offset = 0;  // the page of each list
  int recent_offset = 0;
};
struct SuperviseeWork {
  SuperviseeAttention attention;
  std::vector<RecentContact> past_deadline;  // one page, oldest first
  std::vector<RecentContact> drifted;        // the recent period's role drift, newest first (one page)
  std::vector<RecentContact> recent;         // one page of the recent period, newest first
  std::int64_t recent_total = 0;
  std::vector<domain::SupervisionSession> sessions;  // the latest few the caller held with them
  std::vector<domain::DriftFlag> open_drift;         // open drift flags, newest first (one page)
  std::vector<domain::BoundaryRecord> boundary;      // the latest boundary events (one page)
  std::vector<domain::AdviceRequest> advice;         // the latest advice requests (one page)
  std::vector<domain::SafetyEvent> safety;           // the latest safety events (one page)
  store::DisplayNames names;  // the people named by open_drift, boundary, advice and safety
  int deadline_hours = 0;
  int recent_days = 0;
};
// One supervisee's work for their supervisor: drafts past the deadline,
// role drift and recent contacts, each paged and counted, and the latest
// supervision sessions the caller held with them. The people shown are
// audited (caseload.read); a worker who is not the caller's supervisee is
// Forbidden (audited), like an unknown id.
Result<SuperviseeWork> OverseeSupervisee(Services& services, const Caller& caller,
                                         const SuperviseeWorkInput& input);

}  // namespace alongside::usecase
