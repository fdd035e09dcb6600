// Installs the route table and what applies to every response: security
// headers, the JSON not-found answer, and turning an exception into a 500
// (logged, never shown).
#pragma once

#include <httplib.h>

#include "server/router.h"

namespace alongside::server {

// Adds every route (API and pages) to `router` and installs it on `http`.
void RegisterRoutes(httplib::Server& http, Router& router, Services& services);

}  // namespace alongside::server
