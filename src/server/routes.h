// The route table: every path the server answers, read top to bottom in
// routes.cc. Handlers are thin: parse -> authorize -> domain/store call ->
// respond; errors go through RespondError.
#pragma once

#include <httplib.h>

#include "store/store.h"

namespace alongside::server {

void RegisterRoutes(httplib::Server& http, store::Store& store);

}  // namespace alongside::server
