// The HTML pages' route table: each capability adds its routes, in this
// order (see page_routes.h for what a page handler does and does not do).
#include "server/pages/page_routes.h"

#include <utility>

#include "server/pages/page_view.h"

namespace alongside::server {

void AddPageRoutes(Router& router) {
  pages::CheckPageTemplates();
  router.SetPageErrorRenderer(pages::RenderErrorPage);

  pages::AddSignInPages(router);       // /, /static/app.css, /login, /logout
  pages::AddTodayPages(router);        // /today, /plans
  pages::AddWorkerPages(router);       // /caseload, /people/{id}
  pages::AddContactPages(router);      // /contacts/...
  pages::AddGuardrailPages(router);    // /contacts/{id}/advice, /contacts/{id}/boundary, drift
  pages::AddSafetyPages(router);       // /people/{id}/safety/new, /safety, /safety/{id}
  pages::AddGovernancePages(router);   // /governance, /grievances, /me/grievances, /me/metrics
  pages::AddOwnRecordPages(router);    // /me, /me/goals, /me/contacts
  pages::AddPlanPages(router);         // /me/plans/..., /people/{id}/plans/...
  pages::AddSupervisionPages(router);  // /supervision
  pages::AddProgramPages(router);      // /program, /admin, /welcome
  pages::AddSettingsPages(router);     // /settings
}

namespace pages {

Route PageRoute(std::string method, std::string path, RouteAccess access, Handler handler,
                std::string summary) {
  Route route;
  route.method = std::move(method);
  route.path = std::move(path);
  route.kind = RouteKind::kPage;
  route.access = access;
  route.handler = std::move(handler);
  route.summary = std::move(summary);
  return route;
}

}  // namespace pages
}  // namespace alongside::server
