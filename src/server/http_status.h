// The one place a Status becomes an HTTP response: its code and a JSON body
// {"error": <kind>, "field": <field, when one is at fault>, "detail": <words>}.
// Handlers never choose error codes themselves.
#pragma once

#include <httplib.h>

#include "common/status.h"

namespace alongside::server {

int HttpStatusFor(StatusCode code);
void RespondError(const Status& status, httplib::Response& response);

}  // namespace alongside::server
