// The HTML pages, one file per capability. Each Add<Capability>Pages adds
// that capability's routes to the table; AddPageRoutes (page_routes.cc,
// declared in server/router.h) calls them in order: the one list to read
// top to bottom.
//
// Every handler is a thin adapter: it parses the form or the query, calls
// the use case (usecase/) with context.UseCases() and context.Caller(), and
// renders a template, or shows the form again (400) with the use case's
// InvalidArgument beside the field it names. Any other failed Status goes
// back to the router, which renders the error page (403 Forbidden, 404 for
// a record that does not exist or is not the caller's, 409 Conflict). No
// handler reads the store, asks the access policy or writes an audit row
// about a person's record: the use case does all three.
#pragma once

#include <string>

#include "server/router.h"

namespace alongside::server::pages {

// /, /static/app.css, /login, /logout (sign_in_pages.cc).
void AddSignInPages(Router& router);
// /today and /plans: the worker's day and planned contacts (today_pages.cc).
void AddTodayPages(Router& router);
// /caseload, /people/{id} and what is written there (worker_pages.cc).
void AddWorkerPages(Router& router);
// /contacts/new, /contacts and /contacts/{id}/...: record, edit, finalise,
// amend (contact_pages.cc).
void AddContactPages(Router& router);
// /contacts/{id}/advice and /contacts/{id}/boundary (the five-step guide
// and a boundary moment), resolving a drift flag (guardrail_pages.cc).
void AddGuardrailPages(Router& router);
// /people/{id}/safety/new, /safety/{id} and /safety: a risk disclosed, the
// safety protocol's steps and the supervisors' oversight queue
// (safety_pages.cc).
void AddSafetyPages(Router& router);
void AddGovernancePages(Router& router);
// /me, /me/goals, /me/contacts: a person served's own record
// (own_record_pages.cc).
void AddOwnRecordPages(Router& router);
// /me/plans/... and /people/{id}/plans/...: the person's wellness and
// safety plans, written, co-signed, shared and printed (plan_pages.cc).
void AddPlanPages(Router& router);
// /supervision (supervision_pages.cc).
void AddSupervisionPages(Router& router);
// /settings: the program's time zone (settings_pages.cc).
void AddSettingsPages(Router& router);
// /program, /admin, /welcome (program_pages.cc).
void AddProgramPages(Router& router);

// A page route: HTML, errors rendered as pages, /login when signed out.
Route PageRoute(std::string method, std::string path, RouteAccess access, Handler handler,
                std::string summary);

}  // namespace alongside::server::pages
