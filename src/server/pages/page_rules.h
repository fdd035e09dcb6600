// The working rules the pages apply, named so they can be documented
// (docs/pages.md) and tested.
#pragma once

namespace alongside::server::pages {

// A contact's note should be final within this many hours of the contact's
// start; drafts older than that are shown to supervisors on /supervision and
// flagged on the worker's /today.
inline constexpr int kDocumentationDeadlineHours = 72;

// On /today, a person is "to see" when their last contact is more than this
// many days ago (or they have none); if fewer than kMinPeopleToSee are, the
// people with the oldest last contact fill the list up to that many.
inline constexpr int kDaysBeforeContactIsDue = 7;
inline constexpr int kMinPeopleToSee = 3;

// /today shows this many goals due for review, then says how many more wait.
inline constexpr int kGoalsDueShown = 10;
// /today lists this many of the worker's drafts, oldest (most overdue)
// first, and counts all of them and those past the deadline.
inline constexpr int kDraftsShown = 10;
// Notes shown at a time on /people/{id} and /me/contacts (newest first).
inline constexpr int kNotesPerPage = 10;

// /admin shows this many of the latest audit log entries.
inline constexpr int kAuditEntriesShown = 25;

// /supervision lists contacts of the last kRecentContactDays days.
inline constexpr int kRecentContactDays = 14;
// /program shows contacts per week for this many weeks, this one included.
inline constexpr int kWeeksShown = 12;

// The double-submit cookie that protects the sign-in form (there is no
// session yet to hold a CSRF token): GET /login sets it, POST /login must
// send the same value in the csrf_token field.
inline constexpr const char* kLoginCsrfCookie = "alongside_login_csrf";

}  // namespace alongside::server::pages
