// docs/api.md is generated from the route table, so it cannot drift:
// `alongside api-docs > docs/api.md` writes it and a test checks the
// committed file equals what the table produces.
#pragma once

#include <string>

namespace alongside::server {

// The API reference (every /api/v1 route, its access, summary and examples).
std::string ApiReferenceMarkdown();

}  // namespace alongside::server
