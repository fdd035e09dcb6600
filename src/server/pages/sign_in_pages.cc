// Signing in and out, the home redirect and the stylesheet: the pages with
// no record behind them.
#include <optional>
#include <string>

#include "rules/rules.h"
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
      !CsrfTokenMatches(holder, FormBodyField(context.request, "csrf_token"))) {
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

void RenderAccount(Context& context, const std::string& notice, const std::string& error,
                   int status) {
  // A peer worker's own scores are linked from here, reached from their
  // name in the header: a third item in their navigation made Today taller
  // than its three screens at 375 px (e2e_day).
  const Principal& who = context.Who();
  const bool peer_worker = who.role && rules::Current().IsPeerWorker(*who.role);
  RenderPage(context, "account", "Your sign-in",
             View{{"csrf_token", who.csrf_token},
                  {"notice", OptionalText(notice)},
                  {"error", OptionalText(error)},
                  {"peer_worker", peer_worker}},
             status);
}

Status ShowAccount(Context& context) {
  RenderAccount(context, "", "", 200);
  return Status::Ok();
}

Status SubmitPasswordChange(Context& context) {
  Status changed = context.services.auth.ChangePassword(
      context.Who(), Field(context.request, "current_password"),
      Field(context.request, "new_password"), context.actor);
  if (changed.code() == StatusCode::kInvalidArgument) {
    const std::string what = changed.field() == "current_password" ? "Your current password "
                                                                    : "The new password ";
    RenderAccount(context, "", what + changed.detail() + ".", HttpStatusFor(changed.code()));
    return Status::Ok();
  }
  ALONGSIDE_RETURN_IF_ERROR(changed);
  RenderAccount(context, "Your password is changed. Every other session has been signed out.", "",
                200);
  return Status::Ok();
}

Status SubmitSignOutElsewhere(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(int ended,
                             context.services.auth.SignOutElsewhere(context.Who(), context.actor));
  RenderAccount(context,
                ended == 0 ? std::string("You were not signed in anywhere else.")
                           : "Signed out of " + std::to_string(ended) +
                                 (ended == 1 ? " other session." : " other sessions."),
                "", 200);
  return Status::Ok();
}

Status ServeScript(Context& context) {
  context.response.set_header("Cache-Control", "public, max-age=3600");
  context.response.set_content(std::string(Script()), "text/javascript; charset=utf-8");
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
  router.Add(PageRoute("GET", "/static/app.js", kPublic, ServeScript,
                       "The script that keeps typed text until it is saved"));
  router.Add(PageRoute("GET", "/login", kPublic, ShowLogin, "The sign-in form"));
  router.Add(PageRoute("POST", "/login", kPublic, SubmitLogin, "Signs in; redirects by role"));
  router.Add(PageRoute("POST", "/logout", RouteAccess::kSignedIn, SignOut, "Signs out"));
  router.Add(PageRoute("GET", "/account", RouteAccess::kSignedIn, ShowAccount,
                       "Your sign-in: change the password, sign out everywhere else"));
  router.Add(PageRoute("POST", "/account/password", RouteAccess::kSignedIn, SubmitPasswordChange,
                       "Changes the password; ends every other session"));
  router.Add(PageRoute("POST", "/account/sign-out-elsewhere", RouteAccess::kSignedIn,
                       SubmitSignOutElsewhere, "Ends every other session of this sign-in"));
}

}  // namespace alongside::server::pages
