// How much the pages show at a time, and the sign-in form's cookie: the
// presentation constants, named so they can be documented (docs/pages.md)
// and tested. The program's working rules (the documentation deadline, when
// a person is due a contact) are not here: they are data
// (rules::Current().practice(), src/rules/data/practice.json), applied by
// the use cases.
#pragma once

namespace alongside::server::pages {

// /today is a phone screen or two: it lists this many goals due for review,
// drafts (oldest, most overdue, first) and people to see, and counts the
// rest (the use case counts all of them).
inline constexpr int kGoalsDueShown = 3;
inline constexpr int kTodayDraftsShown = 3;
inline constexpr int kTodayPeopleShown = 5;
// Notes shown at a time on /people/{id} and /me/contacts (newest first).
inline constexpr int kNotesPerPage = 10;

// /admin shows this many of the latest audit log entries.
inline constexpr int kAuditEntriesShown = 25;

// /supervision counts a supervisee's contacts outside peer scope, and lists
// their recent contacts, over the last kRecentContactDays days.
inline constexpr int kRecentContactDays = 14;
// /program shows contacts per week for this many weeks, this one included.
inline constexpr int kWeeksShown = 12;

// The double-submit cookie that protects the sign-in form (there is no
// session yet to hold a CSRF token): GET /login sets it, POST /login must
// send the same value in the csrf_token field.
inline constexpr const char* kLoginCsrfCookie = "alongside_login_csrf";

}  // namespace alongside::server::pages
