// Rendering of Alongside's HTML pages. Every page is a mustache template
// (templates/*.mustache, compiled into the binary) rendered by libmstch with
// HTML escaping on for every {{value}}; the only unescaped insertion is the
// layout's {{{body}}}, which is itself the output of an escaped render. No
// page carries a <script> or a style attribute: the Content-Security-Policy
// forbids both, and the pages work without JavaScript.
//
// Thread-safe: templates are immutable after start-up.
#pragma once

#include <mstch/mstch.hpp>
#include <string>
#include <string_view>

#include "common/status.h"
#include "server/router.h"

namespace alongside::server::pages {

// Renders templates/<name>.mustache with `data`, wraps it in the layout
// (skip link, header with the navigation for the signed-in principal and the
// sign-out form, <main id="main">), and sets the response: `status` and the
// HTML content type (the server adds the CSP and no-store to every
// response). `title` is the page's <title> and its single <h1>. Throws
// std::out_of_range for an unknown template name (a programmer error).
void RenderPage(Context& context, std::string_view name, const std::string& title, mstch::map data,
                int status = 200);

// Renders a failed Status as an HTML page (403, 404, 409, 500 ...); the code
// comes from HttpStatusFor. Installed with Router::SetPageErrorRenderer.
void RenderErrorPage(Context& context, const Status& status);

// Where a principal's pages start: /today, /me, /supervision, /program, /admin
// or /welcome (roles with no pages yet).
std::string HomeFor(const Principal& principal);

// Sends a 303 See Other to `location` (a path on this server).
void Redirect(Context& context, const std::string& location);

// The served stylesheet, from static/app.css.
std::string_view StyleSheet();

}  // namespace alongside::server::pages
