// Rendering of Alongside's HTML pages. Every page is a mustache template
// (templates/*.mustache, embedded in the binary) rendered by kainjow mustache
// with HTML escaping on for every {{value}}; the only unescaped insertion is
// the layout's {{{body}}}, which is itself the output of an escaped render.
// Each template is parsed once, not on every request. No page carries a
// <script> or a style attribute: the Content-Security-Policy forbids both,
// and the pages work without JavaScript.
//
// Thread-safe: each server thread renders with its own compiled templates.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <string_view>

#include "common/status.h"
#include "server/router.h"

namespace alongside::server::pages {

// A template's data: names to values. A value is a string (escaped when
// shown), a bool (a {{#section}} shown or not), a View or a ViewList. Give
// numbers as strings: kainjow has no number type, and an int would silently
// become a bool. An empty string counts as true in a {{#section}}, so
// optional text goes through OptionalText.
using View = kainjow::mustache::object;
using ViewList = kainjow::mustache::list;
using ViewValue = kainjow::mustache::data;

// `text`, or false when it is empty, for {{#name}}...{{/name}}.
ViewValue OptionalText(const std::string& text);

// A form field for the templates (field_error.mustache): {id, value,
// error}, the error being `errors`' message for `name`, or false.
ViewValue ErrorOf(const std::map<std::string, std::string>& errors, const std::string& name);
View FieldView(const std::map<std::string, std::string>& errors, const std::string& name,
               const std::string& value);

// `view` as one value, its entries moved rather than copied (kainjow's data
// only copies a View it is built from).
ViewValue ToValue(View view);

// Compiles every page template (partials inlined) and throws
// std::logic_error naming the first that does not parse. Called when the
// page routes are added, so a broken template stops the server at start-up.
void CheckPageTemplates();

// Renders templates/<name>.mustache with `data`, wraps it in the layout
// (skip link, header with the navigation for the signed-in principal and the
// sign-out form, <main id="main">), and sets the response: `status` and the
// HTML content type (the server adds the CSP and no-store to every
// response). `title` is the page's <title> and its single <h1>. Throws
// std::out_of_range for an unknown template name (a programmer error).
void RenderPage(Context& context, std::string_view name, const std::string& title, View data,
                int status = 200);

// Renders a failed Status as an HTML page (403, 404, 409, 500 ...); the code
// comes from HttpStatusFor. Installed with Router::SetPageErrorRenderer.
void RenderErrorPage(Context& context, const Status& status);

// Where a principal's pages start: /me for a person served, /today for the
// peer_worker roles and /supervision for the supervisor roles (roles.json),
// /program for the program manager and the evaluator, /admin for the
// administrator, /welcome for roles with no pages yet.
std::string HomeFor(const Principal& principal);

// Sends a 303 See Other to `location` (a path on this server).
void Redirect(Context& context, const std::string& location);

// The served stylesheet, from static/app.css.
std::string_view StyleSheet();
// The one script, from static/app.js: keeps what is typed in a form until it
// is saved (a progressive enhancement; every page works without it).
std::string_view Script();

}  // namespace alongside::server::pages
