// Signing in and out, the home redirect and the stylesheet: the pages with
// no record behind them.
#include <optional>
#include <string>

#include "server/auth.h"
#include "server/http_status.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_rules.h"
#include "server/pages/page_view.h"

namespace alongside::server::pages {
namespace {

std::string LoginCookie(Context& context, const std::string& value, bool expire) {
  std::string cookie =
      std::string(kLoginCsrfCookie) + "=" + value + "; Path=/login; HttpOnly; SameSite=Strict";
  if (expire) cookie += "; Max-Age=0";
  if (context.services.auth.options().secure_cookies) cookie += "; Secure";
  return cookie;
}

void RenderLogin(Context& context, const std::string& token, const std::string& username,
                 const std::string& error, int status) {
  RenderPage(context, "login", "Sign in",
             View{{"csrf_token", token}, {"username", username}, {"error", OptionalText(error)}},
             status);
}

Status ShowLogin(Context& context) {
  Result<Principal> who = context.services.auth.FromRequest(context.request);
  if (who.ok()) {
    Redirect(context, HomeFor(*who));
    return Status::Ok();
  }
  const std::string token = RandomToken();
  context.response.set_header("Set-Cookie", LoginCookie(context, token, false));
  RenderLogin(context, token, "", "", 200);
  return Status::Ok();
}

Status SubmitLogin(Context& context) {
  std::optional<std::string> cookie = Cookie(context.request, kLoginCsrfCookie);
  Principal holder;
  holder.csrf_token = cookie.value_or("");
  if (!cookie || cookie->empty() ||
      !CsrfTokenMatches(holder, Field(context.request, "csrf_token"))) {
    // A refused request, not a read of anyone's record.
    context.AuditAccess("csrf.refused", "request", 0, std::nullopt, "denied", "POST /login");
    return Status::Forbidden("the sign-in form has expired; open the sign-in page again");
  }
  const std::string username = Field(context.request, "username");
  Result<SignedIn> signed_in =
      context.services.auth.SignIn(username, Field(context.request, "password"), context.actor);
  if (!signed_in.ok()) {
    if (signed_in.status().code() != StatusCode::kUnauthenticated) return signed_in.status();
    RenderLogin(context, *cookie, username,
                "The username and password did not match, or the account is paused for a few "
                "minutes after several tries. Please try again.",
                HttpStatusFor(StatusCode::kUnauthenticated));
    return Status::Ok();
  }
  context.response.set_header("Set-Cookie", context.services.auth.SessionCookie(signed_in->token));
  context.response.set_header("Set-Cookie", LoginCookie(context, "", true));
  Redirect(context, HomeFor(signed_in->principal));
  return Status::Ok();
}

Status SignOut(Context& context) {
  Status signed_out = context.services.auth.SignOut(context.Who(), context.actor);
  if (!signed_out.ok()) return signed_out;
  context.response.set_header("Set-Cookie", context.services.auth.ExpiredCookie());
  Redirect(context, "/login");
  return Status::Ok();
}

Status Home(Context& context) {
  Result<Principal> who = context.services.auth.FromRequest(context.request);
  Redirect(context, who.ok() ? HomeFor(*who) : std::string("/login"));
  return Status::Ok();
}

Status ServeStyleSheet(Context& context) {
  context.response.set_header("Cache-Control", "public, max-age=3600");
  context.response.set_content(std::string(StyleSheet()), "text/css; charset=utf-8");
  return Status::Ok();
}

}  // namespace

void AddSignInPages(Router& router) {
  constexpr RouteAccess kPublic = RouteAccess::kPublic;
  router.Add(
      PageRoute("GET", "/", kPublic, Home, "Redirects to the signed-in user's home, or /login"));
  router.Add(PageRoute("GET", "/static/app.css", kPublic, ServeStyleSheet, "The stylesheet"));
  router.Add(PageRoute("GET", "/login", kPublic, ShowLogin, "The sign-in form"));
  router.Add(PageRoute("POST", "/login", kPublic, SubmitLogin, "Signs in; redirects by role"));
  router.Add(PageRoute("POST", "/logout", RouteAccess::kSignedIn, SignOut, "Signs out"));
}

}  // namespace alongside::server::pages
