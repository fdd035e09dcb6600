// Sign-in and sign-out.
#include "server/api/api_common.h"

namespace alongside::server::api {
namespace {

nlohmann::json WhoJson(const Principal& who) {
  return {{"username", who.username},
          {"display_name", who.display_name},
          {"role", who.role ? std::string(domain::Name(*who.role)) : "person_served"},
          {"staff_id", who.staff_id ? nlohmann::json(*who.staff_id) : nlohmann::json()},
          {"person_id", who.person_id ? nlohmann::json(*who.person_id) : nlohmann::json()},
          {"csrf_token", who.csrf_token}};
}

Status SignIn(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string username, input.String("username", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string password, input.String("password", true, 1024));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(SignedIn signed_in,
                             context.services.auth.SignIn(username, password, context.actor));
  context.response.set_header("Set-Cookie", context.services.auth.SessionCookie(signed_in.token));
  context.Json(WhoJson(signed_in.principal), 201);
  return Status::Ok();
}

Status WhoAmI(Context& context) {
  context.Json(WhoJson(context.Who()));
  return Status::Ok();
}

Status SignOut(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(context.services.auth.SignOut(context.Who(), context.actor));
  context.response.set_header("Set-Cookie", context.services.auth.ExpiredCookie());
  context.response.status = 204;
  return Status::Ok();
}

Status SignOutElsewhere(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(int ended,
                             context.services.auth.SignOutElsewhere(context.Who(), context.actor));
  context.Json({{"ended", ended}});
  return Status::Ok();
}

Status ChangePassword(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string current, input.String("current_password", true, 1024));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string replacement, input.String("new_password", true, 1024));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_RETURN_IF_ERROR(
      context.services.auth.ChangePassword(context.Who(), current, replacement, context.actor));
  context.response.status = 204;
  return Status::Ok();
}

}  // namespace

void AddSessionRoutes(Router& router) {
  AddRoute(router, "POST", "/api/v1/session", RouteAccess::kPublic, SignIn,
           "Sign in; sets the session cookie. Returns the CSRF token to send as X-CSRF-Token on "
           "every later POST, PUT or DELETE.",
           R"({"username": "peer12", "password": "..."})",
           R"({"username": "peer12", "display_name": "Alex B.", "role": "peer_specialist", )"
           R"("staff_id": 12, "person_id": null, "csrf_token": "9f2c..."})");
  AddRoute(router, "GET", "/api/v1/session", RouteAccess::kSignedIn, WhoAmI, "Who is signed in.",
           "", R"({"username": "peer12", "role": "peer_specialist", "csrf_token": "9f2c...", ...})");
  AddRoute(router, "DELETE", "/api/v1/session", RouteAccess::kSignedIn, SignOut,
           "Sign out; ends the session.", "", "(204, no body)");
  AddRoute(router, "DELETE", "/api/v1/session/others", RouteAccess::kSignedIn, SignOutElsewhere,
           "Sign out everywhere else: ends every other session of this sign-in.", "",
           R"({"ended": 2})");
  AddRoute(router, "PUT", "/api/v1/session/password", RouteAccess::kSignedIn, ChangePassword,
           "Change the password (8 to 1024 characters); ends every other session of this "
           "sign-in.",
           R"({"current_password": "...", "new_password": "..."})", "(204, no body)");
}

}  // namespace alongside::server::api
