// The JSON API under /api/v1: the one list of its capabilities, in the
// order docs/api.md shows them. Each capability's routes are in its own
// file beside this one (session_api.cc, program_api.cc, people_api.cc,
// contacts_api.cc, goals_api.cc, staff_api.cc, plans_api.cc); each handler parses, calls
// one use case (usecase/) and renders. `alongside api-docs` prints the table.
#include "server/api/api_common.h"

namespace alongside::server {

void AddApiRoutes(Router& router) {
  api::AddSessionRoutes(router);
  api::AddProgramRoutes(router);
  api::AddPeopleRoutes(router);
  api::AddContactRoutes(router);
  api::AddGoalRoutes(router);
  api::AddStaffRoutes(router);
  api::AddPlanRoutes(router);
  api::AddGuardrailRoutes(router);
  api::AddSafetyRoutes(router);
  api::AddFidelityRoutes(router);
  api::AddGovernanceRoutes(router);
}

}  // namespace alongside::server
